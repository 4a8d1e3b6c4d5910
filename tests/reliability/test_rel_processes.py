"""Workers die with their parent: kill -9 of the main process alone (what the OOM killer and
``timeout -s KILL`` do) leaves no worker behind; SIGTERM stops a run like Ctrl-C.
"""
from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _util import ROOT, env

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the workers")


def _synth_corpus(folder: Path, n: int):
    spec = importlib.util.spec_from_file_location("ecoanalysis_bench_synth_rel", ROOT / "benchmarks" / "synth.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    mod.generate(folder, n, seed=3)


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped
    except OSError:
        return False


def _wait(pred, timeout: float) -> bool:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if pred():
            return True
        time.sleep(0.1)
    return pred()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    f = tmp_path_factory.mktemp("procs") / "r"
    _synth_corpus(f, 80)
    return f


def _start(folder: Path, tmp: Path):
    # its own session, so that the test can signal the main process alone (not the group)
    return subprocess.Popen([sys.executable, "-m", "ecoanalysis", "extract", str(folder), "--out", str(tmp / "out"),
                             "--no-cache", "--jobs", "2", "-q"], cwd=ROOT, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.mark.slow
def test_kill_9_of_the_main_process_leaves_no_worker(folder, tmp_path):
    proc = _start(folder, tmp_path)
    try:
        assert _wait(lambda: len(_children(proc.pid)) >= 2, 60), "the workers never started"
        workers = _children(proc.pid)
        time.sleep(0.5)  # mid-work
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert _wait(lambda: not any(_alive(w) for w in workers), 10), \
            f"workers still alive 10 s after their parent was killed: {[w for w in workers if _alive(w)]}"
    finally:
        for w in _children(proc.pid):
            try:
                os.kill(w, signal.SIGKILL)
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()


@pytest.mark.slow
def test_sigterm_stops_like_ctrl_c(folder, tmp_path):
    proc = _start(folder, tmp_path)
    try:
        assert _wait(lambda: len(_children(proc.pid)) >= 2, 60), "the workers never started"
        workers = _children(proc.pid)
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 143, (proc.returncode, err[-2000:])
        assert "Traceback" not in err, err[-3000:]
        assert "terminated" in err
        assert _wait(lambda: not any(_alive(w) for w in workers), 10)
    finally:
        if proc.poll() is None:
            proc.kill()
