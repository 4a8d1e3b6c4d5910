"""A corpus too large for memory: per-document tables streamed to a partitioned Parquet dataset.

:func:`write_dataset` runs the per-document stage exactly as :func:`~ecoanalysis.corpus.read_corpus`
does (same files, doc ids, overrides, cache and error rows) but never holds more than one batch
of documents' tables: every ``batch_size`` documents it writes one Parquet part per table::

    OUT/_dataset.json                     what was written (tables, parts, batch size, notes, paths)
    OUT/reports/part-00000.parquet        one part per batch, for every table (an empty part has
    OUT/indicators/part-00000.parquet     the schema too, so the parts always concatenate)
    ...
    OUT/headline/part-00000.parquet       headline values, per batch (the rule is per report)
    OUT/problem_clusters/part-00000.parquet   the one corpus-wide step, after the last batch

Every part of a table has the same Arrow schema (:data:`ARROW_TYPES`: strings, int64, float64,
bool). Recurring-problem clusters look across the whole corpus: after the last batch the
problems (doc_id, problem_id, heading, text, themes, start) and reports (doc_id, province, city,
county, year) columns are read back, clustered by the same code as ``read_corpus``, and the
``problems`` parts are rewritten one at a time with ``cluster_id`` filled, so the ``problems``
table is the one ``read_corpus`` gives. That step's memory grows with the number of problem
statements; everything else stays flat.

The dataset is built in a temporary folder beside ``OUT`` and takes its place in one step, so an
interrupted run leaves either the previous dataset or none; a broken file is an ``errors`` row.

Read it back with :func:`read_dataset` (a :class:`~ecoanalysis.corpus.Corpus` whose tables are
read when first used, equal to ``read_corpus``'s), :func:`read_table` (some columns of one
table), ``pandas.read_parquet(OUT / "indicators")`` or
``duckdb.sql("select * from 'OUT/indicators/*.parquet'")``.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from .corpus import (TABLES, Corpus, MetadataFileError, cached_clusters, plan_corpus, iter_documents, problem_tokens,
                     reports_frame)
from .pipeline import PER_DOC_TABLES, concat, shown_path
from .schema import COLUMNS, frame

MANIFEST = "_dataset.json"
FORMAT = "ecoanalysis-dataset"
VERSION = 1
DATASET_TABLES = (*TABLES, "headline")
CLUSTER_COLUMNS = ("doc_id", "problem_id", "heading", "text", "themes", "start")
# the statements' tokens, cut with their documents, kept beside the parts while the dataset is
# written (one part per batch) so that clustering need not cut every statement again; removed
# before the dataset is published
TOKENS_DIR = "_problem_tokens"
REPORT_CLUSTER_COLUMNS = ("doc_id", "province", "city", "county", "year")
INSTALL_HINT = "pip install -e '.[parquet]'"

_I, _NI, _F, _B = "int64", "Int64", "float64", "bool"  # Int64: nullable, read back as pandas Int64
# the columns that are not text; every other column of a table is a string column
ARROW_TYPES: dict[str, dict[str, str]] = {
    "reports": {"anonymised": _B, "year": _NI, "plan_year": _NI, "n_chars": _NI, "n_sections": _NI,
                "n_figures": _NI, "masked_share": _F, "n_removed": _NI},
    "sections": {"level": _I, "number": _NI, "start": _I, "end": _I, "own_chars": _I},
    "tables": {"table_id": _I, "row": _I, "column": _I, "start": _I, "end": _I},
    "cleaning_log": {"orig_start": _I, "orig_end": _I},
    "errors": {},
    "figures": {"start": _I, "end": _I, "value": _F, "masked": _B, "stripped": _B},
    "indicators": {"value": _F, "masked": _B, "start": _I, "end": _I},
    "headline": {"value": _F, "masked": _B, "start": _I, "end": _I, "n_mentions": _I},  # indicators + n_mentions
    "checks": {"start": _I, "end": _I},
    "problems": {"start": _I, "end": _I},
    "problem_clusters": {"n_statements": _I, "n_reports": _I},
    "problem_plan_links": {"score": _F, "addressed": _B},
    "terms": {"count": _I},
}


class DatasetError(ValueError):
    """``OUT`` is not a dataset this module wrote, or cannot become one (the message says why)."""


class NoReportsError(ValueError):
    """No report could be read (``write_dataset(require_reports=True)``): nothing was written.

    ``errors`` is the errors table of the run."""

    def __init__(self, message: str, errors: pd.DataFrame):
        super().__init__(message)
        self.errors = errors


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError(f"the Parquet dataset needs pyarrow: {INSTALL_HINT}") from exc
    return pa, pq


def columns_of(name: str) -> list[str]:
    return COLUMNS["indicators"] + ["n_mentions"] if name == "headline" else list(COLUMNS[name])


def arrow_schema(name: str):
    """The Arrow schema every part of table ``name`` is written with."""
    pa, _ = _pa()
    kinds = {_I: pa.int64(), _NI: pa.int64(), _F: pa.float64(), _B: pa.bool_()}
    types = ARROW_TYPES[name]
    return pa.schema([pa.field(c, kinds[types[c]] if c in types else pa.string()) for c in columns_of(name)])


def _array(values: pd.Series, typ):
    """One column as ``typ``; a value that does not fit (a stage that changed its types) is kept as text."""
    pa, _ = _pa()
    try:
        return pa.array(values, type=typ, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        if pa.types.is_string(typ):
            return pa.array(values.map(lambda v: v if v is None or v != v else str(v)).astype(object),
                            type=typ, from_pandas=True)
        raise


def to_arrow(df: pd.DataFrame, name: str):
    """``df`` (a table with its contract's columns) as an Arrow table with :func:`arrow_schema`."""
    pa, _ = _pa()
    schema = arrow_schema(name)
    df = df.reset_index(drop=True)
    arrays = []
    for f in schema:
        col = df[f.name] if f.name in df.columns else pd.Series([None] * len(df), dtype=object)
        if col.dtype == object or str(col.dtype) in ("str", "string"):
            col = col.astype(object)
        arrays.append(_array(col, f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _part_name(i: int) -> str:
    return f"part-{i:05d}.parquet"


def _write_part(folder: Path, name: str, df: pd.DataFrame, i: int) -> None:
    _, pq = _pa()
    (folder / name).mkdir(exist_ok=True)
    pq.write_table(to_arrow(df, name), folder / name / _part_name(i))


def is_dataset(out) -> bool:
    return (Path(out) / MANIFEST).is_file()


def check_dataset_dir(out) -> None:
    """Raise now (before any work) when ``out`` cannot become a dataset: it must be absent, an
    empty folder or a dataset written earlier (which is replaced); other files are never removed."""
    from .writers import OutputError, check_output_dir

    out = Path(out)
    check_output_dir(out)
    if out.is_dir() and not is_dataset(out) and any(not (p.name.startswith(".") and p.name.endswith(".tmp"))
                                                    for p in out.iterdir()):
        raise OutputError(f"cannot write a dataset to {out}: the folder holds other files (use an empty or new "
                          "folder; an earlier dataset there is replaced)", in_the_way=True)


def write_dataset(path, out, *, jobs=None, cache=True, metadata=None, resources=None, scheduler=None,
                  batch_size: int = 500, progress: bool = False, require_reports: bool = False) -> Path:
    """Read every report under ``path`` into the Parquet dataset ``out``; returns ``out``.

    Arguments as :func:`~ecoanalysis.corpus.read_corpus`; ``batch_size`` documents (read or not)
    make one part of each table. At most one batch of tables is held in memory (plus, at the end,
    the problem statements for clustering). ``require_reports``: raise :class:`NoReportsError`
    and write nothing when no report could be read.
    """
    from .extract.indicators import headline
    from .writers import exchange_paths, fsync_dir, current_umask, remove_stale_temp_files

    if int(batch_size) < 1:
        raise ValueError("batch_size must be at least 1")
    _pa()
    given = Path(out)
    out = Path(os.path.realpath(given)) if given.is_symlink() else given
    check_dataset_dir(out)
    plan = plan_corpus(path, jobs=jobs, cache=cache, metadata=metadata, resources=resources, scheduler=scheduler)
    for p in plan.skipped:
        warnings.warn(f"skipping {shown_path(p)}: unsupported extension", stacklevel=2)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out.parent)  # debris of an earlier, killed run
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=out.parent))
    try:
        os.chmod(tmp, 0o777 & ~current_umask())
        summary = _write_parts(plan, tmp, scheduler=scheduler, batch_size=int(batch_size), progress=progress,
                               headline=headline)
        if require_reports and not summary["n_reports"]:
            errors = read_table(tmp, "errors", manifest=False)
            raise NoReportsError(f"no report could be read in {path}", errors)
        _cluster_step(tmp, plan.cache_dir, summary["n_parts"])
        manifest = {"format": FORMAT, "version": VERSION, "batch_size": int(batch_size), **summary,
                    "tables": list(DATASET_TABLES),
                    "parts": {n: (1 if n == "problem_clusters" else summary["n_parts"]) for n in DATASET_TABLES},
                    "cache": str(plan.cache_dir) if plan.cache_dir is not None else None}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8",
                                    errors="surrogateescape")
        for sub in [tmp, *(tmp / n for n in DATASET_TABLES)]:
            fsync_dir(sub)
        if out.is_dir():  # an earlier dataset (or an empty folder): swapped in one step
            if exchange_paths(tmp, out):
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                old = out.parent / f".{out.name}.{os.getpid()}.old{os.urandom(4).hex()}.tmp"
                os.rename(out, old)
                os.rename(tmp, out)
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return given


