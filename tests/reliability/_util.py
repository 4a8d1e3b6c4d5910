"""Helpers for the reliability tests: run the CLI, read tables, drop root's file-permission bypass."""
from __future__ import annotations

import ctypes
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "data" / "reports"
SAMPLES = sorted(REPORTS.glob("*.txt"))


def env() -> dict:
    e = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    e.pop("ECOANALYSIS_CACHE", None)
    return e


def drop_root_bypass():
    """preexec_fn: a root process loses CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so file modes apply to it."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # PR_CAPBSET_DROP = 24: gone from the bounding set, so gone after exec
        if libc.prctl(24, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def permissions_apply() -> bool:
    """True when a child process can be made to obey file modes (not root, or root that can drop caps)."""
    if os.geteuid() != 0:
        return True
    r = subprocess.run([sys.executable, "-c", "open('/proc/self/status').read()"], preexec_fn=drop_root_bypass,
                       capture_output=True)
    return r.returncode == 0


def run_cli(*args, cwd=None, timeout=300, obey_modes=False, **kw):
    return subprocess.run([sys.executable, "-m", "ecoanalysis", *map(str, args)], cwd=cwd or ROOT, env=env(),
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=drop_root_bypass if obey_modes else None, **kw)


def tables(out: Path) -> dict:
    """File name → bytes of every file in an output folder."""
    return {p.name: p.read_bytes() for p in sorted(Path(out).iterdir())}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(out) / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def small_corpus(folder: Path, n: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in SAMPLES[:n]:
        (folder / p.name).write_bytes(p.read_bytes())
    return folder


def report_text(i: int = 0) -> str:
    return SAMPLES[i].read_text(encoding="utf-8")
