"""One document through every per-document stage, with an on-disk cache.

``process_file`` runs ingest → clean → metadata → segment → extract → problems → words on a
single file and returns a :class:`DocResult` of small tables. A stage that fails records an
``errors`` row and the document keeps what the earlier stages produced; a file that cannot be
read at all gives only the error row. Results are cached per document, keyed by the file's
bytes, its doc_id, the package version, the code and the resource files, so an unchanged corpus
re-runs from the cache and a changed file reprocesses only itself.

Example:
    >>> r = process_file("data/reports/jiangxi_jiujiang_lushan_2022-h1.txt", cache=None)
    >>> r.report["city"], len(r.tables["sections"]) > 10
    ('九江市', True)
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .clean import clean_text
from .ingest import IngestError, read_document
from .schema import frame

PER_DOC_TABLES = ("sections", "figures", "indicators", "checks", "problems", "problem_plan_links", "terms",
                  "cleaning_log", "tables")


@dataclass
class DocResult:
    """Per-document output: a ``reports`` row, per-document tables, errors, and (optionally) texts."""

    doc_id: str
    path: str
    report: dict | None = None
    tables: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    text: str | None = None
    original: str | None = None
    sentence_terms: list | None = None
    # word tokens of each problem statement (aligned with tables["problems"]): the corpus-level
    # clustering reads them instead of cutting every statement again in the main process
    problem_tokens: list | None = None


@lru_cache(maxsize=1)
def default_cache_dir() -> Path:
    """``$ECOANALYSIS_CACHE``, else ``$XDG_CACHE_HOME/ecoanalysis``, else ``~/.cache/ecoanalysis``."""
    env = os.environ.get("ECOANALYSIS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ecoanalysis"


def _cache_file(cache: Path, sha: str, doc_id: str, env: str | None = None) -> Path:
    from .cache import env_digest

    key = hashlib.sha256(f"{sha}\0{doc_id}\0{env or env_digest()}".encode("utf-8", "surrogatepass")).hexdigest()
    return cache / key[:2] / f"{key}.json"


def shown_path(path) -> str:
    """``path`` as text that can always be written: undecodable bytes of a file name are escaped.

    >>> shown_path(b"/r/\\xb1\\xa8.txt".decode("utf-8", "surrogateescape"))
    '/r/\\\\xb1\\\\xa8.txt'
    """
    s = str(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return os.fsencode(s).decode("utf-8", "backslashreplace")


def encode_tables(tables: dict) -> dict:
    """``{name: DataFrame}`` in the cache's stored form (``cache.encode_frame``), which
    :func:`concat` joins; a table already encoded is kept as it is."""
    from .cache import encode_frame

    return {name: df if isinstance(df, dict) else encode_frame(df) for name, df in tables.items()}


def _encode_result(res: DocResult) -> bytes:
    from .cache import dumps

    return dumps({"doc_id": res.doc_id, "report": res.report, "errors": res.errors, "notes": res.notes,
                  "tables": encode_tables(res.tables), "problem_tokens": res.problem_tokens})


def _decode_result(payload: bytes, *, doc_id: str, decode: bool = True) -> DocResult:
    """A cached result; with ``decode=False`` its tables stay in their stored (encoded) form."""
    from .cache import dtype_of, decode_frame, loads
    from .schema import COLUMNS

    obj = loads(payload)
    if obj["doc_id"] != doc_id:
        raise ValueError("entry is for another document")
    tables = {}
    for name, enc in obj["tables"].items():
        if [c for c, _, _ in enc["columns"]] != COLUMNS[name]:
            raise ValueError(f"table {name!r} does not have its contract's columns")
        if decode:
            tables[name] = decode_frame(enc)
        else:  # checked now, decoded by concat() together with the other documents' parts
            for _, dtype, values in enc["columns"]:
                dtype_of(dtype)
                if len(values) != enc["n"]:
                    raise ValueError("column length mismatch")
            tables[name] = enc
    report = obj["report"]
    if report is not None and not isinstance(report, dict):
        raise ValueError("report is not a record")
    return DocResult(doc_id=doc_id, path="", report=report, tables=tables,
                     errors=list(obj["errors"]), notes=list(obj["notes"]),
                     problem_tokens=_checked_tokens(obj.get("problem_tokens"), tables.get("problems")))


def _checked_tokens(tokens, problems):
    """Stored statement tokens when they fit the stored problems table (one list of str per row), else None."""
    n = None if problems is None else (problems["n"] if isinstance(problems, dict) else len(problems))
    if not isinstance(tokens, list) or len(tokens) != n:
        return None
    if not all(isinstance(t, list) and all(isinstance(w, str) for w in t) for t in tokens):
        return None
    return tokens


def load_cached(path, *, doc_id: str, cache, with_text: bool = False, decode: bool = True,
                env: str | None = None) -> DocResult | None:
    """The cached result for this file's current bytes, or None.

    The tables and the texts are stored apart (``KEY.json`` and ``KEY.texts.json``), each a
    checksummed JSON entry (``ecoanalysis.cache``): a warm corpus run reads only the small
    tables; ``with_text`` also loads the cleaned and original text and the per-sentence terms.
    An entry that fails verification is discarded with one warning (the caller recomputes).
    The ``path`` columns always name the file where it is now, even if the corpus was moved.
    ``decode=False`` leaves the tables encoded, for :func:`concat` (a corpus run decodes each
    table once for all documents instead of once per document). ``env``: ``cache.env_digest()``
    when the caller has it (a corpus run computes it once, not once per document).
    """
    from .cache import discard, env_digest, loads, read_entry

    if cache is None:
        return None
    try:
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
    env = env or env_digest()
    entry = _cache_file(Path(cache), sha, doc_id, env)
    payload = read_entry(entry, kind="document", env=env)
    if payload is None:
        return None
    try:
        res = _decode_result(payload, doc_id=doc_id, decode=decode)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        discard(entry, f"its content does not decode ({type(exc).__name__}: {exc})")
        return None
    res.path = str(path)
    shown = shown_path(path)
    if res.report is not None:
        res.report["path"] = shown
    for e in res.errors:
        e["path"] = shown
    if with_text:
        texts_entry = entry.with_name(entry.stem + ".texts.json")
        payload = read_entry(texts_entry, kind="texts", env=env)
        try:
            t = loads(payload) if payload is not None else None
            if t is not None and not (isinstance(t.get("text"), str) and isinstance(t.get("original"), str)
                                      and isinstance(t.get("sentence_terms"), list)):
                raise ValueError("texts entry has the wrong shape")
        except (ValueError, AttributeError) as exc:
            discard(texts_entry, f"its content does not decode ({exc})")
            t = None
        if t is None:
            return None
        res.text, res.original, res.sentence_terms = t["text"], t["original"], t["sentence_terms"]
    return res


def has_cached(path, *, doc_id: str, cache, env: str | None = None) -> bool:
    """True when the cache holds an entry for this file's current bytes (unverified: :func:`load_cached`
    verifies it when it is read)."""
    if cache is None:
        return False
    try:
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return False
    return _cache_file(Path(cache), sha, doc_id, env).is_file()


def store_result(cache: Path, sha: str, res: DocResult, *, env: str | None = None) -> None:
    """Write ``res`` to the cache as the entry of a file with SHA-256 ``sha`` (as ``process_file`` does)."""
    from .cache import dumps, env_digest, prepare_cache_dir, write_entry

    if prepare_cache_dir(cache) is None:
        return
    env = env or env_digest()
    entry = _cache_file(cache, sha, res.doc_id, env)
    try:
        texts = dumps({"text": res.text, "original": res.original, "sentence_terms": res.sentence_terms or []})
        tables = _encode_result(res)
    except (TypeError, ValueError):
        return  # a value JSON cannot hold: the document is simply not cached
    try:
        # texts first: an entry under its final name always has its texts beside it
        write_entry(entry.with_name(entry.stem + ".texts.json"), texts, kind="texts", env=env)
        write_entry(entry, tables, kind="document", env=env)
    except OSError:
        pass  # a read-only or full cache folder must not fail the run


def _error(path, doc_id, stage, code, message) -> dict:
    return {"path": str(path), "doc_id": doc_id, "stage": stage, "error": code, "message": message}


def process_file(path, *, doc_id: str | None = None, cache=None, keep_text: bool = False,
                 decode: bool = True, env: str | None = None) -> DocResult:
    """Run every per-document stage on one file; never raises for bad input (see ``DocResult.errors``).

    ``decode=False`` returns the tables in the cache's stored form, as ``load_cached(decode=False)``
    does, for :func:`concat`: a worker then sends plain lists (cheaper to pickle and to unpickle
    than small DataFrames), and with a cache the encoding it writes anyway is reused. ``env``:
    ``cache.env_digest()`` when the caller has it (a corpus run computes it once for all workers).
    """
    path = Path(path)
    doc_id = doc_id or path.stem
    from .cache import env_digest

    # one digest per document for its lookup and its two entries (each costs a walk of the package)
    env = (env or env_digest()) if cache is not None else None
    cached = load_cached(path, doc_id=doc_id, cache=cache, with_text=keep_text, env=env, decode=decode)
    if cached is not None:
        return cached
    res = DocResult(doc_id=doc_id, path=str(path))
    shown = shown_path(path)
    try:
        read = read_document(path, doc_id=doc_id)
    except IngestError as exc:
        res.errors.append(_error(shown, doc_id, "ingest", exc.code, exc.message))
        return res
    except OSError as exc:
        res.errors.append(_error(shown, doc_id, "ingest", "unreadable", f"the file could not be read: {exc.strerror or exc}"))
        return res
    _run_stages(res, read)
    if not decode:
        res.tables = encode_tables(res.tables)
    if cache is not None:
        store_result(Path(cache), read.sha256, res, env=env)
    if not keep_text:
        res.text = res.original = res.sentence_terms = None
    return res


def _run_stages(res: DocResult, read) -> None:
    """clean, then one :class:`~ecoanalysis.document.Doc` that every stage reads: metadata and
    segment, then (with the sections) extract, tables, checks, problems and words."""
    from .document import Doc
    from .extract import extract_figures, extract_indicators, masked_share, run_checks
    from .extract.tables import apply_tables  # Word/PDF table cells: headers are cue, unit and period
    from .metadata import infer_metadata
    from .problems.features import span_tokens
    from .problems.links import link_problems_to_plans
    from .problems.statements import extract_problems
    from .segment import segment
    from .words.tokens import analyse_terms

    doc_id, path = res.doc_id, shown_path(res.path)
    ct = clean_text(read.text, edits=read.edits, log=read.log)
    res.text, res.original = ct.text, ct.original
    res.tables["cleaning_log"] = frame("cleaning_log", [{"doc_id": doc_id, **r} for r in ct.log])
    report = {"doc_id": doc_id, "script": ct.script, "encoding": read.encoding, "source_format": read.source_format,
              "n_chars": len(ct.text), "n_removed": len(ct.log), "path": shown_path(read.path), "sha256": read.sha256}
    res.report = report
    if len(ct.text.strip()) < 20:
        res.errors.append(_error(path, doc_id, "clean", "too_short", "under 20 characters of text remain after cleaning"))

    def stage(name, fn):
        try:
            return fn()
        except Exception as exc:  # one stage's bug must not lose the document
            res.errors.append(_error(path, doc_id, name, "internal", f"{type(exc).__name__}: {exc}"))
            return None

    doc = Doc.from_clean(ct, doc_id=doc_id, tables=read.tables)  # built once, read by every stage
    meta = stage("metadata", lambda: infer_metadata(doc)) or {}
    report.update({k: v for k, v in meta.items() if k != "doc_id"})
    sections = stage("segment", lambda: segment(doc))
    if sections is None:
        sections = frame("sections", [])
    res.tables["sections"] = sections
    doc = doc.with_sections(sections)  # the same document, now with its section index
    figures = stage("extract", lambda: extract_figures(doc))
    figures = frame("figures", []) if figures is None else figures
    indicators = stage("extract", lambda: extract_indicators(doc, figures))
    indicators = frame("indicators", []) if indicators is None else indicators
    tabled = stage("tables", lambda: apply_tables(doc, figures, indicators))
    res.tables["tables"], figures, indicators = tabled if tabled is not None else (frame("tables", []), figures, indicators)
    checks = stage("checks", lambda: run_checks(indicators, figures, period=report.get("period")))
    res.tables.update(figures=figures, indicators=indicators,
                      checks=frame("checks", []) if checks is None else checks)
    problems = stage("problems", lambda: extract_problems(doc))
    res.tables["problems"] = frame("problems", []) if problems is None else problems
    # the statements' tokens, read from the document's one tokenisation where jieba's blocks allow
    # (cut here rather than in the words stage, which reuses it)
    res.problem_tokens = stage("problems", lambda: span_tokens(
        doc, zip(res.tables["problems"]["start"].tolist(), res.tables["problems"]["end"].tolist()), cut_document=True))
    # links stay within one report, so they are computed (and cached) with the document; the
    # statements' tokens just cut are passed on rather than cut again
    links = stage("problems", lambda: link_problems_to_plans(res.tables["problems"], sections, text=doc,
                                                             tokens=res.problem_tokens))
    res.tables["problem_plan_links"] = frame("problem_plan_links", []) if links is None else links  # already framed
    if problems is not None and problems.empty and "problems" not in sections["part"].tolist():
        res.notes.append(f"{doc_id}: no problems section")
    analysed = stage("words", lambda: analyse_terms(doc))  # jieba runs once
    terms, res.sentence_terms = analysed if analysed is not None else (None, [])
    res.tables["terms"] = frame("terms", []) if terms is None else terms
    # counted over the column's values: the Series comparisons cost ~0.3 ms per report
    n_numbered = sum(1 for v in sections["level"].tolist() if v > 0)
    report["n_sections"] = n_numbered
    report["n_figures"] = len(figures)
    report["masked_share"] = stage("extract", lambda: masked_share(figures))
    if not n_numbered:
        res.notes.append(f"{doc_id}: no outline numbering found; the whole text is one section")


def concat(frames: list, name: str) -> pd.DataFrame:
    """Per-document parts (DataFrames, or tables still encoded by the cache) as one table.

    When every part has the same columns and dtypes the values are joined first and decoded
    once (what ``pd.concat`` gives for parts of one dtype); otherwise each part is decoded
    and ``pd.concat`` decides the dtypes, as it always did.
    """
    from .cache import decode_frame, encode_frame

    frames = [f for f in frames if f is not None and (f["n"] if isinstance(f, dict) else len(f))]
    if not frames:
        return frame(name, [])
    if any(isinstance(f, dict) for f in frames):
        encs = [f if isinstance(f, dict) else encode_frame(f) for f in frames]
        first = [(c, d) for c, d, _ in encs[0]["columns"]]
        if all([(c, d) for c, d, _ in e["columns"]] == first for e in encs):
            cols = [[c, d, [v for e in encs for v in e["columns"][i][2]]] for i, (c, d) in enumerate(first)]
            return frame(name, decode_frame({"n": sum(e["n"] for e in encs), "columns": cols}))
        frames = [decode_frame(e) for e in encs]
    return frame(name, pd.concat(frames, ignore_index=True))
