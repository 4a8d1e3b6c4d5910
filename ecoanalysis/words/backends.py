"""Optional faster tokenizer backend: jieba-rs (``rjieba``), giving jieba's tokens exactly.

``words.tokens`` always builds its own ``jieba.Tokenizer``; with the backend ``"rjieba"``
(``pip install ecoanalysis[fast]``, then ``ECOANALYSIS_TOKENIZER=rjieba`` or
``analyzer(backend="rjieba")``) the text is cut by a ``rjieba.Jieba`` built from that
tokenizer's own dictionary instead, and by jieba itself wherever the two are known to differ:

* the dictionary is jieba's, word for word: every entry of the jieba tokenizer's prefix dict with
  a frequency (jieba's ``dict.txt`` plus the domain dictionary and user words) is added to an
  empty ``rjieba.Jieba``; jieba counts a re-added word's frequency twice in its total and
  jieba-rs replaces it, so a placeholder word (a private-use character, never part of a Chinese
  block) carries the difference and both see the same total, hence the same route probabilities;
* HMM is on, as in ``tokens`` (``cut(text, hmm=True)`` and jieba's ``cut(text)``);
* jieba cuts a text block by block (runs of ``[\\u4e00-\\u9fd5a-zA-Z0-9+#&._%-]``; every other
  character is a token of its own, ``\\r\\n`` one token). Blocks where jieba-rs's rules for
  Latin, digits and symbols differ from jieba's (``1-6`` kept whole, ``369.61t``, ``qq.com``,
  ``6.5.8``, runs like ``--``; see ``_JIEBA_ONLY``) are cut by jieba; characters that jieba-rs
  counts as Chinese and jieba does not (CJK extensions, compatibility ideographs) are emitted
  alone, as jieba does; everything between is cut by jieba-rs in one call.

Found and checked by comparing both on the samples, the development corpus and random and
mutated strings (``benchmarks/bench_tokenizers.py``, ``tests/test_tokenizer_backends.py``); the
numbers are in ``benchmarks/notes.md`` ("Tokenizer backends"). If the jieba tokenizer is changed
after the backend was built (``get_tokenizer().add_word(...)``), it is rebuilt on the next cut;
while jieba's global force-split list is in use (a word added with frequency 0) jieba cuts alone.
"""
from __future__ import annotations

import re

BACKENDS = ("jieba", "rjieba")

_SYM = r"+#&._%\-"
# Inside a jieba block: what jieba-rs cuts otherwise. Symbol runs (--, .-, %%); a symbol other
# than . and % touching a Latin letter or digit (1-6, b_Y, gb3095-2012); a dot not between two
# digits (qq.com, 1.a) or a decimal followed by a letter or another dot (369.61t, 6.5.8); % followed
# by a letter or digit.
_JIEBA_ONLY = re.compile(
    rf"[{_SYM}]{{2}}|[A-Za-z0-9][+#&_\-]|[+#&_\-][A-Za-z0-9]|(?<![0-9])\.|\.(?![0-9])|\.[0-9]+[A-Za-z.]"
    r"|%[A-Za-z0-9]"
)
# characters jieba-rs puts in Chinese blocks and jieba does not (jieba: \u4e00-\u9fd5 only)
_RS_ONLY_HAN = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_PLACEHOLDER = "\ue000"


class RJiebaCutter:
    """``cut(text) -> list[str]``: jieba's tokens of ``text`` (HMM on), mostly computed by jieba-rs."""

    def __init__(self, tokenizer):
        import rjieba  # ImportError: the caller falls back to jieba
        from jieba import finalseg, re_han_default

        self._rjieba, self._finalseg = rjieba, finalseg
        self.tokenizer = tokenizer
        self._blocks = re_han_default
        self._build()

    def _build(self) -> None:
        tok = self.tokenizer
        tok.check_initialized()
        fast = self._rjieba.Jieba.empty()
        add = fast.add_word
        kept = 0
        for word, freq in tok.FREQ.items():
            if freq:  # frequency 0: a prefix of a word, or no word for jieba either
                add(word, freq, None)
                kept += freq
        if tok.total > kept:
            add(_PLACEHOLDER, tok.total - kept, None)
        self._fast = fast.cut
        self._total, self._n = tok.total, len(tok.FREQ)

    def __call__(self, text: str) -> list[str]:
        tok = self.tokenizer
        if tok.total != self._total or len(tok.FREQ) != self._n:
            self._build()  # words were added to the jieba tokenizer since
        if self._finalseg.Force_Split_Words:  # jieba-rs has no such global list
            return list(tok.cut(text))
        fast = self._fast
        if not _JIEBA_ONLY.search(text) and not _RS_ONLY_HAN.search(text):
            return fast(text, True)
        cuts = [(m.start(), m.end(), True) for m in self._blocks.finditer(text) if _JIEBA_ONLY.search(m.group())]
        cuts += [(m.start(), m.end(), False) for m in _RS_ONLY_HAN.finditer(text)]
        cuts.sort()
        out: list[str] = []
        pos = 0
        for start, end, by_jieba in cuts:
            if start > pos:
                out += fast(text[pos:start], True)
            if by_jieba:
                out += tok.cut(text[start:end])
            else:
                out.append(text[start:end])
            pos = end
        if pos < len(text):
            out += fast(text[pos:], True)
        return out
