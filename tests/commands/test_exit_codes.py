"""The README's exit-code contract through the real entry point (`python -m codetune`): 0 ok,
2 bad input (one line naming the file/field), 3 a failed gate, 1 only for internal faults.
Covers `scan` and `ab`."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
VULNS = ROOT / "tests" / "fixtures" / "vulns" / "python"


def codetune(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "codetune", *map(str, args)]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single `error: ...` line on stderr, never an internal failure or a traceback."""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "internal failure" not in lines[0]
    return lines[0]


# -------------------------------------------------------------------------------------- scan


def test_scan_fail_on_high_is_a_gate_and_bandit_logs_no_plugin_errors(tmp_path: Path) -> None:
    proc = codetune("scan", VULNS / "cmd_os_system_vuln.py", "--fail-on", "high", cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    line = one_error_line(proc)  # also: no "ERROR Could not load 'sarif'" from bandit
    assert "--fail-on high" in line and "1 finding" in line
    assert "CWE-78" in proc.stdout


def test_scan_out_folder_is_bad_input_and_an_empty_file_is_said_to_be_clean(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty.py"
    empty.write_text("")
    (tmp_path / "folder").mkdir()
    proc = codetune("scan", empty, "--out", "folder", cwd=tmp_path)
    assert proc.returncode == 2
    assert "folder" in one_error_line(proc)
    proc = codetune("scan", empty, "--out", "scan.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "scanned 1 file (1 sample): no findings" in proc.stdout
    assert json.loads((tmp_path / "scan.json").read_text()) == []


# ---------------------------------------------------------------------------------------- ab


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _latency_rows(n: int, scale: float = 1.0) -> list[dict]:
    return [{"id": i, "passed": i % 3 == 0, "latency_ms": scale * (100 + i % 7)} for i in range(n)]


def test_ab_refuses_unequal_row_counts_naming_both_files(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.jsonl", _latency_rows(30))
    b = _write(tmp_path / "b.jsonl", _latency_rows(20))
    proc = codetune("ab", a.name, b.name, "--out", "ab.json", cwd=tmp_path)
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "a.jsonl has 30 rows" in line and "b.jsonl has 20" in line
    assert not (tmp_path / "ab.json").exists()


def test_ab_nan_is_bad_input_naming_file_line_and_field(tmp_path: Path) -> None:
    rows = _latency_rows(20)
    rows[4]["latency_ms"] = math.nan  # json.dumps writes NaN, which json.loads reads back
    a = _write(tmp_path / "a.jsonl", _latency_rows(20))
    b = _write(tmp_path / "b.jsonl", rows)
    proc = codetune("ab", a.name, b.name, "--out", "ab.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert "b.jsonl:5: field 'latency_ms' is NaN" in one_error_line(proc)


def test_ab_calls_a_doubled_latency_worse(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.jsonl", _latency_rows(20))
    b = _write(tmp_path / "b.jsonl", _latency_rows(20, scale=2.0))
    proc = codetune("ab", a, b, "--out", "ab.json", "--n-bootstrap", "200", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    latency = json.loads((tmp_path / "ab.json").read_text())["metrics"]["latency_ms"]
    assert latency["delta"] > 0 and latency["better_when"] == "lower"
    assert latency["verdict"] == "worse"