def _write_parts(plan, folder: Path, *, scheduler, batch_size: int, progress: bool, headline) -> dict:
    """The per-document stage, one batch at a time; returns counts, notes and paths for the manifest."""
    notes, path_of = [], {}
    n_parts = n_reports = n_docs = 0
    batch = {"reports": [], "errors": list(plan.errors), "parts": {n: [] for n in PER_DOC_TABLES}, "n": 0,
             "tokens": {}}

    def flush():
        nonlocal n_parts
        tables = {name: concat(batch["parts"][name], name) for name in PER_DOC_TABLES}
        tables["reports"] = reports_frame(batch["reports"])
        tables["errors"] = frame("errors", batch["errors"])
        tables["headline"] = headline(tables["indicators"])
        for name, df in tables.items():
            _write_part(folder, name, df, n_parts)
        _write_tokens(folder, batch["tokens"], n_parts)
        n_parts += 1
        batch.update(reports=[], errors=[], parts={n: [] for n in PER_DOC_TABLES}, n=0, tokens={})

    for res, report, errs in iter_documents(plan, scheduler=scheduler, progress=progress, stream=True):
        batch["errors"].extend(errs)
        notes.extend(res.notes)
        n_docs += 1
        batch["n"] += 1
        if report is not None:
            n_reports += 1
            batch["reports"].append(report)
            path_of[res.doc_id] = res.path
            for name in PER_DOC_TABLES:
                batch["parts"][name].append(res.tables.get(name))
            batch["tokens"].update(problem_tokens(res))
        if batch["n"] >= batch_size:
            flush()
    if batch["n"] or not n_parts or batch["errors"]:
        flush()
    return {"n_parts": n_parts, "n_documents": n_docs, "n_reports": n_reports, "notes": notes,
            "paths": path_of}


