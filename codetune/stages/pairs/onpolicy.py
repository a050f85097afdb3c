"""On-policy, execution-verified preference pairs: the SFT model's own samples, judged by tests.

For each HumanEval-format problem (`task_id`, `prompt`, `test`, `entry_point`, optionally
`canonical_solution`) the current SFT model samples `k` completions; every completion runs in
the sandbox (`codetune.lib.sandbox.humaneval.evaluate_samples`, the only place generated code
runs) against the problem's tests. A passing sample is a chosen side, a failing one (failed,
timeout, crashed) a rejected side, and each distinct failing sample is paired with a passing
one. When no sample of a problem passes — the usual case for a small or young model — the
problem's canonical solution (itself verified in the sandbox) is the chosen side, so the model
still learns what its own mistakes should have been; `source` tells the two apart:
"onpolicy" (chosen is the model's own passing sample) or "onpolicy-reference".

Pairs are split train/val/test by task, so no problem feeds both training and held-out pairs.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from typing import Any

from codetune.core.config.pairs import OnPolicyConfig
from codetune.core.config.sandbox import SandboxLimits
from codetune.core.errors import UserError
from codetune.lib.codemetrics import empty_body
from codetune.lib.generate import (
    PromptFormat,
    function_bodies,
    inference_autocast,
    resolve_prompt_format,
)
from codetune.lib.pairfilters import token_edit_distance
from codetune.lib.sandbox.humaneval import evaluate_samples, task_order
from codetune.lib.sandbox.launcher import isolation_mode
from codetune.stages.pairs.judged import judged_pairs

SPLITS = ("train", "val", "test")
FAILING = ("failed", "timeout", "crashed")


def select_problems(problems: dict[str, dict], cfg: OnPolicyConfig) -> dict[str, dict]:
    """The first `num_problems` problems in file order (HumanEval/0, /1, ...): a stable set,
    so a rerun with a larger number only adds problems."""
    ids = list(problems)[: cfg.num_problems] if cfg.num_problems else list(problems)
    return {tid: problems[tid] for tid in ids}


def sample_completions(
    model,
    tokenizer,
    problems: dict[str, dict],
    cfg: OnPolicyConfig,
    seed: int,
    prompt_format: PromptFormat = "auto",
) -> list[dict[str, Any]]:
    """`cfg.k` sampled completions per problem as HumanEval samples (`task_id`, `completion`).

    The model is prompted in `prompt_format` (`generate.function_prompts`); the completion is
    the function body either way, so the pair's prompt stays the problem's own."""
    task_ids = [tid for tid in problems for _ in range(cfg.k)]
    with inference_autocast(model):
        bodies, outputs = function_bodies(
            model,
            tokenizer,
            [problems[tid]["prompt"] for tid in task_ids],
            [problems[tid]["entry_point"] for tid in task_ids],
            prompt_format,
            desc="on-policy samples",
            max_new_tokens=cfg.max_new_tokens,
            temperature=cfg.temperature,
            top_p=cfg.top_p,
            batch_size=cfg.batch_size,
            seed=seed,
        )
    return [
        {"task_id": tid, "completion": body, "new_tokens": out.new_tokens}
        for tid, body, out in zip(task_ids, bodies, outputs, strict=True)
    ]


def judge(
    samples: list[dict[str, Any]], problems: dict[str, dict], limits: SandboxLimits
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Run every sample and every canonical solution in the sandbox, in one batch.

    Returns the samples with their `status` and task_id -> status of the canonical solution
    (only for problems that have one).
    """
    canon = [
        {"task_id": tid, "completion": p["canonical_solution"]}
        for tid, p in problems.items()
        if isinstance(p.get("canonical_solution"), str)
    ]
    runs = [{"task_id": s["task_id"], "completion": s["completion"]} for s in samples] + canon
    if not runs:
        return [], {}
    rows = evaluate_samples(runs, problems, ks=[1], limits=limits)["samples"]
    judged = [
        {**s, "status": r["status"], "detail": r["detail"]}
        for s, r in zip(samples, rows[: len(samples)], strict=True)
    ]
    canon_status = {
        c["task_id"]: r["status"] for c, r in zip(canon, rows[len(samples) :], strict=True)
    }
    return judged, canon_status


