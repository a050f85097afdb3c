"""Chaos: `codetune run` killed at random moments (SIGKILL and SIGINT), then rerun, ends with
the same summary figures as a run nobody interrupted (issue 17).

Each trial starts an empty run folder, kills the run somewhere between its start and its
expected end, checks that nothing is left claiming to run, reruns the same command and compares
every figure of summary.json except times and memory. The moments are drawn from a seeded
generator (printed on failure) so that a failing trial can be replayed.
"""

from __future__ import annotations

import json
import math
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
CONFIG = ROOT / "configs" / "ci-tiny.yaml"
# ci-tiny without the stages that only measure speed or re-read the eval (scan, bench, ab), and
# a smaller eval: the trials are about the training and bookkeeping, and there are several.
OVERRIDES = (
    "stages=[data,sft,pairs,dpo,mixed,eval,report]",
    "gates=[]",  # ci-tiny's latency gate needs bench
    "eval.humaneval_problems=2",
    "sft.save_steps=2",
    "dpo.save_steps=1",
    "mixed.save_steps=1",
)
TRIALS = 5  # SIGKILL (trials 0, 2, 4) and SIGINT (1, 3)
# Figures that measure the machine, not the model: they differ between any two runs.
MACHINE_WORDS = ("wall_time", "runtime", "seconds", "per_second", "rss", "memory", "latency")
MACHINE_SUFFIXES = ("_s", "_ms", "_mb", "_bytes")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CODETUNE_TEST_")}
    env.update(PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    env.setdefault("CODETUNE_CACHE", "/tmp/codetune-test-cache")
    return env


def _command(out: Path) -> list[str]:
    cmd = [sys.executable, "-m", "codetune", "run", str(CONFIG), "--set", f"output_dir={out}"]
    for override in OVERRIDES:
        cmd += ["--set", override]
    return cmd


def _run(out: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        _command(out), env=_env(), capture_output=True, text=True, timeout=1800, check=False
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc


def _machine_figure(key: str) -> bool:
    return any(word in key for word in MACHINE_WORDS) or key.endswith(MACHINE_SUFFIXES)


def _model_figures(node: Any, path: str = "") -> dict[str, Any]:
    """summary.json flattened to {dotted.path: value}, without the machine's figures."""
    out: dict[str, Any] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(value, dict | list) and _machine_figure(key):
                continue
            out.update(_model_figures(value, f"{path}.{key}" if path else key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            out.update(_model_figures(item, f"{path}[{i}]"))
    else:
        out[path] = node
    return out


def _figures(run_dir: Path) -> dict[str, Any]:
    summary = json.loads((run_dir / "summary.json").read_text())
    summary.pop("gates", None)  # gate verdicts quote bench/latency figures when present
    return _model_figures(summary)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6) or (math.isnan(a) and math.isnan(b))
    return a == b


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], float]:
    """(figures, wall seconds) of a run nobody interrupted."""
    out = tmp_path_factory.mktemp("chaos") / "reference"
    started = time.monotonic()
    _run(out)
    return _figures(out), time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_killed_run_reruns_to_the_same_figures(reference, trial: int, tmp_path: Path) -> None:
    figures, duration = reference
    rng = random.Random(1000 + trial)
    how = signal.SIGKILL if trial % 2 == 0 else signal.SIGINT
    moment = rng.uniform(0.05, 0.9) * duration
    out = tmp_path / "run"
    proc = subprocess.Popen(
        _command(out), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        proc.wait(timeout=moment)
    except subprocess.TimeoutExpired:
        proc.send_signal(how)
    _, stderr = proc.communicate(timeout=300)
    where = f"trial {trial}: {how.name} after {moment:.0f} s of about {duration:.0f} s"
    if how == signal.SIGINT and proc.returncode != 0:
        # Ctrl-C: one line and the interrupt's exit status, never a traceback.
        assert proc.returncode == 130, f"{where}: exit {proc.returncode}\n{stderr[-3000:]}"
        assert "Traceback" not in stderr, f"{where}\n{stderr[-3000:]}"
    if (out / "manifest.json").is_file():
        status = subprocess.run(
            [sys.executable, "-m", "codetune", "status", str(out)],
            env=_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert status.returncode == 0, status.stderr
        assert "running" not in status.stdout, f"{where}\n{status.stdout}"

    _run(out)
    got = _figures(out)
    assert sorted(got) == sorted(figures), f"{where}: keys differ"
    differ = {k: (figures[k], got[k]) for k in figures if not _same(figures[k], got[k])}
    assert not differ, f"{where}: {differ}"
