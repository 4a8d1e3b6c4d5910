"""Command line: a thin layer over the Python API.

    ecoanalysis extract REPORTS_DIR --out OUT_DIR      tables (CSV with BOM, or --format parquet)
    ecoanalysis extract REPORTS_DIR --out OUT_DIR --format dataset [--batch-size N]
                                                       a partitioned Parquet dataset, bounded memory
    ecoanalysis figures [REPORTS_DIR] [--out figures/] every figure, and the tables
    ecoanalysis report [REPORTS_DIR] --out report.html one self-contained HTML page
    ecoanalysis evaluate --gold GOLD.csv --pred indicators.csv | --reports DIR
    ecoanalysis evaluate --gold-metadata INDEX.csv --reports DIR | --pred-reports reports.csv
    ecoanalysis cache clear                            empty the per-document cache

Exit status: 0 on success, 1 when no report could be read (unless ``--allow-empty``), when
``--strict`` and a file failed (or evaluation found nothing to score) or an output could not be
written, 2 for usage errors such as a missing folder or an ``--out`` that is a file (output
paths are checked before any report is read, and for ``--scheduler`` without Dask installed or
a cluster that cannot be used), 130 after Ctrl-C, 143 after SIGTERM.

``--scheduler tcp://HOST:8786`` runs the per-document stage on a Dask cluster (``--scheduler
local``: a ``LocalCluster`` on this machine); see ``ecoanalysis.cluster``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

DEFAULT_REPORTS = "data/reports"
DEFAULT_TABLES = "data/processed"


def _corpus_args(p, *, reports_optional=False):
    if reports_optional:
        p.add_argument("reports", nargs="?", default=DEFAULT_REPORTS, help=f"folder of reports (default: {DEFAULT_REPORTS})")
    else:
        p.add_argument("reports", help="folder of reports (txt, docx, pdf), or one file")
    p.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--cache-dir", default=None, help="per-document cache folder (default: ~/.cache/ecoanalysis or $ECOANALYSIS_CACHE)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    p.add_argument("--metadata", default=None, help="CSV of metadata overrides (default: REPORTS/metadata.csv)")
    p.add_argument("--resources", default=None,
                   help="folder of resource files layered over the shipped ones (default: $ECOANALYSIS_RESOURCES)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run the per-document stage on a Dask cluster: the scheduler's address (tcp://HOST:8786), "
                        "or 'local' for a LocalCluster of --jobs workers on this machine; the cache and the tables "
                        "stay here (needs: pip install -e '.[cluster]')")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any file failed")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.add_argument("--allow-empty", action="store_true",
                   help="no readable report is not an error (exit 0; tables are written empty, no charts)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ecoanalysis", description="Comparative analytics of Chinese environmental-bureau work reports.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="read reports and write every table")
    _corpus_args(p)
    p.add_argument("--out", "-o", default=DEFAULT_TABLES, help=f"output folder (default: {DEFAULT_TABLES})")
    p.add_argument("--format", choices=["csv", "parquet", "duckdb", "dataset"], default="csv",
                   help="csv (UTF-8 with BOM), parquet, one DuckDB database with every table and views, or "
                        "dataset: a partitioned Parquet dataset written batch by batch, memory flat in the "
                        "corpus size (OUT/TABLE/part-NNNNN.parquet; see ecoanalysis.dataset)")
    p.add_argument("--batch-size", type=int, default=500, metavar="N",
                   help="with --format dataset: documents per part (default: 500)")

    p = sub.add_parser("figures", help="regenerate every figure and table")
    _corpus_args(p, reports_optional=True)
    p.add_argument("--out", "-o", default="figures", help="figure folder (default: figures)")
    p.add_argument("--tables", default=DEFAULT_TABLES, help=f"table folder (default: {DEFAULT_TABLES})")
    p.add_argument("--svg", action="store_true", help="also write SVG files")

    p = sub.add_parser("report", help="write a self-contained HTML report")
    _corpus_args(p, reports_optional=True)
    p.add_argument("--out", "-o", default="report.html")

    p = sub.add_parser("evaluate", help="score indicator extraction and/or metadata against gold files")
    p.add_argument("--gold", help="gold CSV: doc_id,indicator,kind,value,unit,masked,qualifier,optional,evidence")
    p.add_argument("--gold-metadata", help="gold metadata CSV: doc_id and any of province,city,county,year,period (empty = not scored)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--pred", help="predicted indicators.csv (with --gold)")
    g.add_argument("--reports", help="extract from this folder first")
    p.add_argument("--pred-reports", help="predicted reports.csv, for --gold-metadata without --reports")
    p.add_argument("--max-rows", type=int, default=200, help="misses and false alarms listed at most")

    p = sub.add_parser("cache", help="manage the per-document cache")
    p.add_argument("action", choices=["clear", "path"])
    p.add_argument("--cache-dir", default=None)
    return parser


def _version():
    from . import __version__

    return __version__


def _cache(args):
    from .pipeline import default_cache_dir

    if getattr(args, "no_cache", False):
        return None
    return Path(args.cache_dir) if args.cache_dir else default_cache_dir()


def _read(args):
    from .corpus import read_corpus

    corpus = _run(args, lambda progress: read_corpus(
        args.reports, jobs=args.jobs, cache=_cache(args) or False, metadata=args.metadata, progress=progress,
        resources=args.resources, scheduler=getattr(args, "scheduler", None) or None))
    if not len(corpus.reports) and not getattr(args, "allow_empty", False):
        _no_reports(corpus.errors, args)
    return corpus


def _no_reports(errors, args):
    for r in errors.itertuples():
        print(f"  {r.stage}: {r.path}: {r.error}: {r.message}", file=sys.stderr)
    print(f"ecoanalysis: no report could be read in {args.reports} (txt, docx and pdf files are read); "
          "nothing written. Use --allow-empty to accept an empty corpus.", file=sys.stderr)
    raise SystemExit(1)


def _run(args, read):
    """``read(progress)`` with the usage errors of a corpus run as exit status 2."""
    if not Path(args.reports).exists():
        print(f"ecoanalysis: no such folder or file: {args.reports}", file=sys.stderr)
        raise SystemExit(2)
    from .corpus import LargeCorpusWarning, MetadataFileError

    import warnings

    show = not args.quiet and sys.stderr.isatty()
    shown = warnings.showwarning

    def note(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, LargeCorpusWarning):  # advice, not a code location
            print(f"ecoanalysis: note: {message}", file=sys.stderr)
        else:
            shown(message, category, filename, lineno, file, line)

    try:
        with warnings.catch_warnings():
            # skipped files are listed once each from the errors table (_summary), not as warnings
            warnings.filterwarnings("ignore", message=r"skipping .*", category=UserWarning)
            if args.quiet:
                warnings.filterwarnings("ignore", category=LargeCorpusWarning)
            warnings.showwarning = note  # restored when the block ends
            return read(show)
    except (MetadataFileError, FileNotFoundError) as exc:
        print(f"ecoanalysis: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except RuntimeError as exc:  # the cluster (ecoanalysis.cluster.ClusterError): unreachable, other code
        from .cluster import ClusterError

        if not isinstance(exc, ClusterError):
            raise
        print(f"ecoanalysis: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _summary(corpus, args, wrote: str) -> int:
    failed = corpus.errors[corpus.errors.stage != "skipped"]
    skipped = corpus.errors[corpus.errors.stage == "skipped"]
    if not args.quiet:
        print(f"read {len(corpus.reports)} reports ({failed.doc_id.nunique()} with errors, {len(skipped)} skipped); {wrote}")
    for r in corpus.errors.itertuples():  # one line per file
        print(f"  {r.stage}: {r.path}: {r.error}: {r.message}", file=sys.stderr)
    return 1 if args.strict and len(failed) else 0


def _check_out(folder=None, file=None) -> None:
    """Fail now, in one line, when an output cannot be written (not after all the work)."""
    from .writers import OutputError, check_output_dir

    try:
        if folder is not None:
            check_output_dir(folder)
        if file is not None:
            f = Path(file)
            if f.is_dir():
                raise OutputError(f"cannot write to {f}: it is a folder, not a file", in_the_way=True)
            check_output_dir(f.parent / f".{f.name}.probe")
    except OutputError as exc:
        print(f"ecoanalysis: {exc}", file=sys.stderr)
        raise SystemExit(2 if exc.in_the_way else 1) from None


def cmd_extract(args) -> int:
    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print("ecoanalysis: Parquet output needs pyarrow: pip install 'ecoanalysis[parquet]'", file=sys.stderr)
            return 2
    if args.format == "dataset":
        return _extract_dataset(args)
    if args.format == "duckdb":
        try:
            import duckdb  # noqa: F401
        except ImportError:
            print("ecoanalysis: DuckDB output needs duckdb: pip install 'ecoanalysis[duckdb]'", file=sys.stderr)
            return 2
    _check_out(args.out)
    corpus = _read(args)
    written = corpus.to_dir(args.out, format=args.format)
    return _summary(corpus, args, f"wrote {len(written)} tables to {args.out}")


def _extract_dataset(args) -> int:
    """``extract --format dataset``: tables streamed to disk batch by batch (``ecoanalysis.dataset``)."""
    import types

    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("ecoanalysis: the Parquet dataset needs pyarrow: pip install -e '.[parquet]'", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print("ecoanalysis: --batch-size must be at least 1", file=sys.stderr)
        return 2
    from .dataset import NoReportsError, check_dataset_dir, read_table, write_dataset
    from .writers import OutputError

    _check_out(args.out)
    try:
        check_dataset_dir(args.out)
    except OutputError as exc:
        print(f"ecoanalysis: {exc}", file=sys.stderr)
        return 2 if exc.in_the_way else 1
    try:
        _run(args, lambda progress: write_dataset(
            args.reports, args.out, jobs=args.jobs, cache=_cache(args) or False, metadata=args.metadata,
            resources=args.resources, scheduler=getattr(args, "scheduler", None) or None,
            batch_size=args.batch_size, progress=progress, require_reports=not args.allow_empty))
    except NoReportsError as exc:
        _no_reports(exc.errors, args)
    done = types.SimpleNamespace(reports=read_table(args.out, "reports", columns=["doc_id"]),
                                 errors=read_table(args.out, "errors"))
    parts = len(list((Path(args.out) / "reports").glob("part-*.parquet")))
    return _summary(done, args, f"wrote a dataset of {parts} part(s) per table to {args.out}")


def cmd_figures(args) -> int:
    from .plots.registry import render_all

    _check_out(args.tables)
    _check_out(args.out)
    corpus = _read(args)
    corpus.to_dir(args.tables)
    files = render_all(corpus, args.out, svg=args.svg, progress=not args.quiet and sys.stderr.isatty())
    return _summary(corpus, args, f"wrote {len(files)} figures to {args.out} and the tables to {args.tables}")


def cmd_report(args) -> int:
    from .report import write_report

    _check_out(file=args.out)
    corpus = _read(args)
    write_report(corpus, args.out)
    return _summary(corpus, args, f"wrote {args.out}")


class _BadTable(Exception):
    """A table given on the command line that cannot be read as what it should be."""


def _read_table(path, what: str, required=(), **kw):
    """``path`` read as a CSV (UTF-8, BOM or not), or :class:`_BadTable` saying why not: a line
    with more cells than the header (a comma inside an unquoted cell), not UTF-8, empty, or a
    required column missing."""
    import csv

    import pandas as pd

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = csv.reader(fh)
            header = next(rows, None)
            for row in rows:
                if header is not None and len(row) > len(header):
                    # pandas would take a first column as the index when every line has one cell
                    # more than the header, and shift every value one column to the left
                    raise _BadTable(f"cannot read the {what} {path}: line {rows.line_num} has {len(row)} cells, "
                                    f"the header {len(header)} (a cell that holds a comma must be in double quotes)")
        df = pd.read_csv(path, encoding="utf-8-sig", index_col=False, **kw)
    except pd.errors.ParserError as e:
        # pandas says "Expected 9 fields in line 35, saw 10": keep its words, add the likely cause
        raise _BadTable(f"cannot read the {what} {path}: {str(e).strip().removeprefix('Error tokenizing data. C error: ')}"
                        " (a cell that holds a comma must be in double quotes)") from None
    except UnicodeDecodeError:
        raise _BadTable(f"cannot read the {what} {path}: it is not UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise _BadTable(f"the {what} {path} is empty") from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise _BadTable(f"the {what} {path} has no column {', '.join(missing)} "
                        f"(its columns: {', '.join(map(str, df.columns)) or 'none'})")
    return df


def cmd_evaluate(args) -> int:
    try:
        return _evaluate(args)
    except _BadTable as e:
        print(f"ecoanalysis: {e}", file=sys.stderr)
        return 2


def _evaluate(args) -> int:
    from .evaluate import evaluate, format_report

    if not args.gold and not args.gold_metadata:
        print("ecoanalysis: evaluate needs --gold and/or --gold-metadata", file=sys.stderr)
        return 2
    if args.gold and not (args.pred or args.reports):
        print("ecoanalysis: --gold needs --pred indicators.csv or --reports DIR", file=sys.stderr)
        return 2
    if args.gold_metadata and not (args.reports or args.pred_reports):
        print("ecoanalysis: --gold-metadata needs --reports DIR or --pred-reports reports.csv", file=sys.stderr)
        return 2
    for f in (args.gold, args.gold_metadata, args.pred, args.pred_reports, args.reports):
        if f and not Path(f).exists():
            print(f"ecoanalysis: no such file or folder: {f}", file=sys.stderr)
            return 2
    # every table is read (and found readable) before any report is processed
    gold = pred = gold_meta = reports = None
    if args.gold:
        gold = _read_table(args.gold, "gold file", ("doc_id", "indicator", "kind", "value"),
                           dtype=str, keep_default_na=False)
        if args.pred:
            pred = _read_table(args.pred, "predictions", ("doc_id", "indicator", "kind", "value"))
    if args.gold_metadata:
        gold_meta = _read_table(args.gold_metadata, "gold metadata file", ("doc_id",), dtype=str, keep_default_na=False)
        if not args.reports:
            reports = _read_table(args.pred_reports, "reports table", ("doc_id",), dtype=str, keep_default_na=False)
    corpus = None
    if args.reports:
        from .corpus import read_corpus

        corpus = read_corpus(args.reports)
    if gold is not None:
        result = evaluate(gold, pred if pred is not None else corpus.indicators)
        print(format_report(result, max_rows=args.max_rows))
    if gold_meta is not None:
        from .evaluate import evaluate_metadata, format_metadata_report

        if gold is not None:
            print()
        print(format_metadata_report(evaluate_metadata(gold_meta, reports if reports is not None else corpus.reports)))
    return 0


def cmd_cache(args) -> int:
    from .pipeline import default_cache_dir

    from .cache import MARKER, has_marker

    path = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    if args.action == "path":
        print(path)
    elif not path.exists():
        print(f"no cache at {path}")
    elif path.is_symlink() or not path.is_dir() or not has_marker(path):
        # only a folder the cache itself made (it carries the marker) is ever deleted
        print(f"ecoanalysis: {path} is not an ecoanalysis cache (no {MARKER} marker); nothing removed", file=sys.stderr)
        return 2
    else:
        shutil.rmtree(path)
        print(f"removed {path}")
    return 0


def main(argv=None) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    args = build_parser().parse_args(argv)
    handler = {"extract": cmd_extract, "figures": cmd_figures, "report": cmd_report,
               "evaluate": cmd_evaluate, "cache": cmd_cache}[args.command]
    if getattr(args, "scheduler", None):  # without the cluster extra: say so before anything is done
        from .cluster import ClusterError, require_distributed

        try:
            require_distributed()
        except ClusterError as exc:
            print(f"ecoanalysis: {exc}", file=sys.stderr)
            return 2
    import signal

    def terminated(signum, frame):  # SIGTERM (timeout, kill, a scheduler) stops like Ctrl-C
        raise _Terminated()

    try:
        signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread (main() called from a thread): keep the default
        pass
    try:
        return handler(args)
    except KeyboardInterrupt as exc:
        what = "terminated" if isinstance(exc, _Terminated) else "interrupted"
        print(f"ecoanalysis: {what}; tables already written are complete, the cache keeps finished reports", file=sys.stderr)
        return 143 if isinstance(exc, _Terminated) else 130
    except OSError as exc:  # an output that failed while being written (disk full, removed folder)
        print(f"ecoanalysis: cannot write the output: {exc.strerror or exc}"
              + (f": {exc.filename}" if getattr(exc, "filename", None) else ""), file=sys.stderr)
        return 1


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


if __name__ == "__main__":
    raise SystemExit(main())
