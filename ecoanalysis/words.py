"""Domain-aware Chinese tokenisation (jieba with the shipped dictionary and stopwords).

Placeholder: the words issue extends this module.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

from .resources import read_lines, resource_path

_TERM_OK = re.compile(r"^(?=.*[\u4e00-\u9fffA-Za-z])[\u4e00-\u9fffA-Za-z0-9.]{2,}$")
_NUMERIC = re.compile(r"^[\d.]+$")


@lru_cache(maxsize=4)
def get_tokenizer() -> jieba.Tokenizer:
    """The package's own jieba Tokenizer, loaded with ``resources/userdict.txt`` (never jieba's global state)."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.load_userdict(str(resource_path("userdict.txt")))
    return tok


@lru_cache(maxsize=4)
def _stopwords() -> frozenset:
    return frozenset(read_lines("stopwords.txt"))


def tokenize(text: str) -> list[str]:
    """Terms of ``text``: jieba tokens minus stopwords, numbers, masks, punctuation and single characters.

    >>> tokenize("PM2.5平均浓度为32.2微克，持续改善")
    ['PM2.5', '平均', '浓度', '微克', '改善']
    """
    stop = _stopwords()
    return [t for t in get_tokenizer().lcut(text) if _TERM_OK.match(t) and not _NUMERIC.match(t) and t not in stop]
