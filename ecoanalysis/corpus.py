"""A folder of reports as tidy tables: :func:`read_corpus` and :class:`Corpus`.

Documents are processed one at a time (in parallel with ``jobs``), results are streamed into
small tables and cached per document; only corpus-level steps (recurring-problem clusters,
problem → plan links, headline values) look across documents. Output order and content do
not depend on ``jobs``.

Example:
    >>> c = read_corpus("data/reports", jobs=1)
    >>> len(c.reports), sorted(c.reports.period.dropna().unique())[:1]
    (5, ['H1'])
    >>> c.text(c.doc_ids[0])[:2]
    'XX'
"""
from __future__ import annotations

import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .ingest import list_reports, read_document, unsupported_message
from .pipeline import PER_DOC_TABLES, concat, default_cache_dir, has_cached, load_cached, process_file, shown_path
from .schema import COLUMNS, frame

class MetadataFileError(ValueError):
    """The metadata override file cannot be read; the message names the file and the problem."""


TABLES = ("reports", "sections", "figures", "indicators", "checks", "problems", "problem_clusters",
          "problem_plan_links", "terms", "errors", "cleaning_log", "tables")


class Corpus:
    """Tables of a processed corpus (DataFrames) and lazy access to each report's cleaned text.

    Attributes: reports, sections, figures, indicators, checks, problems, problem_clusters,
    problem_plan_links, terms, errors, cleaning_log, tables (columns in docs/tables.md), notes (list of str).
    """

    def __init__(self, tables: dict, *, paths: dict, cache=None, notes=None, key=None, lazy=None):
        # lazy: table name → function returning it, for tables read from the cache only when used
        # (re-writing an unchanged corpus copies verified CSV bytes and never needs the frames)
        self._lazy = dict(lazy or {})
        for name in TABLES:
            if name not in self._lazy:
                setattr(self, name, tables.get(name, frame(name, [])))
        self.notes = list(notes or [])
        self._paths = dict(paths)
        self._cache = cache
        self._key = key  # the corpus cache key, when the whole corpus is cached

    def __getattr__(self, name):
        lazy = self.__dict__.get("_lazy", {})
        if name in lazy:
            df = lazy.pop(name)()
            setattr(self, name, df)
            return df
        raise AttributeError(name)

    def __repr__(self):
        return (f"<Corpus: {len(self.reports)} reports, {len(self.sections)} sections, {len(self.figures)} figures, "
                f"{len(self.indicators)} indicator mentions, {len(self.problems)} problems, {len(self.errors)} errors>")

    @property
    def doc_ids(self) -> list[str]:
        """Report ids in corpus order."""
        return self.reports["doc_id"].tolist()

    @property
    def headline(self) -> pd.DataFrame:
        """One value per report × indicator × kind, by the one rule ``extract.HEADLINE_RULE``
        (the charts, notebooks and HTML report use the same function, ``compare.headline``)."""
        from .extract.indicators import headline

        return headline(self.indicators)

    def _result(self, doc_id):
        if doc_id not in self._paths:
            raise KeyError(f"no report {doc_id!r} in this corpus")
        path = self._paths[doc_id]
        stamp = os.stat(path).st_mtime_ns if os.path.exists(path) else 0  # an edited file is re-read
        return _load_texts(path, doc_id, str(self._cache) if self._cache else None, stamp)

    def text(self, doc_id: str) -> str:
        """Cleaned (simplified) text of a report: every ``start``/``end`` in the tables indexes into it."""
        return self._result(doc_id)[0]

    def section_text(self, section_id: str) -> str:
        """Cleaned text of one section (``text(doc_id)[start:end]``; the ``sections`` table holds no copy)."""
        sec = self.sections
        hit = sec[sec["section_id"] == section_id]
        if not len(hit):
            raise KeyError(f"no section {section_id!r} in this corpus")
        row = hit.iloc[0]
        return self.text(str(row["doc_id"]))[int(row["start"]):int(row["end"])]

    def original_text(self, doc_id: str) -> str:
        """The text as decoded from the file, before cleaning (see ``clean.to_original`` for offsets)."""
        return self._result(doc_id)[1]

    def iter_sentence_terms(self):
        """Yield ``(doc_id, [[term, …] per sentence])`` one document at a time (never the whole corpus)."""
        for doc_id in self.doc_ids:
            yield doc_id, self._result(doc_id)[2]

    def to_dir(self, out, *, format: str = "csv", tables=None) -> list[Path]:
        """Write every table (and ``headline``) to ``out`` as one run; returns the paths written.

        The tables are written into a fresh folder beside ``out`` which then takes ``out``'s
        place in one step (see ``writers.TableRun``), so a reader never sees tables of two runs
        side by side. Text cells that a spreadsheet would run as a formula are neutralised in
        CSV (``writers.neutralise``). For a corpus that came from (or went into) the cache, the
        CSV bytes are kept beside the cache entry, checksummed, so re-writing the tables of an
        unchanged corpus is a verified file copy.
        """
        from .cache import read_entry, write_entry
        from .writers import DUCKDB_FILE, TableRun, duckdb_bytes, table_to_csv_bytes

        names = list(tables or (*TABLES, "headline"))
        if format == "duckdb":  # one database file with every table and the views
            with TableRun(out, [DUCKDB_FILE]) as run:
                data = duckdb_bytes({n: (self.headline if n == "headline" else getattr(self, n)) for n in names})
                run.write_bytes(DUCKDB_FILE, data)
            return run.written
        ext = "parquet" if format == "parquet" else "csv"
        with TableRun(out, [f"{n}.{ext}" for n in names]) as run:
            for name in names:
                kept = Path(self._cache) / "corpus" / f"{self._key}.{name}.csv" if self._key and self._cache else None
                if ext == "csv" and kept is not None:
                    data = read_entry(kept, kind=f"csv:{self._key}:{name}")
                    if data is None:
                        df = self.headline if name == "headline" else getattr(self, name)
                        data = table_to_csv_bytes(df)
                        try:
                            write_entry(kept, data, kind=f"csv:{self._key}:{name}")
                        except OSError:
                            pass
                    run.write_bytes(f"{name}.{ext}", data)
                    continue
                df = self.headline if name == "headline" else getattr(self, name)
                run.write_table(df, f"{name}.{ext}", format=ext)
        return run.written


