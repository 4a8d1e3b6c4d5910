"""Profile a cold, in-process run of the per-document pipeline: stage shares and hot functions.

    python benchmarks/profile.py                      # 300 documents, 3 interleaved passes
    python benchmarks/profile.py --docs 100 --repeats 1 --top 10
    python benchmarks/profile.py --out /tmp/profile.md --pstats /tmp/prof   # keep the raw pstats too

What it does (one process, one core, no cache: every document is processed from its text):

1. builds ``--docs`` distinct documents from the samples in ``data/reports/`` (sample ``i % 5``,
   variant ``i // 5``: some numbers nudged by a digit, so every file has its own bytes and the
   tables keep their shape) in a temporary folder;
2. warms the lazy resources (jieba's dictionary, lexicons, compiled regexes) on one sample and
   reports that start-up separately;
3. times ``pipeline.process_file(path, cache=None)`` over all documents, with tokenising and
   without (jieba's cut of every string served from a cache that an untimed pass fills, every
   stage still run: the pipeline has no switch for it), interleaved with a bare number+unit regex scan of the same cleaned texts
   (``run.BARE_NUMBER_UNIT``), ``--repeats`` times; medians. Each stage's time comes from thin
   timers around the functions ``pipeline._run_stages`` calls (outermost call only);
   "other" is the rest of ``process_file`` (the cleaning log and report rows, DocResult);
4. runs each mode once more under ``cProfile`` and lists the ``--top`` functions by tottime and
   by cumtime, each with its share of the profiled total.

It prints Markdown (and writes it to ``--out`` when given). Timings on a shared 2-core machine are
noisy: read the ratios of one run (stage shares, pipeline ÷ regex), not the absolute MB/s.
"""
from __future__ import annotations

import sys
from pathlib import Path

# this file is named like the standard library's ``profile``, which ``cProfile`` imports: take
# the script's own folder off the path until cProfile has its module
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
if sys.modules.get("profile") is not None and Path(getattr(sys.modules["profile"], "__file__", "")).resolve() == Path(__file__).resolve():
    del sys.modules["profile"]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import datetime as _dt  # noqa: E402
import functools  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))  # for run.BARE_NUMBER_UNIT

SAMPLES = ROOT / "data" / "reports"
_NUM = re.compile(r"\d+")

# (label, module, attribute): what _run_stages calls, in its order
STAGES = [
    ("read", "ecoanalysis.pipeline", "read_document"),
    ("clean", "ecoanalysis.pipeline", "clean_text"),
    ("metadata", "ecoanalysis.metadata", "infer_metadata"),
    ("segment", "ecoanalysis.segment", "segment"),
    ("figures", "ecoanalysis.extract", "extract_figures"),
    ("indicators", "ecoanalysis.extract", "extract_indicators"),
    ("tables", "ecoanalysis.extract.tables", "apply_tables"),
    ("checks", "ecoanalysis.extract", "run_checks"),
    ("problems", "ecoanalysis.problems.statements", "extract_problems"),
    ("links", "ecoanalysis.problems.links", "link_problems_to_plans"),
    # the statements' tokens: the document's one jieba cut happens here (the words stage reuses it;
    # "without tokenising" below serves the cut from a cache)
    ("statement tokens", "ecoanalysis.problems.features", "span_tokens"),
    ("words/terms", "ecoanalysis.words.tokens", "analyse_terms"),
    ("masked share", "ecoanalysis.extract", "masked_share"),
]


def _bench_run():
    """``benchmarks/run.py`` loaded by path (this folder is off ``sys.path``, see the top)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("ecoanalysis_bench_run", _HERE / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def make_corpus(out: Path, n: int) -> list[Path]:
    """``n`` distinct documents: sample ``i % k``, variant ``i // k`` with some numbers nudged."""
    samples = sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    out.mkdir(parents=True, exist_ok=True)
    paths, seen = [], set()
    for i in range(n):
        k, v = i % len(samples), i // len(samples)

        def nudge(m, _count=[0]):  # noqa: B006 - a counter across the matches of one document
            _count[0] += 1
            s = m.group()
            if v == 0 or (_count[0] + v) % 5 or len(s) > 3:  # leave years, dates and long numbers alone
                return s
            return s[:-1] + str((int(s[-1]) + v) % 10)

        text = _NUM.sub(nudge, texts[k])
        if text in seen:  # too few short numbers: make it distinct anyway
            text = text.rstrip("\n") + "\n" + "。" * (v + 1) + "\n"
        seen.add(text)
        p = out / f"{samples[k].stem}__v{v:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