def _write_tokens(folder: Path, tokens: dict, i: int) -> None:
    pa, pq = _pa()
    (folder / TOKENS_DIR).mkdir(exist_ok=True)
    t = pa.table({"problem_id": pa.array(list(tokens), type=pa.string()),
                  "tokens": pa.array(list(tokens.values()), type=pa.list_(pa.string()))})
    pq.write_table(t, folder / TOKENS_DIR / _part_name(i))


def _read_tokens(folder: Path) -> dict:
    """``{problem_id: tokens}`` of every batch (the folder is removed: it is no table of the dataset)."""
    _, pq = _pa()
    out = {}
    memo: dict = {}  # one string object per distinct token: ~30 tokens a statement, most of them repeats
    one = memo.setdefault
    for part in _parts(folder, TOKENS_DIR):
        t = pq.read_table(part)
        out.update(zip(t.column("problem_id").to_pylist(),
                       ([one(x, x) for x in toks] if toks is not None else toks
                        for toks in t.column("tokens").to_pylist())))
    shutil.rmtree(folder / TOKENS_DIR, ignore_errors=True)
    return out


def _cluster_step(folder: Path, cache_dir, n_parts: int) -> None:
    """Recurring-problem clusters over the whole corpus; ``cluster_id`` filled into each problems part."""
    pa, pq = _pa()
    problems = read_table(folder, "problems", columns=list(CLUSTER_COLUMNS), manifest=False)
    reports = read_table(folder, "reports", columns=list(REPORT_CLUSTER_COLUMNS), manifest=False)
    tokens = _read_tokens(folder)
    with_ids, clusters = cached_clusters(problems, reports, cache_dir, tokens=tokens)
    del problems, reports, tokens
    _write_part(folder, "problem_clusters", frame("problem_clusters", clusters), 0)
    ids = with_ids["cluster_id"].astype(object).tolist() if len(with_ids) else []
    del with_ids, clusters
    at = 0
    for part in _parts(folder, "problems"):
        t = pq.read_table(part)
        n = t.num_rows
        if n:
            col = pa.array(pd.Series(ids[at:at + n], dtype=object), type=pa.string(), from_pandas=True)
            t = t.set_column(t.schema.get_field_index("cluster_id"), "cluster_id", col)
            pq.write_table(t, part)
        at += n
    if at != len(ids):
        raise RuntimeError(f"problems parts hold {at} rows, clustering gave {len(ids)}")