@lru_cache(maxsize=8)
def _load_texts(path: str, doc_id: str, cache, stamp=0):
    res = load_cached(path, doc_id=doc_id, cache=cache, with_text=True)
    if res is None or res.text is None:
        res = process_file(path, doc_id=doc_id, cache=cache, keep_text=True)
    if res.text is None:  # unreadable file: fall back to the decoder's own error
        read_document(path, doc_id=doc_id)
    return res.text, res.original, res.sentence_terms or []


def _doc_ids(paths: list[Path], root: Path, overrides: pd.DataFrame | None) -> list[str]:
    """File stems, made unique; a ``metadata.csv`` row keyed by ``file`` may set the doc_id."""
    by_file = {}
    if overrides is not None and "file" in overrides.columns and "doc_id" in overrides.columns:
        by_file = {r["file"]: r["doc_id"] for _, r in overrides.iterrows() if r.get("doc_id")}
    ids, seen = [], set()
    for p in paths:
        rel = p.relative_to(root).as_posix() if root.is_dir() else p.name
        # a file name that is not UTF-8 gives a doc_id with its bytes escaped (it is written to CSV)
        doc_id = by_file.get(rel) or by_file.get(p.name) or shown_path(p.stem)
        if doc_id in seen:
            doc_id = shown_path(rel.replace("/", "__"))
        seen.add(doc_id)
        ids.append(doc_id)
    return ids