class StageTimers:
    """Wrap the stage functions with timers; only the outermost wrapped call is counted."""

    def __init__(self):
        self.times: dict[str, float] = {}
        self._active = False
        self._orig = []

    def install(self):
        import importlib

        for label, mod, attr in STAGES:
            m = importlib.import_module(mod)
            fn = getattr(m, attr)
            self._orig.append((m, attr, fn))
            setattr(m, attr, self._wrap(label, fn))

    def uninstall(self):
        for m, attr, fn in reversed(self._orig):
            setattr(m, attr, fn)
        self._orig.clear()

    def _wrap(self, label, fn):
        @functools.wraps(fn)
        def timed(*a, **kw):
            if self._active:
                return fn(*a, **kw)
            self._active = True
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.times[label] = self.times.get(label, 0.0) + time.perf_counter() - t0
                self._active = False
        return timed


class NoWords:
    """Tokenising taken out, every stage still run: jieba's cut of each string comes from a cache
    that an untimed pass over the same documents fills, so a timed pass costs what the pipeline
    costs without the cut (the words stage still assigns and counts its terms, the problem
    statements still get their tokens). The analyzers are rebuilt on entry and on exit."""

    def __init__(self, paths=()):
        self.paths = list(paths)

    def __enter__(self):
        import ecoanalysis.words.tokens as tokens
        from ecoanalysis.pipeline import process_file

        self._mod, self._fn = tokens, tokens._cutter
        memo: dict = {}

        def cutter(tok, backend):
            used, cut = self._fn(tok, backend)

            def cached(text):
                hit = memo.get(text)
                if hit is None:
                    hit = memo[text] = list(cut(text))
                return hit
            return used, cached

        tokens._cutter = cutter
        tokens._analyzer.cache_clear()
        for p in self.paths:  # the untimed pass: every string the pipeline cuts, cut once here
            process_file(p, cache=None)
        return self

    def __exit__(self, *exc):
        self._mod._cutter = self._fn
        self._mod._analyzer.cache_clear()


def run_pass(paths, *, words: bool, timers: StageTimers | None = None, backend: str | None = None) -> float:
    from ecoanalysis.pipeline import process_file
    from ecoanalysis.words.tokens import BACKEND_ENV

    gc.collect()
    ctx = NoWords(paths) if not words else _Null()
    old = os.environ.get(BACKEND_ENV)
    if backend:
        os.environ[BACKEND_ENV] = backend
    try:
        with ctx:
            if timers is not None:
                timers.times = {}  # not the untimed pass that NoWords makes on entry
            t0 = time.perf_counter()
            for p in paths:
                process_file(p, cache=None)
            return time.perf_counter() - t0
    finally:
        if old is None:
            os.environ.pop(BACKEND_ENV, None)
        else:
            os.environ[BACKEND_ENV] = old


def _has_rjieba() -> bool:
    from ecoanalysis.words import tokens

    return tokens.analyzer(backend="rjieba").backend == "rjieba"


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


def regex_pass(texts) -> float:
    from run import BARE_NUMBER_UNIT

    gc.collect()
    t0 = time.perf_counter()
    for t in texts:
        sum(1 for _ in BARE_NUMBER_UNIT.finditer(t))
    return time.perf_counter() - t0


