"""The per-document stage on a Dask distributed cluster: ``read_corpus(path, scheduler=...)``.

The client (the process that calls :func:`ecoanalysis.read_corpus` or runs ``ecoanalysis
extract --scheduler ...``) lists the corpus, looks every document up in *its* cache, reads the
bytes of each miss and sends them to a worker together with the doc_id and the file's path (a
label only: a worker never opens the client's files). The resource overlay travels the same
way: its files' bytes are sent to the cluster once (one task holds them) and written to a
private folder on each worker. A worker runs :func:`ecoanalysis.pipeline.process_file` on its private copy, puts
the client's path back into the result and returns it with a digest of its code, resources and
pandas version; the client refuses results from a worker whose digest differs from its own
(another version of ecoanalysis or of pandas would write other tables), stores the results in
its cache (the same entries a single-process run writes) and hands them on in input order, so
the corpus-level steps and the tables are exactly those of a single-process run.

``scheduler`` is ``"local"`` (a ``LocalCluster`` of worker processes on this machine, for
trying the path out and for the tests), an address such as ``"tcp://host:8786"``, or a
``distributed.Client`` (used as it is and left open). Dask is an optional extra
(``pip install -e '.[cluster]'``); it is imported only when a scheduler is given.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections import deque
from contextlib import contextmanager
from pathlib import Path

from .pipeline import has_cached, load_cached, process_file, shown_path, store_result

INSTALL_HINT = "pip install -e '.[cluster]'"


class ClusterError(RuntimeError):
    """The cluster cannot be used: Dask is not installed, the scheduler cannot be reached, or a
    worker runs other code than this client. The message says what to do."""


def require_distributed():
    """The ``distributed`` module, or :class:`ClusterError` telling the user how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError("running on a Dask cluster (--scheduler, read_corpus(scheduler=...)) needs "
                           f"dask.distributed, which is not installed ({exc}): {INSTALL_HINT} "
                           "(or pip install 'ecoanalysis[cluster]')") from None
    return distributed


@contextmanager
def connect(scheduler, *, n_workers: int | None = None):
    """A ``distributed.Client`` for ``scheduler``; one this function made is closed on exit.

    ``"local"`` starts a ``LocalCluster`` of ``n_workers`` single-threaded worker processes
    (default: all cores) and no dashboard; a string is a scheduler address; a ``Client`` is
    used as it is and left open.
    """
    distributed = require_distributed()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if not isinstance(scheduler, str) or not scheduler.strip():
        raise ClusterError(f"scheduler must be 'local', an address such as tcp://host:8786 or a "
                           f"distributed.Client, not {scheduler!r}")
    address = scheduler.strip()
    cluster = None
    try:
        if address == "local":
            cluster = distributed.LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
            client = distributed.Client(cluster, set_as_default=False)
        else:
            from distributed.comm import resolve_address

            resolve_address(address)  # a malformed address or unknown host fails here, not in the Client
            client = distributed.Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {exc} "
                           "(start one with `dask scheduler` and workers with `dask worker ADDRESS`)") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ---------------------------------------------------------------- what travels with the task


