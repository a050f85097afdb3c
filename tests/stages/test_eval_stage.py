"""The eval stage compares base and tuned on every metric, with paired intervals.

Unit tests check results.py's table and intervals against hand-computed numbers; the stage test
runs the real stage (embedded tiny model, real HumanEval problems in the real sandbox) on a
small run folder whose adapters are random perturbations (trained adapters, in effect).
"""

from __future__ import annotations

import json

import pytest
import sacrebleu
import torch

from codetune.core.config import dump_config, load_config
from codetune.core.errors import UserError
from codetune.core.io import write_jsonl
from codetune.core.runs import Run
from codetune.lib.conventions import infer_profile
from codetune.lib.sandbox.humaneval import STATUSES
from codetune.stages.ab import infer_metrics, pair_rows
from codetune.stages.eval.results import (
    Measure,
    bleu_from_stats,
    bleu_stats,
    build_metrics,
    compare_metric,
    print_results,
)

# ---------------------------------------------------------------------------------------------
# results.py: aggregates, deltas, intervals
# ---------------------------------------------------------------------------------------------


def test_binary_metric_delta_ci_and_mcnemar():
    # 10 prompts: both pass 3, base only 1, tuned only 4, neither 2.
    base = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    tuned = [1, 1, 1, 0, 1, 1, 1, 1, 0, 0]
    ids = [f"p{i}" for i in range(10)]
    b = Measure("mean", True, dict(zip(ids, base, strict=True)), binary=True)
    t = Measure("mean", True, dict(zip(ids, tuned, strict=True)), binary=True)
    row = compare_metric(b, t, seed=1)
    assert row["base"] == pytest.approx(0.4)
    assert row["tuned"] == pytest.approx(0.7)
    assert row["delta"] == pytest.approx(0.3)
    assert row["n"] == 10 and row["higher_is_better"] is True
    lo, hi = row["ci95"]
    assert lo <= row["delta"] <= hi and lo < hi
    # Exact McNemar on 1 vs 4 discordant pairs: 2 * P(X <= 1), X ~ Bin(5, 1/2) = 2 * 6/32.
    assert row["p_value"] == pytest.approx(12 / 32)


def test_ratio_metric_is_sum_over_sum_not_mean_of_ratios():
    # held-out loss = NLL / tokens: a 1-token prompt must not weigh like a 9-token one.
    b = Measure("ratio", False, {"a": (9.0, 9), "b": (3.0, 1)})  # 12 / 10
    t = Measure("ratio", False, {"a": (4.5, 9), "b": (3.0, 1)})  # 7.5 / 10
    row = compare_metric(b, t)
    assert row["base"] == pytest.approx(1.2)
    assert row["tuned"] == pytest.approx(0.75)
    assert row["delta"] == pytest.approx(-0.45)
    lo, hi = row["ci95"]
    assert lo <= -0.45 <= hi
    # A resample drawing "a" wa times and "b" wb times has delta -4.5 wa / (9 wa + wb):
    # between -0.5 (only "a") and 0 (only "b").
    assert lo >= -0.5 - 1e-9 and hi <= 0.0
    assert "p_value" not in row


def test_empty_ratio_uses_its_convention():
    m = Measure("ratio", True, {"a": (0, 0)}, empty=1.0)  # no names declared: compliant
    assert m.aggregate() == 1.0


def test_bleu_from_summed_stats_is_sacrebleu_corpus_bleu():
    hyps = ["    return a + b\n", "    return x * 2\n", "    pass\n"]
    refs = ["    return a + b\n", "    return x + x\n", "    return None\n"]
    stats = [bleu_stats(h, r) for h, r in zip(hyps, refs, strict=True)]
    summed = [sum(s[j] for s in stats) for j in range(len(stats[0]))]
    expected = sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a").score
    assert bleu_from_stats(summed) == pytest.approx(expected)


