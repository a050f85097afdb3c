"""On-policy Java -> Go pairs on HumanEval-X: the SFT model translates each Java canonical
solution into Go `k` times, the problem's own Go tests judge every translation with `go test`
in the sandbox, and a failing translation (build failed, failed, timeout) is paired with a
passing one, or, where none passed, with the canonical Go solution (itself run first). As for
HumanEval's on-policy pairs, the pair's prompt is the base-format translation prompt (the Java
as a comment block, then the Go doc comment and signature) and both sides are the Go code after
the signature, whatever format the model was sampled in. Pairs go to train and val only, split
by problem; the eval translates the first problems no pair came from
(`stats.json` `translation.tasks_by_split`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from codetune.core.config.pairs import TranslationPairsConfig
from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.generate import PromptFormat
from codetune.lib.sandbox.humaneval_x import entry_point, java_go_pairs, run_go_tests
from codetune.lib.sandbox.launcher import isolation_mode
from codetune.lib.translation import go_answer_to_function, go_body, translation_prompts
from codetune.stages.pairs.judged import judged_pairs, judged_rows, judged_stats, sample_each

SPLITS = ("train", "val", "test")


def java_go_problems(cfg: TranslationPairsConfig) -> list[tuple[dict, dict]]:
    """(Java problem, Go problem) from `first_problem`, `num_problems` of them."""
    pairs = java_go_pairs(Path(cfg.humaneval_x_dir))
    return pairs[cfg.first_problem : cfg.first_problem + cfg.num_problems]


def _split_of(task_id: str, val_fraction: float, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}\0{task_id}".encode()).digest()
    return "val" if int.from_bytes(digest[:8], "big") / 2**64 < val_fraction else "train"


def build_translation_pairs(
    model,
    tokenizer,
    cfg: TranslationPairsConfig,
    *,
    seed: int,
    prompt_format: PromptFormat = "auto",
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, Any]]:
    """(split -> pairs, judged samples, stats) sampled from `model` (the SFT model)."""
    problems = java_go_problems(cfg)
    sources = [j["prompt"] + j["canonical_solution"] for j, _ in problems]
    starts = [g["prompt"] for _, g in problems]
    prompts, stops, fmt = translation_prompts(sources, starts, tokenizer, prompt_format)
    base_prompts, _, _ = translation_prompts(sources, starts, tokenizer, "base")
    order, outputs = sample_each(
        model, tokenizer, prompts, cfg, stops=stops, seed=seed, desc="translations"
    )
    codes = [
        go_answer_to_function(out.text, starts[i], entry_point(problems[i][1]), fmt)
        for out, i in zip(outputs, order, strict=True)
    ]
    go_problems = {g["task_id"]: g for _, g in problems}
    limits = SandboxLimits(timeout_s=cfg.timeout_s, require_isolation=cfg.require_isolation)
    runs = [(problems[i][1]["task_id"], code) for code, i in zip(codes, order, strict=True)]
    canon = [(g["task_id"], g["prompt"] + g["canonical_solution"]) for _, g in problems]
    verdicts = run_go_tests(runs + canon, go_problems, limits)
    sample_verdicts, canon_verdicts = verdicts[: len(runs)], verdicts[len(runs) :]

    samples = [
        {
            "task_id": v.task_id,
            "completion": code,
            "status": v.status,
            "detail": v.detail,
            "new_tokens": out.new_tokens,
        }
        for v, code, out in zip(sample_verdicts, codes, outputs, strict=True)
    ]
    by_task: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in samples:
        by_task[s["task_id"]].append(s)
    splits: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    dropped: Counter[str] = Counter()
    for i, (_, go_problem) in enumerate(problems):
        tid = go_problem["task_id"]
        name = entry_point(go_problem)
        bodies = [(go_body(s["completion"], name), s["status"]) for s in by_task[tid]]
        found, counts = judged_pairs(
            # A body of nothing but its closing brace is no function either.
            [(b if b is not None and b.strip("}\n\t ") else None, st) for b, st in bodies],
            go_problem["canonical_solution"] if canon_verdicts[i].passed else None,
            lambda body: False,
        )
        dropped.update(counts)
        split = _split_of(tid, cfg.val_fraction, seed)
        splits[split] += judged_rows(
            found,
            id_prefix=f"{tid}::translation",
            prompt=base_prompts[i],
            kind="translation",
            source="translation",
            group="translation",
            language="go",
            task_id=tid,
            split=split,
        )
    all_pairs = [p for s in SPLITS for p in splits[s]]
    stats: dict[str, Any] = {
        "problems": len(problems),
        "k": cfg.k,
        **judged_stats(samples, splits, dropped),
        "canonical_solutions_failing": [v.task_id for v in canon_verdicts if not v.passed],
        "by_kind": dict(sorted(Counter(p["kind"] for p in all_pairs).items())),
        "tasks_by_split": {s: sorted({p["task_id"] for p in splits[s]}) for s in SPLITS},
        # Every problem sampled, with or without pairs: the eval leaves them all out.
        "tasks": [g["task_id"] for _, g in problems],
        "sampling": {
            "temperature": cfg.temperature,
            "top_p": cfg.top_p,
            "max_new_tokens": cfg.max_new_tokens,
            "prompt_format": fmt,
        },
        "sandbox": isolation_mode(limits),
    }
    return splits, samples, stats