def overlay_files() -> tuple | None:
    """The client's resource overlay (``$ECOANALYSIS_RESOURCES``) as ``((relative name, bytes), ...)``,
    or None when there is none: a worker rebuilds it from these bytes, never from the client's folder."""
    from .resources import overlay_dir

    folder = overlay_dir()
    if folder is None or not folder.is_dir():
        return None
    return tuple((p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*"))
                 if p.is_file() and "__pycache__" not in p.parts)


def _overlay_key(files) -> str:
    h = hashlib.sha256()
    for name, data in files or ():
        h.update(name.encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest() if files else ""


class _OverlaySwitch:
    """One overlay in force per worker process: tasks with the overlay in force run side by side,
    a task with another overlay waits until they are done, then switches (``use_overlay``)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._key = None  # None: not set up yet by any task (the worker's own environment is not trusted)
        self._digest = ""
        self._active = 0
        self._folder = None  # this process's copy of the overlay in force

    @contextmanager
    def use(self, files):
        key = _overlay_key(files)
        with self._cond:
            while self._active and self._key != key:
                self._cond.wait()
            if self._key != key:
                self._switch(files, key)
            self._active += 1
            digest = self._digest
        try:
            yield digest
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def _switch(self, files, key: str) -> None:
        import shutil
        import tempfile

        from .cache import env_digest
        from .resources import use_overlay

        folder = None
        if files:  # a private folder of this process, written from the bytes (never a shared one)
            folder = Path(tempfile.mkdtemp(prefix="ecoanalysis-overlay-"))
            for name, data in files:
                target = folder / name
                if folder.resolve() not in target.resolve().parents:
                    raise ValueError(f"overlay file name {name!r} leaves the overlay folder")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        use_overlay(folder)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        else:
            import atexit

            atexit.register(lambda: self._folder and shutil.rmtree(self._folder, ignore_errors=True))
        self._folder = folder
        self._key, self._digest = key, env_digest()


# the one piece of process state: which overlay this (worker) process has in force
_OVERLAY = _OverlaySwitch()


def run_shipped(data: bytes, *, path: str, doc_id: str, overlay=None, decode: bool = True):
    """Process one document from its bytes, as :func:`pipeline.process_file` would process the
    file at ``path`` (the tables name ``path``; the file itself is never opened). Runs on a worker;
    returns ``(env_digest, DocResult)`` with the texts kept for the client's cache. ``decode=False``:
    the tables in the cache's stored form (the client stores them as they are, and sends less)."""
    import shutil
    import tempfile

    label = Path(path)
    with _OVERLAY.use(overlay) as digest:
        folder = tempfile.mkdtemp(prefix="ecoanalysis-doc-")
        try:
            local = Path(folder) / f"report{label.suffix}"
            local.write_bytes(data)
            res = process_file(local, doc_id=doc_id, cache=None, keep_text=True, decode=decode)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    # the result names the client's file, as the cache does for a moved corpus (pipeline.load_cached)
    mine, shown = str(local), shown_path(label)
    res.path = str(label)
    if res.report is not None:
        res.report["path"] = shown
    for e in res.errors:
        e["path"] = shown
        if isinstance(e.get("message"), str):
            e["message"] = e["message"].replace(mine, shown)
    res.notes = [n.replace(mine, shown) if isinstance(n, str) else n for n in res.notes]
    return digest, res


# ---------------------------------------------------------------- the client's side


def _hold(value):
    return value


def _shippable(path: str) -> bytes | None:
    """The file's bytes, or None when the client should process it itself: it cannot be read or
    is over its format's size limit (``process_file`` then writes the error row without reading it)."""
    from .ingest import MAX_BYTES, MAX_TEXT_BYTES, SUPPORTED

    fmt = SUPPORTED.get(Path(path).suffix.lower())
    if fmt is None:
        return None
    limit = MAX_TEXT_BYTES if fmt == "txt" else MAX_BYTES
    try:
        if os.stat(path).st_size > limit:
            return None
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def iter_cluster_results(paths, doc_ids, *, scheduler, n_workers=None, cache=None, progress: bool = False,
                         decode: bool = True, stream: bool = False):
    """Per-document results in input order, the misses computed on the cluster (see the module doc).

    The same contract as :func:`ecoanalysis.corpus.iter_results`: cached documents are loaded
    here (no connection is made when every document is cached), the others are processed on
    the workers, and the results are stored in this process's cache. ``stream=True``: a cached
    document is loaded only when its turn comes (memory does not grow with the corpus).
    """
    from .cache import env_digest

    require_distributed()
    tasks = [(str(p), d) for p, d in zip(paths, doc_ids)]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), unit="report", desc="reading reports")
    try:
        expect = env_digest()  # one digest for every lookup of the run, and what workers must match
        if stream:
            cached = [_Later(p, d, cache, decode, expect)
                      if cache and has_cached(p, doc_id=d, cache=cache, env=expect) else None for p, d in tasks]
        else:
            cached = [load_cached(p, doc_id=d, cache=cache, decode=decode, env=expect) if cache else None
                      for p, d in tasks]
        todo = [t for t, hit in zip(tasks, cached) if hit is None]
        if not todo:
            for hit in cached:
                if bar is not None:
                    bar.update(1)
                yield _now(hit)
            return
        with connect(scheduler, n_workers=n_workers) as client:
            yield from _stream(client, tasks, cached, cache, expect, bar, decode)
    finally:
        if bar is not None:
            bar.close()


