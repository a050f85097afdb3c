"""Quality gates read summary.json by dotted path and fail loudly, including on missing figures."""

from __future__ import annotations

import pytest

from codetune.core.config import load_config
from codetune.core.errors import GateFailed, UserError
from codetune.core.gates import GateConfig, check_gates, lookup
from codetune.core.io import write_json
from codetune.pipeline import enforce_gates

SUMMARY = {
    "eval": {
        "metrics": {
            "pass@1": {"base": 0.25, "tuned": 0.2, "delta": -0.05},
            "syntax_valid_rate": {"base": 1.0, "tuned": 0.995, "delta": -0.005},
        }
    },
    "dpo": {"val/rewards/accuracies": 0.75},
    "scan": {"new_high_findings": 0},
}


def test_lookup_handles_keys_with_dots_and_slashes() -> None:
    assert lookup(SUMMARY, "eval.metrics.pass@1.delta") == -0.05
    assert lookup(SUMMARY, "dpo.val/rewards/accuracies") == 0.75
    assert lookup(SUMMARY, "eval.metrics.bleu.delta") is None
    assert lookup(SUMMARY, "scan.new_high_findings.x") is None


def test_gates_pass_fail_and_missing() -> None:
    gates = [
        GateConfig(name="pass@1 >= base - 0.01", metric="eval.metrics.pass@1.delta", min=-0.01),
        GateConfig(name="syntax", metric="eval.metrics.syntax_valid_rate.tuned", min=0.99),
        GateConfig(name="no new high", metric="scan.new_high_findings", max=0),
        GateConfig(name="ttft", metric="bench.ttft_p50_ratio", max=1.1),
    ]
    verdicts = {v["name"]: v for v in check_gates(gates, SUMMARY)}
    assert not verdicts["pass@1 >= base - 0.01"]["passed"]
    assert "-0.05 < -0.01" in verdicts["pass@1 >= base - 0.01"]["reason"]
    assert verdicts["syntax"]["passed"] and verdicts["no new high"]["passed"]
    # Nothing measured is not a pass.
    assert not verdicts["ttft"]["passed"] and "missing" in verdicts["ttft"]["reason"]


def test_a_gate_needs_a_bound(tmp_path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("gates:\n  - {name: x, metric: eval.metrics.bleu.delta}\n")
    with pytest.raises(UserError, match=r"gates\.0"):
        load_config(cfg)


def test_enforce_gates_records_verdicts_and_names_the_failure(tmp_path) -> None:
    cfg = load_config(
        None,
        [
            f"output_dir={tmp_path}",
            "gates=[{name: syntax rate, metric: eval.metrics.syntax_valid_rate.tuned, min: 0.999}]",
        ],
    )
    write_json(tmp_path / "summary.json", SUMMARY)
    with pytest.raises(GateFailed, match="'syntax rate'"):
        enforce_gates(cfg)
    import json

    recorded = json.loads((tmp_path / "summary.json").read_text())["gates"]
    assert recorded["passed"] is False and recorded["gates"][0]["value"] == 0.995
