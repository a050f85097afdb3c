"""The repository's own tests as a metric: blank a held-out function's body, let each model
write it, run the tests that exercise it in the sandbox.

The data stage links held-out functions to the tests that refer to them (data/repo_tests.jsonl).
Here, once per run, each candidate is verified in the sandbox (its tests pass with the original
body and fail with it blanked; only those tests are kept), then every
model completes the same prompts greedily and a function counts as passed when all its kept
tests pass: `repo_tests_pass_rate`, base vs tuned with a paired interval like every measure.
"""

from __future__ import annotations

import logging
from typing import Any

from codetune.core.config import PipelineConfig
from codetune.core.config.eval import EvalConfig
from codetune.core.runs import Run
from codetune.lib.generate import function_bodies
from codetune.lib.sandbox import repotests
from codetune.lib.sandbox.repotests import RepoFunction, run_tests
from codetune.stages.eval.results import Measure, ModelEval

log = logging.getLogger("codetune")

Verified = list[tuple[RepoFunction, list[tuple[str, str]]]]


def verified_functions(cfg: PipelineConfig, run: Run, tokenizer) -> Verified:
    """The run's repository-test functions whose tests really exercise them (see module)."""
    ev = cfg.eval
    wanted = max(ev.repo_tests, ev.test_generation)
    # Test generation takes any verified function; repository tests only those whose own body
    # fits the token budget (repo_test_generations), so both are asked of the candidates.
    if not wanted:
        return []
    kept = repotests.verified_functions(
        run.root,
        ("test",),
        wanted,
        seed=cfg.seed,
        limits=ev.sandbox,
        max_tests=cfg.data.max_tests_per_function,
    )
    log.info(
        "repository tests: %d of %d wanted functions verified in the sandbox", len(kept), wanted
    )
    return kept


def for_repo_tests(verified: Verified, tokenizer, ev: EvalConfig) -> Verified:
    """The first `ev.repo_tests` verified functions whose own body fits the token budget: a
    cut-off body fails its tests whatever it says."""
    fitting = [
        (fn, tests)
        for fn, tests in verified
        if len(tokenizer(fn.completion)["input_ids"]) < ev.max_new_tokens
    ]
    return fitting[: ev.repo_tests]


def repo_test_generations(
    model, tokenizer, cfg: PipelineConfig, verified: Verified, label: str
) -> ModelEval:
    """One model's bodies for the verified functions, judged by their repository tests."""
    out = ModelEval()
    ev = cfg.eval
    verified = for_repo_tests(verified, tokenizer, ev)
    if not verified:
        return out
    # Prompted like HumanEval: an instruct model is asked for the function in a chat turn,
    # since given the raw start it writes prose; its answer's body is spliced in.
    bodies, gens = function_bodies(
        model,
        tokenizer,
        [fn.context + fn.prompt for fn, _ in verified],
        [fn.name for fn, _ in verified],
        cfg.model.prompt_format,
        desc=f"{label} repo tests",
        max_new_tokens=ev.max_new_tokens,
        batch_size=ev.generation_batch_size,
        seed=cfg.seed,
    )
    runs = run_tests(
        [(fn, fn.prompt + body, tests) for (fn, tests), body in zip(verified, bodies, strict=True)],
        ev.sandbox,
        ev.sandbox_workers,
    )
    measure = Measure("mean", higher_is_better=True, binary=True)
    for (fn, tests), g, body, result in zip(verified, gens, bodies, runs, strict=True):
        rid = f"repo:{fn.id}"
        measure.items[rid] = int(result.all_passed)
        out.generations.append(
            {
                "model": label,
                "source": "repo_tests",
                "language": "python",
                "id": rid,
                "prompt": fn.prompt,
                "completion": body,
                "answer": g.text,
                "reference": fn.completion,
                "tests": len(tests),
                "tests_passed": len(result.passed),
                "passed": result.all_passed,
                "finished": g.finished,
                "new_tokens": g.new_tokens,
            }
        )
        out.per_prompt.append(
            {"id": rid, "model": label, "source": "repo_tests", "passed": result.all_passed}
        )
    out.measures["repo_tests_pass_rate"] = measure
    out.metrics["repo_tests"] = {
        "pass_rate": measure.aggregate(),
        "functions": len(verified),
        "tests": sum(len(t) for _, t in verified),
    }
    return out


def summary(verified: Verified) -> dict[str, Any]:
    """What results.json records about the verified set (the same for every model)."""
    return {
        "functions": [
            {"id": fn.id, "module": fn.module, "tests": [f"{m}:{t}" for m, t in tests]}
            for fn, tests in verified
        ],
        "note": "functions whose linked repository tests pass with the original body and "
        "fail with it blanked; a model passes a function when all its kept tests pass",
    }
