"""On-policy, execution-verified pairs: samples of the model judged in the sandbox."""

from __future__ import annotations

import json

import pytest

from codetune.core.config.pairs import OnPolicyConfig
from codetune.core.errors import UserError
from codetune.stages.pairs.onpolicy import build_onpolicy_pairs, pairs_for_task, split_tasks

PROBLEM = {
    "task_id": "T/0",
    "prompt": "def add(a, b):\n",
    "canonical_solution": "    return a + b\n",
    "test": "def check(f):\n    assert f(1, 2) == 3\n",
    "entry_point": "add",
}


def _sample(text: str, status: str) -> dict:
    return {"task_id": "T/0", "completion": text, "status": status}


def test_passing_samples_are_chosen_and_failing_ones_rejected_once():
    samples = [
        _sample("    return a + b\n", "passed"),
        _sample("    return b + a\n", "passed"),
        _sample("    return a - b\n", "failed"),
        _sample("    return a - b\n", "failed"),  # the same mistake twice: one pair
        _sample("    while True: pass\n", "timeout"),
        _sample("   \n", "failed"),  # empty body: dropped
    ]
    pairs, counts = pairs_for_task("T/0", PROBLEM, samples, canonical_status="passed")
    assert [(p["rejected"], p["kind"]) for p in pairs] == [
        ("    return a - b\n", "onpolicy:failed"),
        ("    while True: pass\n", "onpolicy:timeout"),
    ]
    # Each failing sample is paired with a passing one, round-robin over the passing samples.
    assert [p["chosen"] for p in pairs] == ["    return a + b\n", "    return b + a\n"]
    assert {p["source"] for p in pairs} == {"onpolicy"}
    assert pairs[1]["statuses"] == {"chosen": "passed", "rejected": "timeout"}
    assert counts["duplicate_rejected_dropped"] == 1 and counts["empty_rejected_dropped"] == 1


def test_without_a_passing_sample_the_verified_canonical_solution_is_chosen():
    samples = [_sample("    return a * b\n", "failed"), _sample("    return a +\n", "failed")]
    pairs, _ = pairs_for_task("T/0", PROBLEM, samples, canonical_status="passed")
    assert [p["chosen"] for p in pairs] == [PROBLEM["canonical_solution"]] * 2
    assert {p["source"] for p in pairs} == {"onpolicy-reference"}
    # A canonical solution that fails its own tests is no chosen side.
    pairs, counts = pairs_for_task("T/0", PROBLEM, samples, canonical_status="failed")
    assert pairs == [] and counts["tasks_without_chosen"] == 1


def test_tasks_are_split_without_overlap():
    ids = [f"HumanEval/{i}" for i in range(20)]
    assignment = split_tasks(ids, [0.7, 0.2, 0.1], seed=3)
    assert sorted(assignment) == sorted(ids)
    sizes = {s: sum(v == s for v in assignment.values()) for s in ("train", "val", "test")}
    assert sizes == {"train": 14, "val": 4, "test": 2}
    assert assignment == split_tasks(list(reversed(ids)), [0.7, 0.2, 0.1], seed=3)
    assert set(split_tasks(ids[:3], [0.7, 0.2, 0.1], seed=0).values()) == {"train", "val", "test"}
    assert set(split_tasks(ids[:1], [0.7, 0.2, 0.1], seed=0).values()) == {"train"}


@pytest.fixture(scope="module")
def tiny_model():
    from codetune.core.config import load_config
    from codetune.lib.models import load_base

    model, tokenizer, _ = load_base(load_config(None).model)
    return model, tokenizer


def test_embedded_model_samples_on_humaneval_give_sandbox_verified_pairs(tiny_model):
    from codetune.lib.sandbox.humaneval import load_problems

    model, tokenizer = tiny_model
    problems = load_problems()
    cfg = OnPolicyConfig(num_problems=3, k=3, max_new_tokens=12, timeout_s=20)
    splits, samples, stats = build_onpolicy_pairs(
        model, tokenizer, problems, cfg, seed=1, split_fractions=[0.7, 0.2, 0.1]
    )
    assert len(samples) == 9 and {s["task_id"] for s in samples} == {
        "HumanEval/0",
        "HumanEval/1",
        "HumanEval/2",
    }
    assert all(s["status"] in {"passed", "failed", "timeout", "crashed"} for s in samples)
    assert stats["canonical_solutions_failing"] == []  # verified in the sandbox too
    pairs = [p for split in splits.values() for p in split]
    assert pairs and stats["pairs"] == len(pairs)
    for p in pairs:
        assert p["rejected"] != p["chosen"] and p["rejected"].strip()
        assert p["kind"] == f"onpolicy:{p['statuses']['rejected']}"
        assert p["source"] in {"onpolicy", "onpolicy-reference"}
        assert p["prompt"] == problems[p["task_id"]]["prompt"]
    # No rejected sample is repeated within a task, no task sits in two splits.
    keys = [(p["task_id"], p["rejected"]) for p in pairs]
    assert len(keys) == len(set(keys))
    tasks = {s: {p["task_id"] for p in ps} for s, ps in splits.items()}
    assert not (tasks["train"] & tasks["val"] or tasks["train"] & tasks["test"])
    assert not tasks["val"] & tasks["test"]


