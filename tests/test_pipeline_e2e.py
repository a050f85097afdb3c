"""A reduced quickstart runs end to end through the CLI and leaves a complete run folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_ci_tiny(out: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "codetune", "run", str(ROOT / "configs" / "ci-tiny.yaml")]
    cmd += ["--set", f"output_dir={out}"]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("runs") / "ci-tiny"
    proc = run_ci_tiny(out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc


def test_run_folder_is_complete(tiny_run):
    out, _ = tiny_run
    for rel in (
        "config.yaml",
        "manifest.json",
        "summary.json",
        "data/stats.json",
        "data/completion/train.jsonl",
        "sft/adapter/adapter_config.json",
        "sft/metrics.jsonl",
        "pairs/train.jsonl",
        "dpo/adapter/adapter_config.json",
        "eval/results.json",
        "eval/generations.jsonl",
    ):
        assert (out / rel).exists(), rel
    manifest = json.loads((out / "manifest.json").read_text())
    for stage in ("data", "sft", "pairs", "dpo", "eval"):
        rec = manifest["stages"][stage]
        assert rec["status"] == "done"
        assert rec["config_hash"] and rec["input_hash"] and rec["output_hash"]
        assert set(rec["metrics"]) >= {"wall_time_s"}  # recorded for the report, not judged
    assert "adapter disabled" in manifest["stages"]["dpo"]["metrics"]["reference"]


def test_summary_has_the_headline_figures(tiny_run):
    out, _ = tiny_run
    summary = json.loads((out / "summary.json").read_text())
    ev = summary["eval"]
    for key in (
        "heldout_loss_base",
        "heldout_loss_sft",
        "preference_accuracy_before_dpo",
        "preference_accuracy_after_dpo",
        "syntax_valid_rate_tuned",
    ):
        assert isinstance(ev[key], float), key
    # Even a few steps of SFT on code lower the held-out loss of a random-init model.
    assert ev["heldout_loss_sft"] < ev["heldout_loss_base"]
    assert 0.0 <= ev["preference_accuracy_after_dpo"] <= 1.0


def test_rerun_skips_unchanged_stages(tiny_run):
    out, _ = tiny_run
    before = json.loads((out / "manifest.json").read_text())
    proc = run_ci_tiny(out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = json.loads((out / "manifest.json").read_text())
    for stage, rec in before["stages"].items():
        assert after["stages"][stage]["finished"] == rec["finished"], f"{stage} ran again"