def fixed_cost(repeats: int) -> list[tuple[float, float]]:
    """(kB, ms per document) of the samples cut to 1/8, 1/4, 1/2 and all of their lines, without
    tokenising: the intercept of a straight line through them is the per-document fixed cost."""
    from ecoanalysis.pipeline import process_file

    samples = sorted(SAMPLES.glob("*.txt"))
    out = []
    with tempfile.TemporaryDirectory(prefix="ecoprof-fixed-") as tmp, NoWords():
        for frac in (8, 4, 2, 1):
            paths = []
            for k, p in enumerate(samples):
                lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
                q = Path(tmp) / f"{p.stem}__{frac}.txt"
                q.write_text("".join(lines[: max(3, len(lines) // frac)]), encoding="utf-8")
                paths.append(q)
            kb = sum(q.stat().st_size for q in paths) / len(paths) / 1e3
            for q in paths:  # untimed: fills the cut cache (NoWords)
                process_file(q, cache=None)
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                for _ in range(4):
                    for q in paths:
                        process_file(q, cache=None)
                times.append((time.perf_counter() - t0) / (4 * len(paths)))
            out.append((kb, 1000 * statistics.median(times)))
    return out


def profile_pass(paths, *, words: bool, top: int, dump: str | None) -> str:
    from ecoanalysis.pipeline import process_file

    prof = cProfile.Profile()
    ctx = NoWords(paths) if not words else _Null()
    with ctx:
        gc.collect()
        prof.enable()
        for p in paths:
            process_file(p, cache=None)
        prof.disable()
    if dump:
        prof.dump_stats(f"{dump}.{'words' if words else 'nowords'}.pstats")
    st = pstats.Stats(prof)
    total = st.total_tt
    rows = st.stats  # {(file, line, name): (cc, nc, tt, ct, callers)}

    def name(k):
        f, line, fn = k
        if f == "~":
            return fn
        f = f.replace(str(ROOT) + "/", "")
        if "site-packages/" in f:
            f = f.split("site-packages/", 1)[1]
        elif "/lib/python3" in f:
            f = "stdlib:" + f.split("/lib/python3", 1)[1].split("/", 1)[1]
        return f"{f}:{line}({fn})"

    out = [f"profiled total {total:.2f} s (cProfile overhead included)\n"]
    for key, label in ((2, "tottime"), (3, "cumtime")):
        ranked = sorted(rows.items(), key=lambda kv: -kv[1][key])
        if key == 3:  # skip the driver frames that are 100 % by construction
            ranked = [kv for kv in ranked if not kv[0][2].startswith("<")
                      and kv[0][2] not in ("process_file", "_run_stages", "stage", "profile_pass")
                      and "cProfile" not in kv[0][2] and "<lambda>" not in kv[0][2]]
        out.append(f"| # | function (by {label}) | calls | tottime s | cumtime s | share of total ({label}) |")
        out.append("|---:|---|---:|---:|---:|---:|")
        for i, (k, (cc, nc, tt, ct, _)) in enumerate(ranked[:top], 1):
            out.append(f"| {i} | `{name(k)}` | {nc:,} | {tt:.3f} | {ct:.3f} | {100 * (tt if key == 2 else ct) / total:.1f}% |")
        out.append("")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--out", help="also write the Markdown here")
    ap.add_argument("--pstats", help="prefix for raw pstats dumps (PREFIX.words.pstats, PREFIX.nowords.pstats)")
    ap.add_argument("--no-cprofile", action="store_true", help="stage timings only")
    args = ap.parse_args(argv)

    warnings.simplefilter("ignore")
    t_import = time.perf_counter()
    import ecoanalysis
    from ecoanalysis.clean import clean_text
    from ecoanalysis.pipeline import process_file
    t_import = time.perf_counter() - t_import

    lines = []
    with tempfile.TemporaryDirectory(prefix="ecoprof-") as tmp:
        paths = make_corpus(Path(tmp) / "docs", args.docs)
        raw = [p.read_bytes() for p in paths]
        mb = sum(map(len, raw)) / 1e6
        texts = [clean_text(b.decode("utf-8")).text for b in raw]

        t0 = time.perf_counter()
        process_file(sorted(SAMPLES.glob("*.txt"))[0], cache=None)  # lazy resources: jieba, lexicons
        t_first = time.perf_counter() - t0
        t0 = time.perf_counter()
        process_file(sorted(SAMPLES.glob("*.txt"))[0], cache=None)
        t_second = time.perf_counter() - t0

        timers = StageTimers()
        timers.install()
        modes = ("words", "nowords") + (("rjieba",) if _has_rjieba() else ())  # rjieba: the optional backend
        runs = {m: [] for m in modes + ("regex",)}
        stage_runs = {m: [] for m in modes}
        try:
            for _ in range(args.repeats):
                for mode in modes:
                    timers.times = {}
                    runs[mode].append(run_pass(paths, words=mode != "nowords", timers=timers,
                                               backend="rjieba" if mode == "rjieba" else "jieba"))
                    stage_runs[mode].append(dict(timers.times))
                runs["regex"].append(regex_pass(texts))
        finally:
            timers.uninstall()
        med = {k: statistics.median(v) for k, v in runs.items()}

        now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        cpu = _bench_run().cpu_name()
        lines.append(f"Profile of `benchmarks/profile.py --docs {args.docs} --repeats {args.repeats}`, {now}, "
                     f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, ecoanalysis from "
                     f"`{Path(ecoanalysis.__file__).parent}`.\n")
        lines.append(f"{len(paths)} documents, {mb:.2f} MB UTF-8 ({sum(map(len, texts)):,} characters after "
                     f"cleaning), one process, no cache, medians of {args.repeats} interleaved passes.\n")
        lines.append(f"Start-up: import {t_import:.2f} s; first document {t_first:.2f} s (lazy resources, jieba's "
                     f"dictionary), the same document again {1000 * t_second:.0f} ms.\n")
        lines.append("| stage | with tokenising s | share | ms / doc | without tokenising s | share | MB/s |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        stage_med = {}
        for mode in modes:
            keys = {k for r in stage_runs[mode] for k in r}
            stage_med[mode] = {k: statistics.median(r.get(k, 0.0) for r in stage_runs[mode]) for k in keys}
            stage_med[mode]["other"] = max(0.0, med[mode] - sum(stage_med[mode].values()))
        for label in [s[0] for s in STAGES] + ["other"]:
            w, nw = stage_med["words"].get(label, 0.0), stage_med["nowords"].get(label, 0.0)
            nw_txt = f"{nw:.3f} | {100 * nw / med['nowords']:.1f}% | {mb / nw if nw else float('inf'):.1f}"
            lines.append(f"| {label} | {w:.3f} | {100 * w / med['words']:.1f}% | {1000 * w / len(paths):.2f} | {nw_txt} |")
        lines.append(f"| **total** | {med['words']:.2f} | 100% | {1000 * med['words'] / len(paths):.1f} | "
                     f"{med['nowords']:.2f} | 100% | {mb / med['nowords']:.2f} |")
        lines.append("")
        lines.append("| throughput (one core) | s | MB/s | ÷ bare regex |")
        lines.append("|---|---:|---:|---:|")
        for label, key in (("pipeline with tokenising", "words"), ("pipeline without tokenising", "nowords"),
                           ("bare number+unit regex scan", "regex")):
            lines.append(f"| {label} | {med[key]:.3f} | {mb / med[key]:.2f} | {med['regex'] / med[key]:.4f} |")
        if "rjieba" in modes:
            r, w = stage_med["rjieba"], stage_med["words"]
            lines.append(f"| pipeline with tokenising, `ECOANALYSIS_TOKENIZER=rjieba` | {med['rjieba']:.3f} | "
                         f"{mb / med['rjieba']:.2f} | {med['regex'] / med['rjieba']:.4f} |")
            lines.append(f"\nWith the rjieba backend (same tokens): words/terms {w['words/terms']:.2f} → "
                         f"{r['words/terms']:.2f} s (×{w['words/terms'] / r['words/terms']:.1f}), problems+links "
                         f"{w['problems'] + w['links']:.2f} → {r['problems'] + r['links']:.2f} s, whole run "
                         f"×{med['words'] / med['rjieba']:.2f}.")
        lines.append(f"\nThe non-tokenising pipeline is {med['nowords'] / med['regex']:.0f}× slower than the bare "
                     f"regex scan; tokenising makes the whole run {med['words'] / med['nowords']:.2f}× the "
                     f"non-tokenising one.\n")
        pts = fixed_cost(args.repeats)
        n = len(pts)
        mx, my = sum(x for x, _ in pts) / n, sum(y for _, y in pts) / n
        slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
        icpt = my - slope * mx
        lines.append("Per-document fixed cost (without tokenising; the samples cut to 1/8 … all of their lines):\n")
        lines.append("| kB per document | ms per document |")
        lines.append("|---:|---:|")
        lines.extend(f"| {x:.1f} | {y:.1f} |" for x, y in pts)
        lines.append(f"\nStraight line: {icpt:.1f} ms per document + {slope:.2f} ms per kB, so a "
                     f"{pts[-1][0]:.0f} kB report spends {100 * icpt / pts[-1][1]:.0f}% of its time on the fixed part; "
                     f"the marginal rate alone would be {1 / slope:.2f} MB/s.\n")
        print("\n".join(lines), flush=True)

        if not args.no_cprofile:
            for words in (False, True):
                lines.append(f"### cProfile, {'with' if words else 'without'} tokenising\n")
                lines.append(profile_pass(paths, words=words, top=args.top, dump=args.pstats))
                print("\n".join(lines[-2:]), flush=True)

    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