def _overrides_for(overrides: pd.DataFrame, *, doc_id: str, rel: str, name: str) -> pd.DataFrame:
    """The override rows meant for one report, keyed by its doc_id.

    A ``file`` cell with a folder (``sub2/a.txt``) matches only that relative path; a bare
    name (``a.txt``) matches every file of that name, and a name without its extension the
    report with that doc_id (``apply_overrides`` alone would match ``sub2/a.txt`` to any ``a``).
    """
    hit = pd.Series(False, index=overrides.index)
    if "doc_id" in overrides.columns:
        hit |= overrides["doc_id"].map(lambda v: "" if v is None or v != v else str(v).strip()) == doc_id
    if "file" in overrides.columns:
        def match(cell):
            f = "" if cell is None or cell != cell else str(cell).strip().replace("\\", "/")
            if not f:
                return False
            if "/" in f:
                return f.removeprefix("./") == rel
            return f == name or Path(f).stem == doc_id and not Path(f).suffix
        hit |= overrides["file"].map(match).astype(bool)
    rows = overrides[hit].drop(columns=[c for c in ("file",) if c in overrides.columns])
    return rows.assign(doc_id=doc_id)


def _worker_init(parent: int):
    # Ctrl-C is the main process's to handle: it stops the pool; workers must not print tracebacks
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # a worker dies with the main process, even when that is killed with SIGKILL (the OOM
    # killer, timeout -s KILL): otherwise it waits forever on a queue nobody writes to
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError, TypeError):  # not Linux: the watcher thread below does it
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch():  # portable fallback: poll the parent's liveness
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="ecoanalysis-parent-watch").start()


def _work(args):
    path, doc_id, cache, decode, env = args
    return process_file(path, doc_id=doc_id, cache=cache, decode=decode, env=env)


