"""The repository's own tests as a metric: blank a held-out function's body, let each model
write it, run the tests that exercise it in the sandbox.

The data stage links held-out functions to the tests that refer to them (data/repo_tests.jsonl).
Here, once per run, each candidate is verified in the sandbox (its tests pass with the original
body and fail with it blanked; only those tests are kept), then every
model completes the same prompts greedily and a function counts as passed when all its kept
tests pass: `repo_tests_pass_rate`, base vs tuned with a paired interval like every measure.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from typing import Any

from codetune.core.config import PipelineConfig
from codetune.core.io import iter_jsonl
from codetune.core.runs import DATA_REPO_FILES, DATA_REPO_TESTS, Run
from codetune.lib.generate import PYTHON_FUNCTION_STOPS, SamplingConfig, generate
from codetune.lib.sandbox.repotests import RepoFunction, run_tests, verify
from codetune.stages.eval.results import Measure, ModelEval

log = logging.getLogger("codetune")

# Candidates verified per function wanted: links are guesses and some modules cannot be
# replaced in the sandbox (a stdlib package the interpreter imported at start-up).
CANDIDATES_PER_FUNCTION = 4

Verified = list[tuple[RepoFunction, list[tuple[str, str]]]]


def load_candidates(run: Run, limit: int, seed: int, tokenizer, max_new_tokens: int):
    """Up to `limit` linked held-out functions in a seeded order, each with its files; those
    whose reference body does not fit the token budget are left out (no model could pass)."""
    path = run.root / DATA_REPO_TESTS
    if limit <= 0 or not path.is_file():
        return []
    files: dict[int, dict[str, str]] = defaultdict(dict)
    for _, f in iter_jsonl(run.root / DATA_REPO_FILES):
        files[f["source"]][f["path"]] = f["text"]
    rows = [row for _, row in iter_jsonl(path)]
    rows.sort(key=lambda r: hashlib.sha256(f"{seed}\0{r['id']}".encode()).digest())
    out = []
    for row in rows:
        if len(tokenizer(row["completion"])["input_ids"]) >= max_new_tokens:
            continue
        out.append(RepoFunction.from_row(row, files[row["source"]]))
        if len(out) >= limit:
            break
    return out


def verified_functions(cfg: PipelineConfig, run: Run, tokenizer) -> Verified:
    """The run's repository-test functions whose tests really exercise them (see module)."""
    ev = cfg.eval
    wanted = ev.repo_tests
    candidates = load_candidates(
        run, CANDIDATES_PER_FUNCTION * wanted, cfg.seed, tokenizer, ev.max_new_tokens
    )
    if not candidates:
        return []
    kept = verify(candidates, ev.sandbox, cfg.data.max_tests_per_function)[:wanted]
    log.info(
        "repository tests: %d of %d linked functions verified in the sandbox",
        len(kept),
        len(candidates),
    )
    return kept


def repo_test_generations(
    model, tokenizer, cfg: PipelineConfig, verified: Verified, label: str
) -> ModelEval:
    """One model's bodies for the verified functions, judged by their repository tests."""
    out = ModelEval()
    if not verified:
        return out
    ev = cfg.eval
    sampling = SamplingConfig(
        max_new_tokens=ev.max_new_tokens,
        stop=PYTHON_FUNCTION_STOPS,
        batch_size=ev.generation_batch_size,
        seed=cfg.seed,
    )
    prompts = [fn.context + fn.prompt for fn, _ in verified]
    gens = generate(model, tokenizer, prompts, sampling, desc=f"{label} repo tests")
    runs = run_tests(
        [(fn, fn.prompt + g.text, tests) for (fn, tests), g in zip(verified, gens, strict=True)],
        ev.sandbox,
        ev.sandbox_workers,
    )
    measure = Measure("mean", higher_is_better=True, binary=True)
    for (fn, tests), g, result in zip(verified, gens, runs, strict=True):
        rid = f"repo:{fn.id}"
        measure.items[rid] = int(result.all_passed)
        out.generations.append(
            {
                "model": label,
                "source": "repo_tests",
                "language": "python",
                "id": rid,
                "prompt": fn.prompt,
                "completion": g.text,
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