def test_build_metrics_only_shared_metrics_and_p90_and_none_kinds():
    base = {
        "complexity_p90": Measure("p90", False, {"a": [1, 2], "b": [3], "c": []}),
        "codebleu": Measure("none", True, value=None, note="codebleu unavailable: ImportError"),
        "only_base": Measure("mean", True, {"a": 1.0}),
    }
    tuned = {
        "complexity_p90": Measure("p90", False, {"a": [1, 12], "b": [3], "c": [2]}),
        "codebleu": Measure("none", True, value=None, note="codebleu unavailable: ImportError"),
    }
    table = build_metrics(base, tuned)
    assert list(table) == ["complexity_p90", "codebleu"]
    p90 = table["complexity_p90"]
    # base values 1,2,3 -> p90 = 2 + 0.8 * (3 - 2); tuned 1,2,3,12 -> 3 + 0.7 * (12 - 3)
    assert p90["base"] == pytest.approx(2.8)
    assert p90["tuned"] == pytest.approx(9.3)
    assert p90["delta"] == pytest.approx(6.5)
    assert p90["higher_is_better"] is False
    assert p90["ci95"][0] <= p90["ci95"][1]
    cb = table["codebleu"]
    assert cb["base"] is None and cb["delta"] is None and cb["ci95"] is None
    assert "unavailable" in cb["note"]