def iter_results(paths, doc_ids, *, jobs: int = 1, cache=None, progress: bool = False, decode: bool = True,
                 stream: bool = False):
    """Per-document results in input order; documents missing from the cache go to ``jobs`` workers.

    Cached documents are loaded in this process (a worker would only decode and re-send
    them), so a warm run pays neither process start-up nor inter-process copies. With
    ``decode=False`` the tables of cached documents (and, with a cache, of computed ones) stay
    encoded for ``pipeline.concat``. With ``stream=True``
    memory does not grow with the corpus: a cached document is loaded only when its turn comes
    (an entry that then fails verification is recomputed here), and at most a window of
    documents (8 per worker) is in flight to the workers.
    """
    # with a cache a worker encodes its tables anyway (for the entry): it then sends that form
    # (plain lists pickle and unpickle at half the cost of small DataFrames); without one,
    # encoding would cost more than it saves
    from .cache import env_digest

    # the code and resources are the same for the whole run: one digest for every lookup and
    # every entry, the workers' included
    env = env_digest() if cache else None
    tasks = [(str(p), d, str(cache) if cache else None, decode or not cache, env) for p, d in zip(paths, doc_ids)]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), unit="report", desc="reading reports")
    if stream:
        cached = [bool(c) and has_cached(p, doc_id=d, cache=c, env=env) for p, d, c, _, _ in tasks]
    else:
        cached = [load_cached(p, doc_id=d, cache=c, decode=decode, env=env) if c else None for p, d, c, _, _ in tasks]
    todo = [t for t, hit in zip(tasks, cached) if not hit]
    if jobs <= 1 or len(todo) <= 1:
        it = map(_work, todo)
        pool = None
    else:
        import signal
        import threading

        # workers are forked inside map(): ignoring SIGINT around it means no worker can ever
        # receive Ctrl-C before its initializer runs (the main process restores and handles it)
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),))
            if stream:
                it = _windowed(pool, todo, window=8 * jobs)
                next(it)  # the first window is submitted (the workers start) while SIGINT is ignored
            else:
                it = pool.map(_work, todo, chunksize=max(1, min(32, len(todo) // (jobs * 8) or 1)))
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
    try:
        for task, hit in zip(tasks, cached):
            if hit is True:  # stream: load it now; an entry that no longer verifies is recomputed
                p, d, c, _, _ = task
                hit = load_cached(p, doc_id=d, cache=c, decode=decode, env=env) or _work(task)
            res = hit if hit else next(it)
            if bar is not None:
                bar.update(1)
            yield res
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()


def _windowed(pool, todo, *, window: int):
    """``pool.map(_work, todo)`` with at most ``window`` tasks submitted and not yet consumed.

    The first ``next()`` only submits the first window and yields None."""
    from collections import deque

    pending, queue = deque(), iter(todo)
    for task in queue:
        pending.append(pool.submit(_work, task))
        if len(pending) >= window:
            break
    yield None
    while pending:
        res = pending.popleft().result()
        for task in queue:
            pending.append(pool.submit(_work, task))
            break
        yield res


def problem_tokens(res) -> dict:
    """``{problem_id: tokens}`` of one document's result (empty when it carries none)."""
    toks, table = res.problem_tokens, res.tables.get("problems")
    if toks is None or table is None:
        return {}
    if isinstance(table, dict):  # still encoded (a cached document)
        ids = next((v for c, _, v in table["columns"] if c == "problem_id"), None)
    else:
        ids = table["problem_id"].tolist()
    return dict(zip(ids, toks)) if ids is not None and len(ids) == len(toks) else {}


def cached_clusters(problems: pd.DataFrame, reports: pd.DataFrame, cache_dir, *, tokens=None):
    """Recurring-problem clusters, cached (checksummed JSON) under a hash of everything they depend on.

    ``tokens``: ``{problem_id: statement tokens}`` computed with the documents (optional; a
    statement without them is cut here), so the main process need not cut them again."""
    import hashlib

    from .cache import decode_frame, discard, dumps, encode_frame, loads, read_entry, write_entry
    from .cache import code_digest
    from .problems.clusters import cluster_problems

    if cache_dir is None:
        return cluster_problems(problems, reports, tokens=tokens)
    h = hashlib.sha256(code_digest().encode())
    cols = [c for c in ("doc_id", "problem_id", "heading", "text", "themes") if c in problems.columns]
    h.update(pd.util.hash_pandas_object(problems[cols].astype(str), index=False).values.tobytes())
    rcols = [c for c in ("doc_id", "province", "city", "county", "year") if c in reports.columns]
    h.update(pd.util.hash_pandas_object(reports[rcols].astype(str), index=False).values.tobytes())
    entry = Path(cache_dir) / "corpus" / f"{h.hexdigest()}.clusters.json"
    payload = read_entry(entry, kind="clusters")
    if payload is not None:
        try:
            obj = loads(payload)
            ids, clusters = obj["ids"], decode_frame(obj["clusters"])
            if len(ids) == len(problems) and list(clusters.columns) == COLUMNS["problem_clusters"]:
                return problems.assign(cluster_id=ids), clusters
            raise ValueError("entry does not fit these problems")
        except (ValueError, TypeError, KeyError) as exc:
            discard(entry, f"its content does not decode ({exc})")
    out, clusters = cluster_problems(problems, reports, tokens=tokens)
    try:
        write_entry(entry, dumps({"ids": out["cluster_id"].tolist(), "clusters": encode_frame(clusters)}), kind="clusters")
    except (OSError, TypeError, ValueError):
        pass
    return out, clusters


# reports beyond which read_corpus's tables, all held in memory, need several GB (about 0.4 MB a
# report at 10,000 sample-sized reports: benchmarks/results.md); the dataset path stays flat
IN_MEMORY_NOTE = 20_000
_MB_PER_REPORT = 0.4


class LargeCorpusWarning(UserWarning):
    """A corpus large enough that holding every table in memory needs several GB
    (``ecoanalysis.dataset.write_dataset``, ``extract --format dataset``, writes them batch by batch)."""


def read_corpus(path, *, jobs: int | None = None, cache=True, metadata=None, progress: bool = False,
                resources=None, scheduler=None) -> Corpus:
    """Read every report under ``path`` (txt, docx, pdf, doc) into a :class:`Corpus`.

    ``jobs``: worker processes (default: all cores). ``cache``: True for the default cache
    folder, a path, or False/None to disable. ``metadata``: a CSV of overrides (default:
    ``path/metadata.csv`` when present). ``resources``: an overlay folder layered over the shipped
    lexicons (``ecoanalysis.resources``; default ``$ECOANALYSIS_RESOURCES``); it stays in force
    for the rest of the process. ``scheduler``: run the per-document stage on a Dask cluster
    (``"local"`` for a ``LocalCluster`` of ``jobs`` workers, an address such as
    ``"tcp://host:8786"``, or a ``distributed.Client``; needs the ``cluster`` extra): each
    worker gets the file's bytes and the overlay's files, the cache and the corpus-level steps
    stay in this process, and the tables are those of a single-process run
    (``ecoanalysis.cluster``). Broken files land in ``Corpus.errors``; nothing raises for bad
    input.
    """
    plan = plan_corpus(path, jobs=jobs, cache=cache, metadata=metadata, resources=resources, scheduler=scheduler)
    for p in plan.skipped:
        warnings.warn(f"skipping {shown_path(p)}: unsupported extension", stacklevel=2)
    if len(plan.paths) > IN_MEMORY_NOTE:
        gb = len(plan.paths) * _MB_PER_REPORT / 1024
        warnings.warn(f"{len(plan.paths):,} reports: every table is held in memory (about {gb:.0f} GB for sample-sized "
                      "reports); `ecoanalysis extract DIR --out OUT --format dataset` (ecoanalysis.dataset.write_dataset) "
                      "writes them batch by batch in flat memory", LargeCorpusWarning, stacklevel=2)
    root, cache_dir, errors = plan.root, plan.cache_dir, list(plan.errors)
    key = (_corpus_key(root, plan.paths, plan.doc_ids, plan.skipped, plan.meta_path, plan.refused)
           if cache_dir is not None else None)
    hit = _load_corpus(cache_dir, key, root) if key else None
    if hit is not None:
        return hit

    reports, parts, notes, path_of, tokens = [], {name: [] for name in PER_DOC_TABLES}, [], {}, {}
    for res, report, errs in iter_documents(plan, scheduler=scheduler, progress=progress):
        errors.extend(errs)
        notes.extend(res.notes)
        if report is None:
            continue
        reports.append(report)
        path_of[res.doc_id] = res.path
        for name in PER_DOC_TABLES:
            parts[name].append(res.tables.get(name))
        tokens.update(problem_tokens(res))

    tables = {name: concat(parts[name], name) for name in PER_DOC_TABLES}
    tables["reports"] = reports_frame(reports)
    tables["errors"] = frame("errors", errors)
    problems, clusters = cached_clusters(tables["problems"], tables["reports"], cache_dir, tokens=tokens)
    tables["problems"], tables["problem_clusters"] = frame("problems", problems), frame("problem_clusters", clusters)
    corpus = Corpus(tables, paths=path_of, cache=cache_dir, notes=notes)
    if key:
        _store_corpus(cache_dir, key, corpus, root)
    return corpus


@dataclass
class Plan:
    """What a run reads, worked out before any document is processed (``plan_corpus``).

    ``errors`` holds the rows of files that are skipped (unsupported extension) or refused
    (links leaving the corpus, loops, no permission); ``skipped`` are warned about by the caller.
    """

    root: Path
    cache_dir: Path | None
    jobs: int
    meta_path: Path | None
    overrides: pd.DataFrame | None
    paths: list
    doc_ids: list
    skipped: list
    refused: list
    errors: list


def plan_corpus(path, *, jobs=None, cache=True, metadata=None, resources=None, scheduler=None) -> Plan:
    """Everything before the per-document stage: overlay, cache folder, overrides, files, doc ids."""
    from .metadata import read_overrides

    if scheduler is not None:  # fail before any work when dask is missing
        from .cluster import require_distributed

        require_distributed()

    if resources is not None:
        from .resources import use_overlay

        use_overlay(resources)

    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"no such folder or file: {root}")
    cache_dir = default_cache_dir() if cache is True else (Path(cache) if cache else None)
    jobs = jobs or os.cpu_count() or 1
    meta_path = Path(metadata) if metadata else (root / "metadata.csv" if root.is_dir() else None)
    overrides = None
    if meta_path and meta_path.exists():
        try:
            overrides = read_overrides(meta_path)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MetadataFileError(str(exc)) from None

    if cache_dir is not None:
        from .cache import prepare_cache_dir
        from .writers import remove_stale_temp_files

        cache_dir = prepare_cache_dir(cache_dir)  # None: the folder is not a cache (nothing written)
        if cache_dir is not None:
            remove_stale_temp_files(cache_dir, recursive=True)  # entries a killed run never finished
    paths, skipped, refused = list_reports(root, with_errors=True)
    errors = [{"path": shown_path(p), "doc_id": shown_path(p.stem), "stage": "skipped", "error": "unsupported_extension",
               "message": unsupported_message(shown_path(p.suffix))} for p in skipped]
    # files and folders that are not read at all (links leaving the corpus, loops, pipes, no permission)
    errors.extend({"path": shown_path(p), "doc_id": shown_path(p.stem), "stage": "ingest", "error": code,
                   "message": message} for p, code, message in refused)
    doc_ids = _doc_ids(paths, root, overrides)
    return Plan(root=root, cache_dir=cache_dir, jobs=jobs, meta_path=meta_path, overrides=overrides, paths=paths,
                doc_ids=doc_ids, skipped=skipped, refused=refused, errors=errors)


def iter_documents(plan: Plan, *, scheduler=None, progress: bool = False, stream: bool = False):
    """Yield ``(result, report row or None, error rows)`` per document, in corpus order.

    The report row has the metadata overrides applied (a bad override is one more error row);
    it is None for a file that could not be read. ``stream=True`` holds no more than a window
    of results at a time (cached ones are loaded when their turn comes; see :func:`iter_results`),
    for :func:`ecoanalysis.dataset.write_dataset`.
    """
    from .metadata import apply_overrides

    root, overrides = plan.root, plan.overrides
    if scheduler is None:
        results = iter_results(plan.paths, plan.doc_ids, jobs=plan.jobs, cache=plan.cache_dir, progress=progress,
                               decode=False, stream=stream)
    else:
        from .cluster import iter_cluster_results

        results = iter_cluster_results(plan.paths, plan.doc_ids, scheduler=scheduler, n_workers=plan.jobs,
                                       cache=plan.cache_dir, progress=progress, decode=False, stream=stream)
    for res in results:
        errors = list(res.errors)
        report = res.report
        if report is not None and overrides is not None:
            p = Path(res.path)
            rel = _rel(p, root) if root.is_dir() else p.name
            mine = _overrides_for(overrides, doc_id=res.doc_id, rel=rel, name=p.name)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                report = apply_overrides(report, mine, doc_id=res.doc_id)
            errors.extend({"path": shown_path(plan.meta_path), "doc_id": res.doc_id, "stage": "metadata",
                           "error": "bad_override", "message": str(w.message)} for w in caught)
        yield res, report, errors


def reports_frame(reports: list) -> pd.DataFrame:
    """The ``reports`` table of some report rows (counts and years as nullable integers)."""
    df = frame("reports", reports) if reports else frame("reports", [])
    for col in ("year", "plan_year", "n_chars", "n_sections", "n_figures", "n_removed"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df


def _rel(path, root: Path) -> str:
    try:  # lexical first: a link inside the corpus keeps its own name
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _corpus_key(root: Path, paths, doc_ids, skipped, meta_path, refused=()) -> str:
    """Hash of everything a whole corpus's tables depend on: code, resources, every file's bytes and path.

    The paths are hashed as given (not relative to ``root``), so a moved corpus is a new key and
    its ``path`` columns name the new place; a file that cannot be read is hashed by its error.
    """
    import hashlib

    from .cache import env_digest

    def enc(p) -> bytes:
        return str(p).encode("utf-8", "surrogateescape")

    h = hashlib.sha256(env_digest().encode())
    for p, d in zip(paths, doc_ids):
        h.update(enc(p) + b"\0" + d.encode("utf-8", "surrogatepass") + b"\0")
        try:
            h.update(hashlib.sha256(Path(p).read_bytes()).digest())
        except OSError as exc:
            h.update(f"unreadable\0{exc.errno}".encode())
    for p in skipped:
        h.update(b"skipped\0" + enc(p) + b"\0")
    for p, code, _ in refused:
        h.update(b"refused\0" + enc(p) + b"\0" + code.encode())
    if meta_path and Path(meta_path).exists():
        try:
            h.update(b"metadata\0" + Path(meta_path).read_bytes())
        except OSError as exc:
            h.update(f"metadata unreadable\0{exc.errno}".encode())
    return h.hexdigest()


def _load_corpus(cache_dir, key: str, root: Path):
    """An unchanged corpus comes back whole from one verified cache entry, without touching its documents.

    The entry is a small JSON record (paths, notes, each table's byte length) and then each
    table's JSON, one after the other; the whole entry is verified here, each table is decoded
    when it is first used.
    """
    from .cache import decode_frame, discard, loads, read_entry

    entry = Path(cache_dir) / "corpus" / f"{key}.corpus.json"
    payload = read_entry(entry, kind="corpus")
    if payload is None:
        return None
    try:
        cut = payload.index(b"\n")  # JSON text holds no raw newline: the record ends here
        obj = loads(payload[:cut])
        paths, notes, sizes = dict(obj["paths"]), list(obj["notes"]), dict(obj["tables"])
        if sorted(sizes) != sorted(TABLES) or cut + 1 + sum(sizes.values()) != len(payload):
            raise ValueError("the tables do not add up to the entry")
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        discard(entry, f"its content does not decode ({type(exc).__name__}: {exc})")
        return None
    view, lazy, at = memoryview(payload), {}, cut + 1
    for name in TABLES:
        def load(name=name, start=at, stop=at + sizes[name]):
            df = decode_frame(loads(bytes(view[start:stop])))
            if list(df.columns) != COLUMNS[name]:
                raise ValueError(f"cache entry {entry}: table {name!r} does not have its contract's columns")
            return df
        lazy[name] = load
        at += sizes[name]
    return Corpus({}, paths=paths, cache=cache_dir, notes=notes, key=key, lazy=lazy)


def _store_corpus(cache_dir, key: str, corpus: Corpus, root: Path) -> None:
    from .cache import dumps, encode_frame, write_entry

    try:
        parts = [dumps(encode_frame(getattr(corpus, name))) for name in TABLES]
        record = dumps({"tables": {name: len(b) for name, b in zip(TABLES, parts)},
                        "paths": corpus._paths, "notes": corpus.notes})
        write_entry(Path(cache_dir) / "corpus" / f"{key}.corpus.json", b"\n".join([record, b"".join(parts)]),
                    kind="corpus")
        corpus._key = key
    except (OSError, TypeError, ValueError):
        pass


__all__ = ["Corpus", "read_corpus", "iter_results", "COLUMNS", "LargeCorpusWarning"]
