"""A reduced quickstart runs every stage end to end through the CLI and leaves a complete run
folder; reruns do only the work a change calls for; a failing quality gate exits non-zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


ALL_STAGES = ("data", "sft", "pairs", "dpo", "mixed", "eval", "scan", "bench", "ab", "report")


def run_ci_tiny(out: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "codetune", "run", str(ROOT / "configs" / "ci-tiny.yaml")]
    cmd += ["--set", f"output_dir={out}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)


def finished(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text())
    return {stage: rec["finished"] for stage, rec in manifest["stages"].items()}


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
        "mixed/adapter/adapter_config.json",
        "mixed/metrics.jsonl",
        "eval/results.json",
        "eval/generations.jsonl",
        "eval/per_prompt.jsonl",
        "deploy/security.json",
        "deploy/bench.json",
        "deploy/bench_base.json",
        "deploy/ab.json",
        "report.html",
    ):
        assert (out / rel).exists(), rel
    manifest = json.loads((out / "manifest.json").read_text())
    for stage in ALL_STAGES:
        rec = manifest["stages"][stage]
        assert rec["status"] == "done"
        assert rec["config_hash"] and rec["input_hash"] and rec["output_hash"]
    assert "adapter disabled" in manifest["stages"]["dpo"]["metrics"]["reference"]
    mixed = manifest["stages"]["mixed"]["metrics"]
    assert mixed["starts_from"] == ["sft", "dpo"] and mixed["sft_ratio"] == 1.0
    assert "mixed adapter disabled" in mixed["reference"]
    results = json.loads((out / "eval" / "results.json").read_text())
    assert results["tuned"] == "mixed" and "mixed" in results["models"]


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
    # The deploy checks and the gates land in the machine-readable summary.
    assert set(summary["scan"]["findings"]) == {"base", "tuned"}
    assert summary["bench"]["ttft_p50_ratio"] > 0
    assert summary["ab"]["tuned_model"] == "mixed" and summary["ab"]["verdicts"]
    assert summary["gates"]["passed"] is True and len(summary["gates"]["gates"]) == 2
    # ... and in the report: the gates, base-vs-tuned intervals, latency per level, A/B per source.
    page = (out / "report.html").read_text(encoding="utf-8")
    for text in (
        "Quality gates",
        "Tuned vs base, with 95% intervals",
        "humaneval_pass@1",
        "TTFT p50 ms",
        "tuned / base",
        "test: syntax_valid",
    ):
        assert text in page, text
    # Even a few steps of SFT on code lower the held-out loss of a random-init model.
    assert ev["heldout_loss_sft"] < ev["heldout_loss_base"]
    assert 0.0 <= ev["preference_accuracy_after_dpo"] <= 1.0


def test_rerun_skips_unchanged_stages(tiny_run):
    out, _ = tiny_run
    before = finished(out)
    proc = run_ci_tiny(out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert finished(out) == before, "a stage ran again with nothing changed"


def test_failing_gate_exits_3_naming_it_and_reruns_only_the_report(tiny_run):
    out, _ = tiny_run
    before = finished(out)
    gate = "gates=[{name: impossible syntax rate, metric: eval.metrics.syntax_valid_rate.tuned, min: 2}]"
    proc = run_ci_tiny(out, "--set", gate)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "impossible syntax rate" in proc.stderr.strip().splitlines()[-1]
    # The report's ship banner shows the gates' verdicts, so new gates rebuild the page; no
    # stage that computes a figure runs again.
    after = finished(out)
    assert {s for s in ALL_STAGES if after[s] != before[s]} == {"report"}
    assert "impossible syntax rate" in (out / "report.html").read_text()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["gates"]["passed"] is False


def test_from_reruns_that_stage_and_later_ones(tiny_run):
    out, _ = tiny_run
    before = finished(out)
    proc = run_ci_tiny(out, "--from", "ab")
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = finished(out)
    assert {s for s in ALL_STAGES if after[s] != before[s]} == {"ab", "report"}


def test_changed_dpo_beta_reruns_dpo_and_later_stages_only(tiny_run):
    out, _ = tiny_run
    before = finished(out)
    proc = run_ci_tiny(out, "--set", "dpo.beta=0.2")
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = finished(out)
    rerun = {s for s in ALL_STAGES if after[s] != before[s]}
    assert rerun == {"dpo", "mixed", "eval", "scan", "bench", "ab", "report"}