def test_corpus_metric_is_rescored_per_resample():
    """CodeBLEU-like corpus scores have no per-prompt sum: each resample rescores its multiset.
    Here the corpus score is the median length, which no per-prompt mean reproduces."""

    def median_length(items: list[str]) -> float:
        lengths = sorted(len(x) for x in items)
        return float(lengths[len(lengths) // 2])

    base = Measure(
        "corpus", True, {k: "x" * n for k, n in zip("abcde", (1, 2, 3, 4, 50), strict=True)}
    )
    tuned = Measure(
        "corpus", True, {k: "x" * n for k, n in zip("abcde", (2, 3, 4, 5, 60), strict=True)}
    )
    base.corpus = tuned.corpus = median_length
    row = compare_metric(base, tuned)
    assert (row["base"], row["tuned"], row["delta"]) == (3.0, 4.0, 1.0)
    lo, hi = row["ci95"]
    assert lo <= 1.0 <= hi and hi <= 10.0  # the medians move by 1, never by the outlier's 10
    same = compare_metric(base, base)
    assert same["delta"] == 0.0 and same["ci95"] == [0.0, 0.0]


def test_codebleu_gets_a_paired_interval():
    pytest.importorskip("codebleu")
    from codetune.lib.codemetrics import codebleu
    from codetune.stages.eval.stage import _codebleu_of_pairs

    refs = [f"def f{i}(x):\n    return x + {i}\n" for i in range(6)]
    good = [f"def f{i}(x):\n    return x + {i}\n" for i in range(6)]
    poor = [f"def f{i}(y):\n    pass\n" for i in range(6)]
    ids = [str(i) for i in range(6)]
    base = Measure(
        "corpus",
        True,
        dict(zip(ids, zip(poor, refs, strict=True), strict=True)),
        corpus=_codebleu_of_pairs,
    )
    tuned = Measure(
        "corpus",
        True,
        dict(zip(ids, zip(good, refs, strict=True), strict=True)),
        corpus=_codebleu_of_pairs,
    )
    row = compare_metric(base, tuned)
    assert row["tuned"] == pytest.approx(codebleu(good, refs, "python")[0])
    assert row["base"] == pytest.approx(codebleu(poor, refs, "python")[0])
    assert row["delta"] > 0.3 and row["ci95"][0] > 0  # a planted gap is significant


def test_print_results_renders_every_metric():
    from rich.console import Console

    b = Measure("mean", True, {"a": 1, "b": 0, "c": 0}, binary=True)
    t = Measure("mean", True, {"a": 1, "b": 1, "c": 1}, binary=True)
    report = {"tuned": "dpo", "metrics": build_metrics({"pass": b}, {"pass": t})}
    console = Console(record=True, width=120)
    print_results(report, console)
    text = console.export_text()
    assert "pass ↑" in text and "dpo" in text and "+0.667" in text and "95% CI" in text


def test_per_prompt_code_measures_aggregate_to_the_corpus_metrics():
    from codetune.lib.codemetrics import complexity_stats, naming_report, ruff_report
    from codetune.stages.eval.stage import _code_measures

    codes = [
        "def f(x):\n    if x:\n        return 1\n    return 2\n",  # complexity 2, names ok
        "def BadName(X):\n    import os\n    return y\n",  # 2 bad names, F401 + F821
        "def g(:\n",  # does not parse: no functions, no names, no ruff lines
    ]
    measures: dict = {}
    complexities = _code_measures(["a", "b", "c"], codes, measures)
    assert complexities == {"a": [2], "b": [1], "c": None}
    assert measures["complexity_mean"].aggregate() == pytest.approx(1.5)
    assert measures["complexity_mean"].aggregate() == complexity_stats(codes, "python")["mean"]
    assert measures["naming_compliance"].items == {"a": (2, 2), "b": (0, 2), "c": (0, 0)}
    assert measures["naming_compliance"].aggregate() == naming_report(codes, "python")["rate"]
    assert measures["ruff_per_100_lines"].items["b"] == (200, 3)
    assert measures["ruff_per_100_lines"].aggregate() == pytest.approx(200 / 7)
    assert measures["ruff_per_100_lines"].aggregate() == pytest.approx(
        ruff_report(codes)["per_100_lines"]
    )


# ---------------------------------------------------------------------------------------------
# config validation
# ---------------------------------------------------------------------------------------------


def test_k_above_samples_is_rejected_naming_the_field():
    with pytest.raises(UserError) as err:
        load_config(None, ["eval.humaneval_k=[1,5]", "eval.humaneval_samples=4"])
    message = str(err.value)
    assert "\n" not in message and "humaneval_k" in message and "humaneval_samples" in message
    cfg = load_config(None, ["eval.humaneval_k=[5,1]", "eval.humaneval_samples=5"])
    assert cfg.eval.humaneval_k == [1, 5]


# ---------------------------------------------------------------------------------------------
# the stage on a tiny run
# ---------------------------------------------------------------------------------------------

FUNCTIONS = [
    ("def add(a, b):\n", "    return a + b\n"),
    ('def is_even(n):\n    """True for even n."""\n', "    return n % 2 == 0\n"),
    (
        "def first(xs):\n",
        "    for x in xs:\n        return x\n    return None\n",
    ),
    (
        'def clamp(x, lo, hi):\n    """x limited to [lo, hi]."""\n',
        "    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n    return x\n",
    ),
]


def _adapter(cfg, noise_seed: int):
    from codetune.lib.models import apply_trainable_policy, embedded_model_dir, load_model

    model, _ = apply_trainable_policy(load_model(str(embedded_model_dir("tiny-qwen3"))), cfg.sft)
    gen = torch.Generator().manual_seed(noise_seed)
    with torch.no_grad():  # a trained adapter, in effect: LoRA B and the top layers moved
        for p in model.parameters():
            if p.requires_grad:
                p.add_(torch.randn(p.shape, generator=gen) * 0.02)
    return model


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    from codetune.stages.eval.stage import run_eval

    root = tmp_path_factory.mktemp("run")
    cfg = load_config(
        None,
        [
            f"output_dir={root}",
            "eval.num_generations=4",
            "eval.max_new_tokens=8",
            "eval.batch_size=4",
            "eval.humaneval_problems=3",
            "sft.max_length=128",
            "eval.pair_max_length=128",
            "eval.test_generation=1",
            "eval.test_generation_max_new_tokens=16",
            "eval.test_generation_mutants=3",
        ],
    )
    (root / "config.yaml").write_text(dump_config(cfg))
    run = Run(root)
    rows = [
        {"id": f"t:{i}", "language": "python", "prompt": p, "completion": c}
        for i, (p, c) in enumerate(FUNCTIONS)
    ]
    write_jsonl(run.data_dir / "completion" / "test.jsonl", rows)
    # The team's naming profile, as the data stage writes it: generations are judged by it.
    profile = infer_profile(("python", p + c, None) for p, c in FUNCTIONS)
    (run.data_dir / "conventions.json").write_text(json.dumps(profile))
    pairs = [
        {
            "id": f"t:{i}::swap",
            "kind": "swap" if i % 2 else "off_by_one",
            "prompt": p,
            "chosen": c,
            "rejected": c.replace("return", "return not", 1),
        }
        for i, (p, c) in enumerate(FUNCTIONS)
    ]
    write_jsonl(run.pairs_dir / "test.jsonl", pairs)
    # A held-out function linked to its repository's tests, as the data stage writes it: one
    # test reaches it, one does not (dropped when verified), one is not even there.
    module = "def ident(x):\n    return x\n"
    tests = (
        "import unittest\nfrom mini.ident import ident\n\n"
        "class IdentTest(unittest.TestCase):\n"
        "    def test_ident(self):\n        self.assertEqual(ident(3), 3)\n"
        "    def test_other(self):\n        self.assertTrue(ident)\n"
    )
    links = [
        {"path": "tests/test_ident.py", "module": "tests.test_ident", "test_id": t}
        for t in ("IdentTest.test_ident", "IdentTest.test_other", "IdentTest.test_gone")
    ]
    write_jsonl(
        run.data_dir / "repo_tests.jsonl",
        [
            {
                "id": "r:ident",
                "path": "mini/ident.py",
                "module": "mini.ident",
                "name": "ident",
                "start_line": 1,
                "end_line": 2,
                "prompt": "def ident(x):\n",
                "completion": "    return x\n",
                "context": "",
                "tests": links,
                "support_files": ["mini/__init__.py", "tests/__init__.py"],
                "root": None,
                "source": 0,
            }
        ],
    )
    files = {
        "mini/__init__.py": "",
        "mini/ident.py": module,
        "tests/__init__.py": "",
        "tests/test_ident.py": tests,
    }
    write_jsonl(
        run.data_dir / "repo_files.jsonl",
        [{"source": 0, "path": p, "text": t} for p, t in files.items()],
    )
    # No DPO adapter: a stage the run lacks is skipped, and the last one present is "tuned".
    for stage, seed in (("sft", 1), ("mixed", 2)):
        _adapter(cfg, seed).save_pretrained(run.adapter_dir(stage))
    report = run_eval(cfg, run)
    return root, report


def test_results_compare_base_and_tuned_on_every_metric(evaluated):
    root, report = evaluated
    on_disk = json.loads((root / "eval" / "results.json").read_text())
    assert on_disk["tuned"] == report["tuned"] == "mixed"
    assert list(on_disk["models"]) == ["base", "sft", "mixed"]
    for key in ("delta_tuned_minus_base", "test_samples", "test_pairs"):
        assert key in on_disk
    expected = {
        "heldout_loss",
        "preference_accuracy",
        "preference_accuracy_norm",
        "syntax_valid_rate",
        "empty_rate",
        "bleu",
        "codebleu",
        "complexity_mean",
        "complexity_p90",
        "complexity_share_above_10",
        "naming_compliance",
        "conventions_compliance",
        "ruff_per_100_lines",
        "humaneval_pass@1",
        "humaneval_syntax_valid_rate",
        "humaneval_empty_rate",
        "repo_tests_pass_rate",
        "testgen_valid_rate",
        "testgen_mutation_score",
        "testgen_line_coverage",
        "testgen_boundary_rate",
        "testgen_mock_rate",
    }
    metrics = on_disk["metrics"]
    # Branch coverage is measured only where a tested function has a decision (an `if`...).
    gens = [json.loads(x) for x in (root / "eval" / "generations.jsonl").read_text().splitlines()]
    branches = [g["branches"] for g in gens if g["source"] == "test_generation"]
    assert branches
    if any(branches):
        expected.add("testgen_branch_coverage")
    assert set(metrics) == expected
    # What each training step did on its own: mixed against the sft model it was trained from.
    step = on_disk["steps"]["mixed"]
    assert step["vs"] == "sft" and set(on_disk["steps"]) == {"sft", "mixed"}
    assert on_disk["steps"]["sft"]["vs"] == "base"
    assert set(step["metrics"]) == {
        "heldout_loss",
        "preference_accuracy",
        "preference_accuracy_norm",
    }
    row = step["metrics"]["preference_accuracy"]
    models = on_disk["models"]
    assert row["base"] == pytest.approx(models["sft"]["preference_accuracy"])
    assert row["tuned"] == pytest.approx(models["mixed"]["preference_accuracy"])
    for name, row in metrics.items():
        if row["base"] is None:  # CodeBLEU where the package does not work here
            assert name == "codebleu" and row["note"]
            continue
        assert row["delta"] == pytest.approx(row["tuned"] - row["base"]), name
        if row["ci95"] is not None:
            lo, hi = row["ci95"]
            assert lo - 1e-9 <= row["delta"] <= hi + 1e-9, name
    assert metrics["heldout_loss"]["ci95"] is not None
    assert (
        metrics["heldout_loss"]["n"] == 4 and metrics["heldout_loss"]["higher_is_better"] is False
    )
    # The table's base/tuned values are the models' own figures.
    base, tuned = on_disk["models"]["base"], on_disk["models"]["mixed"]
    assert metrics["heldout_loss"]["base"] == pytest.approx(base["heldout_loss"])
    assert metrics["heldout_loss"]["tuned"] == pytest.approx(tuned["heldout_loss"])
    assert metrics["bleu"]["tuned"] == pytest.approx(tuned["bleu"])
    assert metrics["complexity_mean"]["base"] == pytest.approx(base["complexity"]["mean"])
    assert 0.0 <= metrics["humaneval_pass@1"]["base"] <= 1.0
    assert "p_value" in metrics["humaneval_pass@1"] and "p_value" in metrics["syntax_valid_rate"]


def test_humaneval_runs_in_the_sandbox(evaluated):
    root, report = evaluated
    he = report["models"]["mixed"]["humaneval"]
    assert he["n_tasks"] == 3 and he["n_samples"] == 3 and 0.0 <= he["pass@1"] <= 1.0
    assert sum(he["status_counts"].values()) == 3
    gens = [json.loads(x) for x in (root / "eval" / "generations.jsonl").read_text().splitlines()]
    humaneval = [g for g in gens if g["source"] == "humaneval"]
    assert {g["model"] for g in humaneval} == {"base", "sft", "mixed"}
    assert {g["id"] for g in humaneval} == {"HumanEval/0", "HumanEval/1", "HumanEval/2"}
    assert all(g["status"] in STATUSES for g in humaneval)
    # A 4-layer random model does not solve HumanEval: the sandbox reports real failures.
    assert not all(g["passed"] for g in humaneval)
    assert len([g for g in gens if g["source"] == "test"]) == 3 * 4


def test_per_prompt_rows_feed_the_ab_comparison(evaluated):
    root, _ = evaluated
    rows = [json.loads(x) for x in (root / "eval" / "per_prompt.jsonl").read_text().splitlines()]
    assert len(rows) == 3 * (4 + 3 + 1 + 1)
    base = [r for r in rows if r["model"] == "base"]
    tuned = [r for r in rows if r["model"] == "mixed"]
    pairs, key, unpaired_a, unpaired_b = pair_rows(base, tuned)
    assert key == "id" and len(pairs) == 9 and unpaired_a == unpaired_b == 0
    # The A/B stage compares one source at a time, on the fields every row of it has.
    for source, expect_binary, expect_continuous in (
        ("test", {"syntax_valid", "empty"}, {"bleu"}),
        ("humaneval", {"passed", "syntax_valid", "empty"}, set()),
        ("repo_tests", {"passed"}, set()),
        ("test_generation", {"valid"}, set()),
    ):
        side = [r for r in base + tuned if r["source"] == source]
        binary, continuous = infer_metrics(side)
        assert set(binary) == expect_binary, source
        assert expect_continuous <= set(continuous), source
    for r in rows:
        if r["source"] == "repo_tests":
            assert isinstance(r["passed"], bool)
        elif r["source"] == "test_generation":
            assert isinstance(r["valid"], bool)
        elif r["source"] == "humaneval":
            assert isinstance(r["passed"], bool) and r["statuses"][0] in STATUSES
            assert "bleu" not in r
        else:
            assert "passed" not in r and 0.0 <= r["bleu"] <= 100.0


def test_repository_tests_judge_each_models_body(evaluated):
    root, report = evaluated
    # Verified in the sandbox: only the test that fails with the body blanked is kept.
    assert report["repo_tests"]["functions"] == [
        {
            "id": "r:ident",
            "module": "mini.ident",
            "tests": ["tests.test_ident:IdentTest.test_ident"],
        }
    ]
    for label in ("base", "sft", "mixed"):
        part = report["models"][label]["repo_tests"]
        assert part["functions"] == 1 and part["tests"] == 1
        assert part["pass_rate"] in (0.0, 1.0)
    gens = [json.loads(x) for x in (root / "eval" / "generations.jsonl").read_text().splitlines()]
    repo = [g for g in gens if g["source"] == "repo_tests"]
    assert [g["model"] for g in repo] == ["base", "sft", "mixed"]
    assert all(g["passed"] == (g["tests_passed"] == 1) for g in repo)
    assert report["metrics"]["repo_tests_pass_rate"]["n"] == 1


def test_generated_test_files_are_run_on_the_function_and_its_mutants(evaluated):
    root, report = evaluated
    assert report["test_generation"]["functions"] == ["r:ident"]
    gens = [json.loads(x) for x in (root / "eval" / "generations.jsonl").read_text().splitlines()]
    files = [g for g in gens if g["source"] == "test_generation"]
    assert [g["model"] for g in files] == ["base", "sft", "mixed"]
    for g in files:
        assert g["prompt"].startswith("# Unit tests for `ident` in mini/ident.py")
        assert g["prompt"].endswith("# Tests:\n")
        assert g["lines"] == 1 and g["mutants"] <= 3
        # A random 4-layer model writes no test file that passes: nothing is credited to it.
        assert not g["valid"] and g["killed"] == 0 and g["lines_run"] == 0
    for label in ("base", "sft", "mixed"):
        part = report["models"][label]["test_generation"]
        assert part["functions"] == 1 and part["valid_rate"] == 0.0
    assert report["metrics"]["testgen_mutation_score"]["n"] == 1


def test_per_sample_scores_reproduce_the_scoring_module(tiny_model, tiny_tokenizer):
    from codetune.lib.masking import DOC_EOS
    from codetune.lib.scoring import heldout_loss, preference_accuracy
    from codetune.stages.eval.stage import _heldout, _preference

    cfg = load_config(None, ["sft.max_length=128", "eval.pair_max_length=128"])
    rows = [{"prompt": p, "completion": c} for p, c in FUNCTIONS]
    pairs = [
        {"prompt": p, "chosen": c, "rejected": c.replace("return", "return not", 1), "kind": k}
        for (p, c), k in zip(FUNCTIONS, ["a", "b", "a", "b"], strict=True)
    ]
    summary, measure = _heldout(tiny_model, tiny_tokenizer, rows, cfg)
    ref = heldout_loss(tiny_model, tiny_tokenizer, rows, "completion", max_length=128, batch_size=8)
    assert summary["heldout_loss"] == pytest.approx(ref["loss"], rel=1e-6)
    assert measure.aggregate() == pytest.approx(ref["loss"], rel=1e-6)
    summary, measures = _preference(tiny_model, tiny_tokenizer, pairs, cfg)
    ref = preference_accuracy(
        tiny_model, tiny_tokenizer, pairs, max_length=128, batch_size=8, eos=DOC_EOS
    )
    assert summary["preference_accuracy"] == pytest.approx(ref["accuracy"])
    assert summary["preference_accuracy_norm"] == pytest.approx(ref["accuracy_norm"])
    for kind, row in summary["preference_by_kind"].items():
        assert {k: row[k] for k in ref["by_kind"][kind]} == ref["by_kind"][kind]
        assert row["headline"] is False  # 2 pairs: shown, not headlined
        assert 0.0 <= row["ci95_norm"][0] <= row["accuracy_norm"] <= row["ci95_norm"][1] <= 1.0
    assert len(measures["preference_accuracy"].items) == ref["pairs"] == 4
    assert measures["preference_accuracy_norm"].aggregate() == pytest.approx(ref["accuracy_norm"])


def test_sampled_humaneval_gives_pass_at_k_per_task(tiny_model, tiny_tokenizer):
    from codetune.lib.sandbox.humaneval import load_problems
    from codetune.stages.eval.stage import _humaneval

    cfg = load_config(
        None,
        [
            "eval.humaneval_samples=2",
            "eval.humaneval_k=[1,2]",
            "eval.max_new_tokens=6",
            "eval.batch_size=2",
        ],
    )
    problems = dict(list(load_problems().items())[:1])
    out = _humaneval(tiny_model, tiny_tokenizer, cfg, problems, "base")
    assert set(out.measures) == {
        "humaneval_pass@1",
        "humaneval_pass@2",
        "humaneval_syntax_valid_rate",
        "humaneval_empty_rate",
    }
    assert not out.measures["humaneval_pass@1"].binary  # c/n per task: no McNemar
    assert out.metrics["humaneval"]["n_samples"] == 2
    assert [g["completion_id"] for g in out.generations] == [0, 1]
    assert out.generations[0]["completion"] != out.generations[1]["completion"]  # sampled
    (row,) = out.per_prompt
    assert row["id"] == "HumanEval/0" and len(row["statuses"]) == 2
    assert isinstance(row["passed"], float) and 0.0 <= row["passed"] <= 1.0


def test_held_out_pairs_above_the_limit_are_taken_across_kinds(tmp_path):
    """The per-kind accuracies of rare kinds rest on every pair they have: over the limit, the
    test pairs are taken round-robin by kind, not the file's first N; too-long pairs never."""
    from codetune.stages.eval.stage import _test_pairs

    class WordTokenizer:
        def __call__(self, text, add_special_tokens=False):
            return {"input_ids": text.split()}

    rows = [
        {"id": f"a{i}", "kind": "a", "prompt": "p", "chosen": "x", "rejected": "y"}
        for i in range(10)
    ]
    rows += [{"id": "b0", "kind": "b", "prompt": "p", "chosen": "x", "rejected": "y"}]
    rows += [{"id": "b1", "kind": "b", "prompt": "p " * 50, "chosen": "x", "rejected": "y"}]
    rows += [{"id": "c0", "kind": "c", "prompt": "p", "chosen": "x", "rejected": "y"}]
    run = Run(tmp_path)
    write_jsonl(run.pairs_dir / "test.jsonl", rows)
    picked = _test_pairs(run, WordTokenizer(), max_length=16, limit=6)
    ids = [p["id"] for p in picked]
    assert len(ids) == 6 and "b1" not in ids
    assert {"b0", "c0"} <= set(ids)
    assert ids == sorted(ids, key=[r["id"] for r in rows].index)  # file order kept
    assert [p["id"] for p in _test_pairs(run, WordTokenizer(), 16, None)] == [
        r["id"] for r in rows if r["id"] != "b1"
    ]


def test_likelihood_only_models_skip_generation(tiny_model, tiny_tokenizer):
    """eval.generation_models=base_and_final: an intermediate model gets held-out loss and
    preference accuracy, and no generation or HumanEval figure at all."""
    from codetune.lib.sandbox.humaneval import load_problems
    from codetune.stages.eval.stage import evaluate_model

    cfg = load_config(None, ["sft.max_length=128", "eval.max_new_tokens=4"])
    rows = [{"prompt": p, "completion": c, "language": "python"} for p, c in FUNCTIONS]
    pairs = [
        {"prompt": p, "chosen": c, "rejected": c + "\n    pass", "kind": "k"} for p, c in FUNCTIONS
    ]
    problems = dict(list(load_problems().items())[:1])
    lean = evaluate_model(
        tiny_model, tiny_tokenizer, cfg, rows, pairs, "sft", problems, generations=False
    )
    assert {"heldout_loss", "preference_accuracy", "preference_accuracy_norm"} <= set(lean.metrics)
    assert "syntax_valid_rate" not in lean.metrics and "humaneval" not in lean.metrics
    assert not lean.generations and not lean.per_prompt
    full = evaluate_model(tiny_model, tiny_tokenizer, cfg, rows, pairs, "dpo", problems)
    assert "humaneval" in full.metrics and full.generations
