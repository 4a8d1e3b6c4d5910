"""ecoanalysis — comparative analytics of Chinese local environmental-bureau work reports.

Point it at a folder of reports (txt, docx, pdf) and get tidy pandas tables:

    >>> import ecoanalysis as ea
    >>> corpus = ea.read_corpus("data/reports")            # doctest: +SKIP
    >>> corpus.indicators.query("indicator == 'pm25'")      # doctest: +SKIP

The pipeline reads as the data flows: ingest → clean → (one ``Doc`` per report) → metadata → segment → extract →
problems → words → compare → plots; ``corpus`` ties them together and ``cli`` is a thin layer.
"""
__version__ = "0.1.0"

# the documented submodules, in the order the data flows; ``ea.<name>`` imports one on first use
SUBMODULES = ("ingest", "clean", "document", "metadata", "gazetteer", "segment", "extract", "problems", "words",
              "compare", "plots", "fonts", "corpus", "dataset", "cluster", "evaluate", "report", "resources", "schema",
              "writers", "pipeline", "cli")

# the public functions and classes, by the submodule that defines them; none shares a submodule's
# name (``ea.segment`` is the module, its function is ``ea.segment.segment``)
_EXPORTS = {
    "read_corpus": "corpus", "Corpus": "corpus", "write_dataset": "dataset", "read_dataset": "dataset",
    "read_document": "ingest", "clean_text": "clean", "to_original": "clean", "Doc": "document",
    "infer_metadata": "metadata",
    "extract_figures": "extract", "extract_indicators": "extract", "run_checks": "extract",
    "extract_problems": "problems", "similar_problems": "problems",
    "tokenize": "words", "term_frequencies": "words", "distinctive_terms": "words",
    "kwic": "words", "cooccurrence": "words",
}

__all__ = ["__version__", *_EXPORTS, *SUBMODULES]


def __getattr__(name):
    # lazy: `import ecoanalysis` stays fast and does not load jieba or matplotlib
    import importlib

    if name in SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'ecoanalysis' has no attribute {name!r}")


def __dir__():
    return sorted(set(__all__) | set(globals()))
