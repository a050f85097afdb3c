"""pass@k matches the exact binomial formula; HumanEval scoring end to end, CLI included."""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction

import pytest
import typer
from typer.testing import CliRunner

import codetune.lib.sandbox.humaneval as humaneval
from codetune.commands.eval import eval_humaneval
from codetune.core.errors import UserError
from codetune.core.io import write_jsonl
from codetune.lib.sandbox.passk import mean_pass_at_k, pass_at_k


def exact_pass_at_k(n: int, c: int, k: int) -> float:
    return float(1 - Fraction(math.comb(n - c, k), math.comb(n, k)))


def test_pass_at_k_matches_the_exact_binomial_formula_on_random_cases():
    rng = random.Random(1234)
    for _ in range(2000):
        n = rng.randint(1, 300)
        k = rng.randint(1, n)
        c = rng.randint(0, n)
        assert pass_at_k(n, c, k) == pytest.approx(exact_pass_at_k(n, c, k), rel=1e-9, abs=1e-12)


def test_pass_at_k_stays_finite_where_binomials_are_huge():
    n, c, k = 5000, 7, 100
    assert math.comb(n, k) > 10**200  # a float ratio of these would overflow
    assert pass_at_k(n, c, k) == pytest.approx(exact_pass_at_k(n, c, k), rel=1e-9)


def test_pass_at_k_edge_cases():
    assert pass_at_k(10, 0, 5) == 0.0
    assert pass_at_k(10, 10, 5) == 1.0
    assert pass_at_k(10, 6, 5) == 1.0  # fewer than k wrong samples: every draw has a right one
    assert pass_at_k(7, 3, 1) == pytest.approx(3 / 7)
    assert mean_pass_at_k([(4, 1), (4, 3)], 1) == pytest.approx((1 / 4 + 3 / 4) / 2)


@pytest.mark.parametrize(("n", "c", "k"), [(3, 1, 5), (5, 6, 1), (5, -1, 1), (5, 1, 0)])
def test_pass_at_k_rejects_impossible_inputs(n, c, k):
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)


@pytest.fixture(scope="module")
def problems() -> dict[str, dict]:
    return humaneval.load_problems()


def test_humaneval_problems_load_from_the_package(problems):
    assert len(problems) == 164
    for problem in problems.values():
        assert set(humaneval.PROBLEM_FIELDS) <= set(problem)


def test_evaluate_samples_counts_per_task_and_averages_pass_at_k(problems):
    task_ids = list(problems)[:4]
    samples = []
    for i, tid in enumerate(task_ids):
        right = problems[tid]["canonical_solution"]
        # task i gets i right answers out of 4
        samples += [{"task_id": tid, "completion": right}] * i
        samples += [{"task_id": tid, "completion": "    return None\n"}] * (4 - i)
    result = humaneval.evaluate_samples(samples, problems, [1, 2, 4], workers=2)
    assert result["per_task"] == {tid: {"n": 4, "correct": i} for i, tid in enumerate(task_ids)}
    for k in (1, 2, 4):
        expected = sum(exact_pass_at_k(4, i, k) for i in range(4)) / 4
        assert result["pass_at_k"][f"pass@{k}"] == pytest.approx(expected)
    assert result["status_counts"]["passed"] == sum(range(4))
    assert result["tasks_without_samples"] == 160
    assert [s["completion_id"] for s in result["samples"][:4]] == [0, 1, 2, 3]


def test_k_larger_than_the_samples_of_a_task_is_refused(problems):
    tid = next(iter(problems))
    samples = [{"task_id": tid, "completion": "    return None\n"}] * 3
    with pytest.raises(UserError, match="pass@10 needs at least 10 samples"):
        humaneval.evaluate_samples(samples, problems, [1, 10])


def test_unknown_task_or_missing_completion_is_a_user_error(problems):
    with pytest.raises(UserError, match="not among"):
        humaneval.evaluate_samples([{"task_id": "Nope/1", "completion": ""}], problems, [1])
    with pytest.raises(UserError, match="completion"):
        humaneval.evaluate_samples([{"task_id": "HumanEval/0"}], problems, [1])


CUSTOM_PROBLEMS = [
    {
        "task_id": "Custom/0",
        "prompt": "def double(x: int) -> int:\n",
        "canonical_solution": "    return 2 * x\n",
        "test": "def check(candidate):\n    assert candidate(2) == 4\n    assert candidate(-3) == -6\n",
        "entry_point": "double",
    },
    {
        "task_id": "Custom/1",
        "prompt": "def first(xs: list) -> object:\n",
        "canonical_solution": "    return xs[0]\n",
        "test": "def check(candidate):\n    assert candidate([7, 8]) == 7\n",
        "entry_point": "first",
    },
]


def test_cli_scores_a_humaneval_format_file_with_every_status(tmp_path):
    problems_file = tmp_path / "problems.jsonl"
    write_jsonl(problems_file, CUSTOM_PROBLEMS)
    samples_file = tmp_path / "samples.jsonl"
    completions = [
        ("Custom/0", "    return 2 * x\n"),  # passed
        ("Custom/0", "    return x + 1\n"),  # failed
        ("Custom/1", "    while True:\n        pass\n"),  # timeout
        ("Custom/1", "    import os\n    os.abort()\n"),  # crashed
    ]
    write_jsonl(samples_file, [{"task_id": t, "completion": c} for t, c in completions])
    out = tmp_path / "results.json"
    app = typer.Typer()
    app.command()(eval_humaneval)
    args = ["--samples", str(samples_file), "--problems", str(problems_file)]
    args += ["--k", "1,2", "--out", str(out), "--timeout", "2", "--workers", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert [s["status"] for s in data["samples"]] == ["passed", "failed", "timeout", "crashed"]
    assert data["pass_at_k"]["pass@1"] == pytest.approx((0.5 + 0.0) / 2)
    assert data["pass_at_k"]["pass@2"] == pytest.approx((1.0 + 0.0) / 2)
    assert "pass@1" in result.output


def test_cli_rejects_a_bad_k_list(tmp_path):
    with pytest.raises(UserError, match="--k"):
        humaneval.parse_ks("1,ten")
    with pytest.raises(UserError, match="positive"):
        humaneval.parse_ks("0")