def _parts(folder: Path, name: str) -> list[Path]:
    return sorted((Path(folder) / name).glob("part-*.parquet"))


def _manifest(out) -> dict:
    out = Path(out)
    try:
        m = json.loads((out / MANIFEST).read_text(encoding="utf-8", errors="surrogateescape"))
    except FileNotFoundError:
        raise DatasetError(f"{out} is not an ecoanalysis dataset (no {MANIFEST}); write one with "
                           "`ecoanalysis extract DIR --out OUT --format dataset`") from None
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{out / MANIFEST} cannot be read: {exc}") from None
    if m.get("format") != FORMAT or m.get("version") != VERSION:
        raise DatasetError(f"{out} is a dataset of another format or version ({m.get('format')} {m.get('version')})")
    return m


def read_table(out, name: str, *, columns=None, manifest: bool = True) -> pd.DataFrame:
    """Table ``name`` of the dataset ``out`` (only ``columns``, when given), parts in order.

    The dtypes are those of ``read_corpus``'s tables: text as pandas strings, counts as int64
    (float64 when a value is missing), ``Int64`` for the nullable columns of :data:`ARROW_TYPES`,
    bool; an empty table is ``schema.frame(name, [])`` (columns of object dtype), as in
    ``read_corpus``.
    """
    pa, pq = _pa()
    if manifest:
        _manifest(out)
    if name not in ARROW_TYPES:
        raise KeyError(f"no table {name!r} in a dataset (tables: {', '.join(DATASET_TABLES)})")
    cols = columns_of(name) if columns is None else list(columns)
    parts = _parts(out, name)
    schema = arrow_schema(name)
    if parts:
        t = pa.concat_tables([pq.read_table(p, columns=cols) for p in parts])
    else:
        t = schema.empty_table().select(cols)
    if not t.num_rows:
        return frame(name, [])[cols] if name != "headline" else pd.DataFrame(
            {c: pd.Series(dtype="object") for c in cols})
    df = t.to_pandas()
    types = ARROW_TYPES[name]
    for c in cols:
        if types.get(c) == _NI:
            df[c] = df[c].astype("Int64")
    if name == "headline":  # per-batch headline values, in the order of the corpus-wide rule
        df = df.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return df


def read_dataset(out) -> Corpus:
    """The dataset ``out`` as a :class:`~ecoanalysis.corpus.Corpus`: each table is read when first
    used (all of it: for a corpus larger than memory use :func:`read_table` with ``columns``,
    pandas or duckdb on the parts). Its tables equal ``read_corpus``'s on the same input;
    ``text(doc_id)`` works while the report files (and the cache) are where they were."""
    m = _manifest(out)
    lazy = {name: (lambda name=name: read_table(out, name, manifest=False)) for name in TABLES}
    cache = m.get("cache")
    return Corpus({}, paths=dict(m.get("paths", {})), cache=Path(cache) if cache else None,
                  notes=list(m.get("notes", [])), lazy=lazy)


__all__ = ["write_dataset", "read_dataset", "read_table", "arrow_schema", "to_arrow", "ARROW_TYPES", "DatasetError",
           "NoReportsError", "MetadataFileError", "check_dataset_dir", "is_dataset"]
