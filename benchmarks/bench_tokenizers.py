"""Candidate tokenizer backends against jieba: same tokens? how much faster? (issue 15)

    python benchmarks/bench_tokenizers.py                       # samples + the development corpus
    python benchmarks/bench_tokenizers.py --repeats 5 --corpus /work/shared/devcorpus/docs
    python benchmarks/bench_tokenizers.py --show 5              # print the first differing sentences

Every candidate that imports is loaded exactly as ``words.tokens`` loads jieba: its own
tokenizer instance on jieba's default dictionary, then every entry of ``resources/userdict.txt``
(and the overlay's) added with ``add_word(word, freq, tag)``, HMM on, the text normalised by
``_Analyzer.normalise`` first. Candidates (each optional, skipped when it does not import):

* ``jieba_fast`` — jieba with the hot loops in C (SWIG), same ``Tokenizer`` API;
* ``jieba_fast_dat`` — jieba_fast on a double-array trie (C++/pybind11), same ``Tokenizer`` API;
* ``jieba_next`` — a jieba_fast fork with Rust parts, same ``Tokenizer`` API;
* ``rjieba`` — the Python binding of the Rust jieba-rs: ``rjieba.Jieba()`` with ``add_word`` and
  ``cut(text, hmm=True)``.

Identity is counted per sentence (``clean.sentence_spans`` of each text, each sentence cut on its
own) and per document (the whole text cut at once, as ``analyse_terms`` does). Throughput is
whole-text cutting, all texts per pass, the backends interleaved ``--repeats`` times, medians;
load time is building the tokenizer with the domain dictionary (jieba's prefix-dict cache warm).
The texts are read where they are; nothing is copied.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEVCORPUS = Path("/work/shared/devcorpus/docs")


def entries():
    from ecoanalysis.resources import resource_paths
    from ecoanalysis.words.tokens import _parse_userdict

    return [e for path in resource_paths("userdict.txt") for e in _parse_userdict(path)]


def _jieba_like(modname):
    def build(ents):
        mod = importlib.import_module(modname)
        if modname == "jieba_fast_dat":
            from jieba_fast_dat.core.tokenizer import Tokenizer
        elif modname == "jieba_next":
            from jieba_next.tokenizer import Tokenizer
        else:
            Tokenizer = mod.Tokenizer
        tok = Tokenizer()
        tok.initialize()
        for w, f, t in ents:
            tok.add_word(w, f, t)
        return lambda text: list(tok.cut(text, HMM=True))
    return build


def _rjieba(ents):
    import rjieba

    tok = rjieba.Jieba()
    for w, f, t in ents:
        tok.add_word(w, f, t)
    return lambda text: tok.cut(text, hmm=True)


def _package_backend(ents):
    """The package's own optional backend (``words.backends.RJiebaCutter``): jieba-rs with jieba's
    dictionary, jieba cutting the blocks where the two differ."""
    from ecoanalysis.words import tokens

    an = tokens.analyzer(backend="rjieba")
    if an.backend != "rjieba":
        raise ImportError("rjieba is not installed")
    return an._cut


BACKENDS = {
    "jieba": _jieba_like("jieba"),
    "ecoanalysis rjieba backend": _package_backend,
    "jieba_fast": _jieba_like("jieba_fast"),
    "jieba_fast_dat": _jieba_like("jieba_fast_dat"),
    "jieba_next": _jieba_like("jieba_next"),
    "rjieba": _rjieba,
}


def load_texts(corpus: Path | None):
    from ecoanalysis.clean import clean_text
    from ecoanalysis.words.tokens import analyzer

    norm = analyzer().normalise
    sets = {"samples": sorted((ROOT / "data" / "reports").glob("*.txt"))}
    if corpus and corpus.is_dir():
        sets["devcorpus"] = sorted(corpus.glob("*.txt"))
    out = {}
    for name, paths in sets.items():
        out[name] = [norm(clean_text(p.read_text(encoding="utf-8", errors="replace")).text) for p in paths]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEVCORPUS)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--show", type=int, default=0, help="print up to N differing sentences per backend")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import logging

    for name in ("jieba", "jieba_fast", "jieba_fast_dat", "jieba_next"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from ecoanalysis.clean import sentence_spans

    ents = entries()
    texts = load_texts(args.corpus)
    cutters, load_s, failed = {}, {}, {}
    for name, build in BACKENDS.items():
        try:
            t0 = time.perf_counter()
            cutters[name] = build(ents)
            load_s[name] = time.perf_counter() - t0
        except Exception as exc:  # noqa: BLE001 - a candidate that does not import or load
            failed[name] = f"{type(exc).__name__}: {exc}"
    print(f"{len(ents)} domain-dictionary entries; texts: "
          + ", ".join(f"{k} {len(v)} ({sum(map(len, v)):,} chars)" for k, v in texts.items()))
    for name, why in failed.items():
        print(f"- {name}: not available ({why})")

    ref = cutters["jieba"]
    ident = {}
    for name, cut in cutters.items():
        for set_name, docs in texts.items():
            n_sent = d_sent = n_doc = d_doc = n_tok = d_tok = 0
            shown = 0
            for text in docs:
                a, b = ref(text), cut(text)
                n_doc += 1
                d_doc += a != b
                for s, e in sentence_spans(text):
                    sent = text[s:e]
                    ra, rb = ref(sent), cut(sent)
                    n_sent += 1
                    n_tok += len(ra)
                    if ra != rb:
                        d_sent += 1
                        d_tok += len(set(ra) ^ set(rb))
                        if shown < args.show and name != "jieba":
                            shown += 1
                            print(f"  [{name}/{set_name}] jieba: {'/'.join(ra)}\n  [{name}/{set_name}] {name}: {'/'.join(rb)}")
            ident[name, set_name] = (n_sent, d_sent, n_doc, d_doc, n_tok)

    all_texts = [t for docs in texts.values() for t in docs]
    chars = sum(map(len, all_texts))
    mb = sum(len(t.encode("utf-8")) for t in all_texts) / 1e6
    times = {name: [] for name in cutters}
    for _ in range(args.repeats):
        for name, cut in cutters.items():
            gc.collect()
            t0 = time.perf_counter()
            for t in all_texts:
                cut(t)
            times[name].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}

    # the words stage as the pipeline runs it (analyse_terms: normalise, cut, terms, parts, sentences)
    from ecoanalysis.document import Doc
    from ecoanalysis.words import tokens

    stage = {}
    if "ecoanalysis rjieba backend" in cutters:
        stage = {"jieba": [], "rjieba": []}
        for _ in range(args.repeats):
            for backend in stage:
                an = tokens.analyzer(backend=backend)
                gc.collect()
                t0 = time.perf_counter()
                for t in all_texts:
                    tokens._terms_table(Doc(t, doc_id="d"), *tokens._tokens(t, an), "preamble")
                stage[backend].append(time.perf_counter() - t0)
        stage = {k: statistics.median(v) for k, v in stage.items()}

    print(f"\nthroughput over every text ({mb:.2f} MB, {chars:,} chars), median of {args.repeats} interleaved passes")
    print("| backend | load s | cut s | MB/s | × jieba | "
          + " | ".join(f"{s}: differing sentences / sentences, documents" for s in texts) + " |")
    print("|---|---:|---:|---:|---:|" + "---|" * len(texts))
    for name in cutters:
        cells = []
        for s in texts:
            n_sent, d_sent, n_doc, d_doc, _ = ident[name, s]
            cells.append(f"{d_sent} / {n_sent}, {d_doc} / {n_doc}")
        print(f"| {name} | {load_s[name]:.2f} | {med[name]:.3f} | {mb / med[name]:.2f} | "
              f"{med['jieba'] / med[name]:.2f} | " + " | ".join(cells) + " |")
    if stage:
        print(f"\nwords stage (normalise, cut, classify terms, terms table) over the same texts: jieba "
              f"{stage['jieba']:.3f} s, rjieba backend {stage['rjieba']:.3f} s: "
              f"×{stage['jieba'] / stage['rjieba']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
