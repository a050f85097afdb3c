"""A/B statistics: McNemar's exact test, paired bootstrap, verdicts and sample sizes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import typer
from scipy import stats
from typer.testing import CliRunner

import codetune.commands.deploy as commands
import codetune.stages.ab as ab
from codetune.core.errors import UserError


def test_mcnemar_matches_scipy_binomtest_on_random_tables() -> None:
    rng = np.random.default_rng(8)
    for _ in range(300):
        b, c = (int(x) for x in rng.integers(0, 60, size=2))
        if b + c == 0:
            continue
        expected = stats.binomtest(b, b + c, 0.5, alternative="two-sided").pvalue
        assert ab.mcnemar_exact(b, c) == pytest.approx(expected, rel=1e-9, abs=1e-15)
    assert ab.mcnemar_exact(0, 0) == 1.0


def _rows(passed: np.ndarray, score: np.ndarray) -> list[dict]:
    return [
        {"id": f"p{i}", "passed": bool(p), "score": float(s)}
        for i, (p, s) in enumerate(zip(passed, score, strict=True))
    ]


def test_model_against_itself_is_no_significant_difference() -> None:
    rng = np.random.default_rng(1)
    rows = _rows(rng.random(150) < 0.4, rng.normal(0.5, 0.2, 150))
    result = ab.compare(rows, rows, ["passed"], ["score"], alpha=0.05, n_boot=2000)
    for metric in result["metrics"].values():
        assert metric["verdict"] == ab.NO_DIFFERENCE
        assert metric["delta"] == 0
        assert metric["n_needed"] is None
    assert result["metrics"]["passed"]["p_value"] == 1.0


def test_planted_difference_is_detected_in_the_right_direction() -> None:
    rng = np.random.default_rng(2)
    n = 200
    passed_a = rng.random(n) < 0.45
    # B fixes a third of A's failures and breaks few of its passes
    passed_b = np.where(passed_a, rng.random(n) < 0.97, rng.random(n) < 0.33)
    score_a = rng.normal(0.50, 0.15, n)
    score_b = score_a + rng.normal(0.05, 0.05, n)
    rows_a, rows_b = _rows(passed_a, score_a), _rows(passed_b, score_b)
    result = ab.compare(rows_a, rows_b, ["passed"], ["score"], alpha=0.05, n_boot=2000)
    passed, score = result["metrics"]["passed"], result["metrics"]["score"]
    assert passed["verdict"] == ab.BETTER and passed["p_value"] < 0.001
    assert passed["b_only"] > passed["a_only"]
    assert score["verdict"] == ab.BETTER and score["ci"][0] > 0
    # the same data read as "A vs B" is worse, and for a latency-like metric lower wins
    flipped = ab.compare(rows_b, rows_a, ["passed"], ["score"], n_boot=2000)
    assert {m["verdict"] for m in flipped["metrics"].values()} == {ab.WORSE}
    as_latency = ab.compare(rows_a, rows_b, [], ["score"], n_boot=2000, lower_is_better=["score"])
    assert as_latency["metrics"]["score"]["verdict"] == ab.WORSE


def test_small_sample_reports_no_difference_and_how_many_prompts_would_be_needed() -> None:
    rows_a = [{"id": i, "passed": i < 5} for i in range(10)]
    rows_b = [{"id": i, "passed": i < 7} for i in range(10)]
    metric = ab.compare(rows_a, rows_b, ["passed"], [], n_boot=500)["metrics"]["passed"]
    assert (metric["a_only"], metric["b_only"]) == (0, 2)
    assert metric["verdict"] == ab.NO_DIFFERENCE
    assert metric["n_needed"] > 10


def test_mcnemar_sample_size_gives_the_requested_power() -> None:
    p_b, p_c = 0.08, 0.20  # discordance rates: A-only passes, B-only passes
    n = ab.mcnemar_sample_size(p_b, p_c, alpha=0.05, power=0.8)
    assert n is not None
    rng = np.random.default_rng(3)
    cells = rng.multinomial(n, [p_b, p_c, 1 - p_b - p_c], size=1000)
    power = np.mean([ab.mcnemar_exact(int(b), int(c)) < 0.05 for b, c, _ in cells])
    assert 0.7 < power < 0.9
    assert ab.mcnemar_sample_size(0.1, 0.1) is None
    assert ab.mcnemar_sample_size(0.05, 0.30) < n  # a bigger effect needs fewer prompts


def test_paired_sample_size_gives_the_requested_power() -> None:
    n = ab.paired_sample_size(mean_diff=0.3, sd_diff=1.0, alpha=0.05, power=0.8)
    assert n is not None
    rng = np.random.default_rng(4)
    diffs = rng.normal(0.3, 1.0, size=(1000, n))
    power = np.mean(stats.ttest_1samp(diffs, 0.0, axis=1).pvalue < 0.05)
    assert 0.7 < power < 0.9
    assert ab.paired_sample_size(0.0, 1.0) is None


def test_bootstrap_interval_agrees_with_normal_theory_and_is_reproducible() -> None:
    rng = np.random.default_rng(5)
    a = rng.normal(1.0, 1.0, 400)
    b = a + rng.normal(0.2, 0.5, 400)
    delta, lo, hi = ab.paired_bootstrap_ci(a, b, alpha=0.05, n_boot=5000, seed=7)
    diffs = b - a
    half_width = 1.96 * diffs.std(ddof=1) / np.sqrt(len(diffs))
    assert delta == pytest.approx(diffs.mean())
    assert lo < delta < hi
    assert (hi - lo) / 2 == pytest.approx(half_width, rel=0.1)
    assert ab.paired_bootstrap_ci(a, b, 0.05, 5000, 7) == (delta, lo, hi)
    assert ab.paired_bootstrap_ci([1, 2, 3], [2, 3, 4], 0.05, 200, 0) == (1.0, 1.0, 1.0)


def test_rows_pair_by_id_regardless_of_order_and_unpaired_rows_are_counted() -> None:
    rng = np.random.default_rng(6)
    rows_a = _rows(rng.random(60) < 0.5, rng.random(60))
    rows_b = _rows(rng.random(60) < 0.5, rng.random(60))
    aligned = ab.compare(rows_a, rows_b, ["passed"], ["score"], n_boot=500)
    shuffled_b = [rows_b[i] for i in rng.permutation(60)] + [{"id": "extra", "passed": True}]
    shuffled = ab.compare(rows_a, shuffled_b, ["passed"], ["score"], n_boot=500)
    assert shuffled["metrics"] == aligned["metrics"]
    assert (shuffled["pair_key"], shuffled["unpaired_a"], shuffled["unpaired_b"]) == ("id", 0, 1)


def test_bad_rows_are_user_errors() -> None:
    with pytest.raises(UserError, match="twice"):
        ab.compare([{"id": 1, "passed": 1}] * 2, [{"id": 1, "passed": 1}], ["passed"], [])
    with pytest.raises(UserError, match="0/1"):
        ab.compare([{"id": 1, "passed": 3}], [{"id": 1, "passed": 1}], ["passed"], [])
    with pytest.raises(UserError, match="same prompts"):
        ab.compare([{"id": 1, "passed": 1}], [{"id": 2, "passed": 1}], ["passed"], [])


def test_ab_command_infers_metrics_and_writes_the_comparison(tmp_path: Path) -> None:
    rng = np.random.default_rng(9)
    passed_a = rng.random(120) < 0.3
    passed_b = passed_a | (rng.random(120) < 0.4)
    for name, passed in (("a.jsonl", passed_a), ("b.jsonl", passed_b)):
        rows = _rows(passed, rng.random(120))
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    app = typer.Typer()
    app.command("ab")(commands.ab)
    app.command("scan")(commands.scan)
    out = tmp_path / "deploy" / "ab.json"
    args = ["ab", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--out", str(out),
            "--n-bootstrap", "500"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["metrics"]["passed"]["kind"] == "binary"
    assert written["metrics"]["passed"]["verdict"] == ab.BETTER
    assert written["metrics"]["score"]["kind"] == "continuous"
    assert written["n_pairs"] == 120


def test_metric_direction_is_read_from_the_name() -> None:
    lower = ["latency_ms", "ttft_ms_p50", "tpot", "itl_ms", "e2e_s", "heldout_loss", "wall_time_s",
             "peak_memory_mb", "error_rate", "timeouts", "empty", "complexity", "findings"]  # fmt: skip
    higher = ["passed", "score", "bleu", "syntax_valid", "pass_rate", "tokens_per_second",
              "tokens_per_s", "new_tokens", "naming_compliance"]  # fmt: skip
    assert [m for m in lower if not ab.lower_is_better_by_name(m)] == []
    assert [m for m in higher if ab.lower_is_better_by_name(m)] == []


def test_doubled_latency_is_worse_unless_told_higher_is_better() -> None:
    rows_a = [{"id": i, "latency_ms": 100.0 + i % 5} for i in range(30)]
    rows_b = [{**r, "latency_ms": 2 * r["latency_ms"]} for r in rows_a]
    result = ab.compare(rows_a, rows_b, [], ["latency_ms"], n_boot=200)
    assert result["metrics"]["latency_ms"]["verdict"] == ab.WORSE
    assert result["metrics"]["latency_ms"]["better_when"] == "lower"
    told = ab.compare(
        rows_a, rows_b, [], ["latency_ms"], n_boot=200, higher_is_better=["latency_ms"]
    )
    assert told["metrics"]["latency_ms"]["verdict"] == ab.BETTER
    with pytest.raises(UserError, match="both lower- and higher-is-better"):
        ab.compare(rows_a, rows_b, [], ["latency_ms"], lower_is_better=["latency_ms"],
                   higher_is_better=["latency_ms"])  # fmt: skip
    from pydantic import ValidationError

    from codetune.core.config.deploy import ABConfig

    assert ABConfig(higher_is_better=["time_saved"]).higher_is_better == ["time_saved"]
    with pytest.raises(ValidationError, match="both"):
        ABConfig(lower_is_better=["x"], higher_is_better=["x"])


def test_nan_and_text_values_are_user_errors_naming_where() -> None:
    rows_a = [{"id": i, "latency_ms": 1.0 + i} for i in range(5)]
    rows_b = [{**r} for r in rows_a]
    rows_b[3]["latency_ms"] = float("nan")
    with pytest.raises(UserError, match=r"'latency_ms': B 'id' 3 is NaN"):
        ab.compare(rows_a, rows_b, [], ["latency_ms"], n_boot=200)
    # numbers in most rows and text in one: still a metric, so the bad row is named
    rows_a[2]["latency_ms"] = "fast"
    assert ab.infer_metrics(rows_a) == ([], ["latency_ms"])
    with pytest.raises(UserError, match=r"^a\.jsonl:3: field 'latency_ms' is 'fast', not a"):
        ab.check_values(enumerate(rows_a, 1), "a.jsonl", [], ["latency_ms"])


def test_ab_command_refuses_text_values_and_overrides_direction(tmp_path: Path) -> None:
    rows = [{"id": i, "time_saved": 10.0 + i % 3} for i in range(20)]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    doubled = [{**r, "time_saved": 2 * r["time_saved"]} for r in rows]
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in doubled))
    app = typer.Typer()
    app.command("ab")(commands.ab)
    app.command("scan")(commands.scan)
    out = tmp_path / "ab.json"
    args = ["ab", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--out", str(out),
            "--n-bootstrap", "200"]  # fmt: skip
    assert CliRunner().invoke(app, args).exit_code == 0
    assert json.loads(out.read_text())["metrics"]["time_saved"]["verdict"] == ab.WORSE
    result = CliRunner().invoke(app, [*args, "--higher-is-better", "time_saved"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["metrics"]["time_saved"]["verdict"] == ab.BETTER
    doubled[6]["time_saved"] = "n/a"
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in doubled))
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, UserError)
    assert str(result.exception).startswith(f"{tmp_path / 'b.jsonl'}:7: field 'time_saved'")
