"""Words of reports: domain-aware tokenising and per-document term tables (``tokens``, what the
per-document pipeline uses), and corpus-level term frequencies, keyness, KWIC and co-occurrence
(``keyness``).

Example:
    >>> from ecoanalysis.words import tokenize
    >>> tokenize("黑臭水体全部消除")
    ['黑臭水体', '消除']
"""
from .keyness import cooccurrence, distinctive_terms, kwic, term_frequencies
from .tokens import (DEFAULT_WORD_FREQ, PARTS, analyse_terms, analyzer, count_terms, domain_words, get_tokenizer,
                     sentence_terms, stopwords, term_spans, tokenize)

__all__ = ["get_tokenizer", "tokenize", "term_spans", "count_terms", "sentence_terms", "analyse_terms",
           "stopwords", "domain_words", "analyzer", "PARTS", "DEFAULT_WORD_FREQ",
           "term_frequencies", "distinctive_terms", "kwic", "cooccurrence"]
