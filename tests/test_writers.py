"""Atomic writes: complete files or none, and debris of killed writers is recognised."""
import os
import subprocess
import sys

import pandas as pd

from ecoanalysis.writers import atomic_write_bytes, remove_stale_temp_files, write_table


def test_csv_has_bom_and_round_trips(tmp_path):
    df = pd.DataFrame({"region": ["丹阳市", "庐山市"], "value": [1.5, float("nan")]})
    p = write_table(df, tmp_path / "t.csv")
    assert p.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(p, encoding="utf-8-sig")
    assert back.region.tolist() == ["丹阳市", "庐山市"] and pd.isna(back.value[1])


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".reports.csv.{pid}.abc123.tmp"
    live = tmp_path / f".reports.csv.{os.getpid()}.def456.tmp"
    stale.write_text("half")
    live.write_text("being written")
    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and live.exists()


def test_atomic_write_leaves_no_temp_file(tmp_path):
    atomic_write_bytes(tmp_path / "a.bin", b"x" * 1000)
    assert os.listdir(tmp_path) == ["a.bin"]