class _Later:
    """A cached document (``stream=True``), loaded when its turn comes."""

    __slots__ = ("path", "doc_id", "cache", "decode", "env")

    def __init__(self, path, doc_id, cache, decode, env):
        self.path, self.doc_id, self.cache, self.decode, self.env = path, doc_id, cache, decode, env


def _now(hit):
    if not isinstance(hit, _Later):
        return hit
    # an entry that no longer verifies is recomputed here, as corpus.iter_results does
    return (load_cached(hit.path, doc_id=hit.doc_id, cache=hit.cache, decode=hit.decode, env=hit.env)
            or process_file(hit.path, doc_id=hit.doc_id, cache=hit.cache))


def _stream(client, tasks, cached, cache, expect, bar, decode=True):
    files = overlay_files()
    # sent once, as a task holding the files (not scattered data: a lost worker's copy is recomputed)
    overlay = client.submit(_hold, files, pure=False) if files else None
    threads = sum(client.nthreads().values())
    if not threads:
        import warnings

        address = client.scheduler_info().get("address", "the scheduler")
        warnings.warn(f"no Dask worker is connected to {address} yet: the documents wait for one "
                      f"(start workers with `dask worker {address}`)", stacklevel=3)
    window = max(8, 4 * threads)  # documents in flight: bounds the bytes held by client and workers
    pending = deque()  # (index, future or None, sha) in input order
    queue = iter([(i, t) for i, (t, hit) in enumerate(zip(tasks, cached)) if hit is None])

    def submit_next() -> bool:
        for i, (path, doc_id) in queue:
            data = _shippable(path)
            if data is None:  # unreadable or too large: the client writes its error row itself
                pending.append((i, None, None))
            else:
                # the worker encodes its tables (for the cache entry and for concat) unless asked
                # for DataFrames: the client's one thread then only stores and joins them
                fut = client.submit(run_shipped, data, path=path, doc_id=doc_id, overlay=overlay,
                                    decode=decode, pure=False)
                pending.append((i, fut, hashlib.sha256(data).hexdigest()))
            return True
        return False

    try:
        while len(pending) < window and submit_next():
            pass
        for i, hit in enumerate(cached):
            if hit is None:
                j, fut, sha = pending.popleft()
                assert j == i
                submit_next()
                path, doc_id = tasks[i]
                if fut is None:
                    hit = process_file(path, doc_id=doc_id, cache=cache)
                else:
                    digest, hit = fut.result()
                    fut.release()
                    if digest != expect:
                        raise ClusterError("a Dask worker runs other ecoanalysis code, resources or pandas than this "
                                           f"client (digest {digest[:12]} ≠ {expect[:12]}): install the same version "
                                           f"on every machine ({INSTALL_HINT} from the same checkout)")
                    if cache is not None and hit.report is not None:  # a file that could not be read is not cached
                        store_result(Path(cache), sha, hit, env=expect)  # the entries a single-process run writes
                    hit.text = hit.original = hit.sentence_terms = None
            if bar is not None:
                bar.update(1)
            yield _now(hit)
    finally:
        for _, fut, _ in pending:
            if fut is not None:
                fut.cancel()
        if overlay is not None:
            overlay.release()


__all__ = ["ClusterError", "connect", "iter_cluster_results", "run_shipped", "overlay_files", "require_distributed"]
