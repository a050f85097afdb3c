"""On-policy pairs judged by the repository's own tests (`pairs.repo_tests`).

The HumanEval on-policy pairs (`onpolicy.py`) teach what a benchmark's tests accept; these
teach what the team's tests accept. For train/val functions the data stage linked to the tests
that call them (data/repo_tests.jsonl), verified in the sandbox first (the tests pass with the
original body and fail with it blanked; only those tests are kept), the SFT model samples `k`
bodies, prompted like HumanEval (`function_prompts`: a chat turn for an instruct model); each runs against the tests in the sandbox, the only place generated code runs. A
failing body is the rejected side, paired with a passing sample ("repo-tests") or, when no
sample passes, with the original body ("repo-tests-reference"). A function's pairs stay in its
own data split, so held-out functions never feed training.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from codetune.core.config.pairs import RepoTestPairsConfig
from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.codemetrics import empty_body
from codetune.lib.generate import PromptFormat, function_bodies, inference_autocast
from codetune.lib.pairfilters import token_edit_distance
from codetune.lib.sandbox.launcher import isolation_mode
from codetune.lib.sandbox.repotests import RepoFunction, run_tests, verified_functions
from codetune.stages.pairs.judged import judged_pairs

SPLITS = ("train", "val", "test")


def pairs_for_function(
    fn: RepoFunction, bodies: list[tuple[str, bool]]
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Pairs of one function from its judged samples (body, passed); counts of what was left
    out. The team's own body is the reference: its tests passed with it."""
    found, counts = judged_pairs(
        [(body, "passed" if passed else "failed") for body, passed in bodies],
        fn.completion,
        lambda body: empty_body(body, "python"),
    )
    pairs = [
        {
            "id": f"{fn.id}::repotests::{i}",
            "prompt": fn.prompt,
            "chosen": pair.chosen,
            "rejected": pair.rejected,
            "kind": "repo_tests:failed",
            "group": "onpolicy",
            "source": "repo-tests-reference" if pair.from_reference else "repo-tests",
            "language": "python",
            "function_id": fn.id,
            "token_distance": token_edit_distance(pair.chosen, pair.rejected),
            "split": fn.split,
        }
        for i, pair in enumerate(found)
    ]
    return pairs, counts


def build_repo_test_pairs(
    model,
    tokenizer,
    run_root: Path,
    cfg: RepoTestPairsConfig,
    *,
    seed: int,
    max_tests: int,
    prompt_format: PromptFormat = "auto",
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, Any]]:
    """(split -> pairs, judged samples, stats) sampled from `model` (the SFT model)."""
    limits = SandboxLimits(timeout_s=cfg.timeout_s, require_isolation=cfg.require_isolation)
    verified = verified_functions(
        run_root,
        ("train", "val"),
        cfg.num_functions,
        seed=seed,
        limits=limits,
        max_tests=max_tests,
        fits=lambda text: len(tokenizer(text)["input_ids"]) < cfg.max_new_tokens,
    )
    splits: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    samples: list[dict[str, Any]] = []
    if verified:
        order = [i for i in range(len(verified)) for _ in range(cfg.k)]
        with inference_autocast(model):
            bodies, outputs = function_bodies(
                model,
                tokenizer,
                [verified[i][0].context + verified[i][0].prompt for i in order],
                [verified[i][0].name for i in order],
                prompt_format,
                desc="repo-test samples",
                max_new_tokens=cfg.max_new_tokens,
                temperature=cfg.temperature,
                top_p=cfg.top_p,
                batch_size=cfg.batch_size,
                seed=seed,
            )
        runs = run_tests(
            [
                (verified[i][0], verified[i][0].prompt + body, verified[i][1])
                for i, body in zip(order, bodies, strict=True)
            ],
            limits,
        )
        by_function: dict[int, list[tuple[str, bool]]] = defaultdict(list)
        for i, out, body, result in zip(order, outputs, bodies, runs, strict=True):
            by_function[i].append((body, result.all_passed))
            samples.append(
                {
                    "function_id": verified[i][0].id,
                    "completion": body,
                    "passed": result.all_passed,
                    "tests_passed": len(result.passed),
                    "tests": len(verified[i][1]),
                    "new_tokens": out.new_tokens,
                }
            )
    dropped: Counter[str] = Counter()
    for i, (fn, _) in enumerate(verified):
        pairs, counts = pairs_for_function(fn, by_function[i])
        dropped.update(counts)
        splits[fn.split].extend(pairs)
    all_pairs = [p for s in SPLITS for p in splits[s]]
    passed = sum(s["passed"] for s in samples)
    stats: dict[str, Any] = {
        "wanted_functions": cfg.num_functions,
        "verified_functions": len(verified),
        "k": cfg.k,
        "samples": len(samples),
        "sample_pass_rate": passed / len(samples) if samples else 0.0,
        "functions_with_a_passing_sample": len({s["function_id"] for s in samples if s["passed"]}),
        "pairs": len(all_pairs),
        "by_source": dict(sorted(Counter(p["source"] for p in all_pairs).items())),
        "by_split": {s: len(splits[s]) for s in SPLITS},
        **{k: dropped.get(k, 0) for k in ("empty_rejected_dropped", "duplicate_rejected_dropped")},
        "sandbox": isolation_mode(limits) if verified else None,
    }
    return splits, samples, stats
