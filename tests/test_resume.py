"""A training stage killed with SIGKILL resumes from its last checkpoint when `codetune run` is
started again, and finishes with the same number of optimizer steps."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "configs" / "ci-tiny.yaml"


def _codetune(*args: str, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "codetune",
        *args,
        str(CONFIG),
        "--set",
        f"output_dir={out}",
        "--set",
        "sft.max_steps=12",
        "--set",
        "sft.save_steps=4",
        "--set",
        "sft.eval_steps=4",
    ]


def test_sft_killed_mid_run_resumes_and_finishes(tmp_path):
    out = tmp_path / "run"
    subprocess.run(_codetune("data", out=out), check=True, cwd=ROOT, capture_output=True)
    proc = subprocess.Popen(
        _codetune("sft", out=out),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    checkpoints = out / "sft" / "checkpoints"
    deadline = time.monotonic() + 600
    while not list(checkpoints.glob("checkpoint-4/trainer_state.json")):
        assert proc.poll() is None, "sft ended before its first checkpoint"
        assert time.monotonic() < deadline
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stages"]["sft"]["status"] == "running"
    assert not (out / "sft" / "adapter").exists()

    # Resuming into a changed config is refused with a one-line error, nothing lost.
    changed = subprocess.run(
        [*_codetune("sft", "--resume", out=out), "--set", "sft.lora_r=4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert changed.returncode == 2 and "cannot resume 'sft'" in changed.stderr
    assert list(checkpoints.glob("checkpoint-*"))

    # `codetune run` resumes the interrupted stage by itself (same config, same inputs).
    done = subprocess.run(
        [*_codetune("run", out=out), "--only", "data", "--only", "sft"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rec = json.loads((out / "manifest.json").read_text())["stages"]["sft"]
    assert rec["status"] == "done"
    assert rec["metrics"]["optimizer_steps"] == 12
    assert rec["metrics"]["resumed_from"].rstrip("/").split("-")[-1] in {"4", "8"}
    assert (out / "sft" / "adapter" / "adapter_config.json").is_file()
