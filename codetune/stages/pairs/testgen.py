"""On-policy test-generation pairs judged by execution (`pairs.testgen`).

For train/val functions linked to their repository tests and verified in the sandbox (the tests
pass with the original body and fail with it blanked: `repotests.verified_functions`), the SFT
model writes `k` test files, prompted like the `tests` sample format. Each file runs in the
sandbox on the real function and on its mutants (`lib/sandbox/testgen.score_many`, the eval's
own scoring). A file that passes on the real function and kills at least one mutant is a
passing sample; one that fails or errors on the real function (`testgen:invalid`) or kills no
mutant (`testgen:kills_none`) is rejected, paired with a passing sample or, where none passed,
with the function's own verified tests as a test file (all of them, or the shortest file of one,
whichever is shorter among those that pass and kill a mutant too). A
function's pairs stay in its data split, so held-out functions never feed training.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from codetune.core.config.pairs import GeneratedTestPairsConfig
from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.sandbox.launcher import isolation_mode
from codetune.lib.sandbox.repotests import verified_functions
from codetune.lib.sandbox.testgen import TestFileScore, score_many
from codetune.lib.testlinks import TEST_FILE_STOPS, reference_test_files, tests_prompt
from codetune.stages.pairs.judged import judged_pairs, judged_rows, judged_stats, sample_each

SPLITS = ("train", "val", "test")


def verdict(score: TestFileScore) -> str:
    """passed (valid and kills a mutant), invalid, or kills_none."""
    if not score.valid:
        return "invalid"
    return "passed" if score.killed else "kills_none"


def build_testgen_pairs(
    model,
    tokenizer,
    run_root: Path,
    cfg: GeneratedTestPairsConfig,
    *,
    seed: int,
    max_tests: int,
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, Any]]:
    """(split -> pairs, judged samples, stats) sampled from `model` (the SFT model)."""
    limits = SandboxLimits(timeout_s=cfg.timeout_s, require_isolation=cfg.require_isolation)
    verified = verified_functions(
        run_root, ("train", "val"), cfg.num_functions, seed=seed, limits=limits, max_tests=max_tests
    )
    prompts = [
        tests_prompt(fn.qualname, fn.path, fn.module, fn.prompt + fn.completion)
        for fn, _ in verified
    ]
    order, outputs = (
        sample_each(
            model, tokenizer, prompts, cfg, stops=TEST_FILE_STOPS, seed=seed, desc="test files"
        )
        if verified
        else ([], [])
    )
    references = [reference_test_files(fn.files, fn.tests, kept) for fn, kept in verified]
    files: list[list[str]] = [[] for _ in verified]
    for i, out in zip(order, outputs, strict=True):
        files[i].append(out.text)
    scores = score_many(
        [
            (fn, texts + refs, None)
            for (fn, _), texts, refs in zip(verified, files, references, strict=True)
        ],
        limits,
        max_mutants=cfg.mutants,
        seed=seed,
    )

    splits: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    judged: list[dict[str, Any]] = []
    dropped: Counter[str] = Counter()
    references_used = 0
    for (fn, _), prompt, texts, refs, fn_scores in zip(
        verified, prompts, files, references, scores, strict=True
    ):
        sample_scores = fn_scores[: len(texts)]
        # The shortest reference that passes and kills a mutant: the pair must fit DPO's length.
        passing = [
            r
            for r, sc in zip(refs, fn_scores[len(texts) :], strict=True)
            if verdict(sc) == "passed"
        ]
        ref = min(passing, key=len) if passing else None
        references_used += ref is not None
        statuses = [verdict(score) for score in sample_scores]
        for text, status, score in zip(texts, statuses, sample_scores, strict=True):
            judged.append(
                {
                    "function_id": fn.id,
                    "completion": text,
                    "status": status,
                    "tests": score.tests,
                    "killed": score.killed,
                    "mutants": score.mutants,
                    "detail": score.detail,
                }
            )
        found, counts = judged_pairs(
            zip(texts, statuses, strict=True),
            ref,
            lambda text: not text.strip(),
        )
        dropped.update(counts)
        splits[fn.split] += judged_rows(
            found,
            id_prefix=f"{fn.id}::testgen",
            prompt=prompt,
            kind="testgen",
            source="testgen",
            group="onpolicy",
            language="python",
            function_id=fn.id,
            split=fn.split,
        )
    stats: dict[str, Any] = {
        "wanted_functions": cfg.num_functions,
        "verified_functions": len(verified),
        "verified_references": references_used,
        "k": cfg.k,
        **judged_stats(judged, splits, dropped),
        "sandbox": isolation_mode(limits) if verified else None,
    }
    return splits, judged, stats
