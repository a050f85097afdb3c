"""Test generation as a metric: each model writes a test file for held-out functions, and the
sandbox says whether it runs and passes on the real function, how many mutants it kills, which
lines it reaches; boundary-value tests and mocks are counted from its text
(`codetune.lib.sandbox.testgen`).

The functions are the verified repository-test functions (`repo_tests.verified_functions`: their
module loads in the sandbox and their own tests reach them), the prompt is the `tests` sample
format's (the whole function, then "# Tests:"), so a model SFT-trained on `tests` samples is
asked the way it learned. Per function, base vs tuned with paired intervals: valid test file
(binary), mutation score, line and branch coverage (killed / mutants, run / lines and taken /
branch arcs, summed over functions; branch coverage over the functions that have a decision),
at least one boundary-value test (binary), at least one mock (binary).
"""

from __future__ import annotations

from typing import Any

from codetune.core.config import PipelineConfig
from codetune.lib.generate import SamplingConfig, generate
from codetune.lib.sandbox.testgen import score_many
from codetune.lib.testlinks import TEST_FILE_STOPS, tests_prompt
from codetune.stages.eval.repo_tests import Verified
from codetune.stages.eval.results import Measure, ModelEval


def generate_test_files(
    model, tokenizer, cfg: PipelineConfig, verified: Verified, label: str
) -> ModelEval:
    """One model's test files for the first `eval.test_generation` verified functions."""
    out = ModelEval()
    ev = cfg.eval
    functions = [fn for fn, _ in verified[: ev.test_generation]]
    if not functions:
        return out
    prompts = [
        tests_prompt(fn.qualname, fn.path, fn.module, fn.prompt + fn.completion) for fn in functions
    ]
    sampling = SamplingConfig(
        max_new_tokens=ev.test_generation_max_new_tokens,
        stop=TEST_FILE_STOPS,
        batch_size=ev.generation_batch_size,
        seed=cfg.seed,
    )
    gens = generate(model, tokenizer, prompts, sampling, desc=f"{label} test files")
    measures = {
        "testgen_valid_rate": Measure("mean", higher_is_better=True, binary=True),
        "testgen_mutation_score": Measure("ratio", higher_is_better=True, empty=0.0),
        "testgen_line_coverage": Measure("ratio", higher_is_better=True, empty=0.0),
        "testgen_branch_coverage": Measure("ratio", higher_is_better=True, empty=0.0),
        "testgen_boundary_rate": Measure("mean", higher_is_better=True, binary=True),
        "testgen_mock_rate": Measure("mean", higher_is_better=True, binary=True),
    }
    scores = score_many(
        [(fn, [g.text], None) for fn, g in zip(functions, gens, strict=True)],
        ev.sandbox,
        max_mutants=ev.test_generation_mutants,
        seed=cfg.seed,
        workers=ev.sandbox_workers,
    )
    for fn, prompt, g, (score,) in zip(functions, prompts, gens, scores, strict=True):
        rid = f"testgen:{fn.id}"
        measures["testgen_valid_rate"].items[rid] = int(score.valid)
        measures["testgen_mutation_score"].items[rid] = (
            score.killed if score.valid else 0,
            score.mutants,
        )
        measures["testgen_line_coverage"].items[rid] = (score.lines_run, score.lines)
        if score.branches:  # a function without a decision has no branch to cover
            measures["testgen_branch_coverage"].items[rid] = (score.branches_run, score.branches)
        measures["testgen_boundary_rate"].items[rid] = int(score.valid and score.boundary_tests > 0)
        measures["testgen_mock_rate"].items[rid] = int(bool(score.mocks))
        out.generations.append(
            {
                "model": label,
                "source": "test_generation",
                "language": "python",
                "id": rid,
                "prompt": prompt,
                "completion": g.text,
                "valid": score.valid,
                "tests": score.tests,
                "mutants": score.mutants,
                "killed": score.killed,
                "lines": score.lines,
                "lines_run": score.lines_run,
                "branches": score.branches,
                "branches_run": score.branches_run,
                "boundary_tests": score.boundary_tests,
                "mocks": score.mocks,
                "mocked_dependencies": score.mocked_dependencies,
                "dependencies": score.dependencies,
                "detail": score.detail,
                "finished": g.finished,
            }
        )
        out.per_prompt.append(
            {"id": rid, "model": label, "source": "test_generation", "valid": score.valid}
        )
    if not measures["testgen_branch_coverage"].items:
        del measures["testgen_branch_coverage"]  # no function with a decision: nothing to cover
    out.measures = measures
    out.metrics["test_generation"] = {
        name.removeprefix("testgen_"): m.aggregate() for name, m in measures.items()
    } | {"functions": len(functions)}
    return out


def summary(verified: Verified, limit: int) -> dict[str, Any]:
    return {
        "functions": [fn.id for fn, _ in verified[:limit]],
        "note": "valid: the generated test file imports, runs at least one test and every test "
        "passes on the real function; mutation score and line coverage count only valid files",
    }