def test_pairs_stage_refuses_onpolicy_before_sft(tmp_path):
    from codetune.core.config import load_config
    from codetune.core.runs import Run
    from codetune.stages.pairs.stage import run_pairs

    cfg = load_config(None, [f"output_dir={tmp_path}", "pairs.onpolicy={num_problems: 2}"])
    with pytest.raises(UserError, match="needs 'sft'"):
        run_pairs(cfg, Run(tmp_path))


def test_pairs_stage_adds_onpolicy_pairs_to_the_splits(tmp_path, tiny_model):
    """The whole stage: synthetic pairs from data rows plus on-policy pairs from a problem file,
    sampled from the merged SFT model (here a fresh LoRA adapter saved as the SFT stage's)."""
    from peft import LoraConfig, get_peft_model

    from codetune.core.config import load_config
    from codetune.core.io import write_jsonl
    from codetune.core.runs import Run
    from codetune.stages.pairs.stage import run_pairs

    model, _ = tiny_model
    run = Run(tmp_path)
    peft = get_peft_model(model, LoraConfig(r=2, target_modules=["q_proj"]))
    peft.save_pretrained(run.adapter_dir("sft"))
    peft.unload()  # the shared module fixture gets its plain model back
    run.update_stage("sft", status="done")
    fn = {
        "prompt": "def clamp(x, lo, hi):\n",
        "completion": "    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n"
        "    return x\n",
        "language": "python",
    }
    for split in ("train", "val", "test"):
        write_jsonl(run.data_dir / "completion" / f"{split}.jsonl", [{**fn, "id": split}])
    problems = tmp_path / "problems.jsonl"
    write_jsonl(problems, [{**PROBLEM, "task_id": f"T/{i}"} for i in range(4)])
    cfg = load_config(
        None,
        [
            f"output_dir={tmp_path}",
            f"pairs.onpolicy={{problems: {problems}, k: 2, max_new_tokens: 8, timeout_s: 20}}",
        ],
    )
    metrics = run_pairs(cfg, run)
    stats = json.loads((run.pairs_dir / "stats.json").read_text())
    assert stats["onpolicy"]["problems"] == 4 and stats["onpolicy"]["samples"] == 8
    assert metrics["onpolicy_pairs"] == stats["onpolicy"]["pairs"] > 0
    seen: dict[str, str] = {}
    total = 0
    for split in ("train", "val", "test"):
        rows = [json.loads(line) for line in (run.pairs_dir / f"{split}.jsonl").open()]
        onpolicy = [r for r in rows if r["source"].startswith("onpolicy")]
        assert len(onpolicy) == stats[split]["onpolicy_pairs"]
        assert len(rows) == stats[split]["pairs"]
        total += len(onpolicy)
        for r in onpolicy:
            assert seen.setdefault(r["task_id"], split) == split
    assert total == stats["onpolicy"]["pairs"]
    assert len((run.pairs_dir / "onpolicy_samples.jsonl").read_text().splitlines()) == 8


def test_eval_leaves_tasks_trained_on_out_of_humaneval_pass_at_k(tmp_path):
    """On-policy pairs of train/val tasks teach the tuned model their canonical solutions: the
    eval's HumanEval pass@k skips those tasks (test-split tasks stay) and still scores N."""
    from codetune.core.config import load_config
    from codetune.core.io import write_json
    from codetune.core.runs import Run
    from codetune.stages.eval.stage import _humaneval_problems, trained_humaneval_tasks

    run = Run(tmp_path)
    by_split = {"train": ["HumanEval/0", "HumanEval/2"], "val": ["HumanEval/1"]}
    by_split["test"] = ["HumanEval/3"]
    write_json(run.pairs_dir / "stats.json", {"onpolicy": {"tasks_by_split": by_split}})
    cfg = load_config(None, [f"output_dir={tmp_path}", "pairs.onpolicy={num_problems: 4}"])
    trained = trained_humaneval_tasks(cfg, run)
    assert trained == {"HumanEval/0", "HumanEval/1", "HumanEval/2"}
    cfg.eval.humaneval_problems = 3
    assert list(_humaneval_problems(cfg.eval, trained)) == [
        "HumanEval/3",
        "HumanEval/4",
        "HumanEval/5",
    ]
    # Without on-policy pairs, or with another problem file, HumanEval was never trained on.
    plain = load_config(None, [f"output_dir={tmp_path}"])
    assert trained_humaneval_tasks(plain, run) == set()
    other = load_config(
        None, [f"output_dir={tmp_path}", f"pairs.onpolicy={{problems: {tmp_path / 'p.jsonl'}}}"]
    )
    assert trained_humaneval_tasks(other, run) == set()