def pairs_for_task(
    task_id: str,
    problem: dict,
    samples: list[dict[str, Any]],
    canonical_status: str | None,
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Pairs of one problem from its judged samples, and counts of what was left out."""
    reference = problem["canonical_solution"] if canonical_status == "passed" else None
    found, counts = judged_pairs(
        [(s["completion"], s["status"]) for s in samples],
        reference,
        lambda text: empty_body(text, "python"),
    )
    pairs = [
        {
            "id": f"{task_id}::onpolicy::{i}",
            "prompt": problem["prompt"],
            "chosen": pair.chosen,
            "rejected": pair.rejected,
            "kind": f"onpolicy:{pair.status}",
            "group": "onpolicy",
            "source": "onpolicy-reference" if pair.from_reference else "onpolicy",
            "language": "python",
            "task_id": task_id,
            "statuses": {"chosen": "passed", "rejected": pair.status},
            "token_distance": token_edit_distance(pair.chosen, pair.rejected),
        }
        for i, pair in enumerate(found)
    ]
    return pairs, counts


def split_tasks(task_ids: list[str], fractions: list[float], seed: int) -> dict[str, str]:
    """task_id -> split: a seeded shuffle cut by `fractions`, so no task is in two splits.

    Every split with a positive fraction gets at least one task when there are enough tasks,
    and train gets the rounding remainder (it needs the pairs most).
    """
    ids = sorted(task_ids)
    random.Random(seed).shuffle(ids)
    n = len(ids)
    sizes = [0, 0, 0]
    for j in (1, 2):
        sizes[j] = round(fractions[j] * n)
        if fractions[j] > 0 and sizes[j] == 0 and n - 1 - sum(sizes) >= 1:
            sizes[j] = 1
    sizes[0] = n - sizes[1] - sizes[2]
    out: dict[str, str] = {}
    start = 0
    for split, size in zip(SPLITS, sizes, strict=True):
        for tid in ids[start : start + size]:
            out[tid] = split
        start += size
    return out


def build_onpolicy_pairs(
    model,
    tokenizer,
    problems: dict[str, dict],
    cfg: OnPolicyConfig,
    *,
    seed: int,
    split_fractions: list[float],
    prompt_format: PromptFormat = "auto",
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, Any]]:
    """(split -> pairs, judged samples, stats) for `problems` sampled from `model`."""
    problems = select_problems(problems, cfg)
    if not problems:
        raise UserError("pairs.onpolicy: no problems selected")
    samples = sample_completions(model, tokenizer, problems, cfg, seed, prompt_format)
    limits = SandboxLimits(timeout_s=cfg.timeout_s, require_isolation=cfg.require_isolation)
    judged, canon_status = judge(samples, problems, limits)
    broken = sorted(t for t, s in canon_status.items() if s != "passed")

    by_task: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in judged:
        by_task[s["task_id"]].append(s)
    assignment = split_tasks(list(problems), split_fractions, seed)
    splits: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    dropped: Counter[str] = Counter()
    tasks_with_pairs = 0
    for tid, problem in problems.items():
        pairs, counts = pairs_for_task(tid, problem, by_task[tid], canon_status.get(tid))
        dropped.update(counts)
        if pairs:
            tasks_with_pairs += 1
            for p in pairs:
                p["split"] = assignment[tid]
            splits[assignment[tid]].extend(pairs)

    statuses = Counter(s["status"] for s in judged)
    all_pairs = [p for split in SPLITS for p in splits[split]]
    passing_tasks = {s["task_id"] for s in judged if s["status"] == "passed"}
    stats: dict[str, Any] = {
        "problems": len(problems),
        "k": cfg.k,
        "samples": len(judged),
        "sample_statuses": {s: statuses.get(s, 0) for s in ("passed", *FAILING)},
        "sample_pass_rate": statuses.get("passed", 0) / len(judged) if judged else 0.0,
        "tasks_with_a_passing_sample": len(passing_tasks),
        "canonical_solutions_failing": broken,
        "tasks_with_pairs": tasks_with_pairs,
        "pairs": len(all_pairs),
        "by_kind": dict(sorted(Counter(p["kind"] for p in all_pairs).items())),
        "by_source": dict(sorted(Counter(p["source"] for p in all_pairs).items())),
        "by_split": {s: len(splits[s]) for s in SPLITS},
        "tasks_by_split": {
            s: sorted({p["task_id"] for p in splits[s]}, key=task_order) for s in SPLITS
        },
        **{k: dropped.get(k, 0) for k in _DROP_COUNTS},
        "sampling": {
            "temperature": cfg.temperature,
            "top_p": cfg.top_p,
            "max_new_tokens": cfg.max_new_tokens,
            "prompt_format": resolve_prompt_format(prompt_format, tokenizer),
        },
        "sandbox_timeout_s": cfg.timeout_s,
        "sandbox": isolation_mode(limits),
    }
    return splits, judged, stats


_DROP_COUNTS = ("empty_rejected_dropped", "duplicate_rejected_dropped", "tasks_without_chosen")
