"""The eval's Java -> Go translation metric (codetune/stages/eval/translation.py) on HumanEval-X
with the random tiny model: what it writes is judged by the Go tests in the sandbox, and the
figures, generations and per-prompt rows say so per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.errors import UserError
from codetune.lib.sandbox import launcher

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "humaneval-x"

pytestmark = [
    pytest.mark.skipif(launcher.toolchain("go")[0] is None, reason="no Go toolchain"),
    pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} not present"),
]


def test_translation_problems_pair_java_with_go_and_need_the_data_folder(tmp_path):
    from codetune.stages.eval.translation import translation_problems

    cfg = load_config(None, ["eval.translation_problems=3", f"eval.humaneval_x_dir={DATA}"])
    problems = translation_problems(cfg)
    assert [(j["task_id"], g["task_id"]) for j, g in problems] == [
        ("Java/0", "Go/0"),
        ("Java/1", "Go/1"),
        ("Java/2", "Go/2"),
    ]
    with pytest.raises(UserError) as err:
        load_config(None, ["eval.translation_problems=3"])
    assert "\n" not in str(err.value) and "humaneval_x_dir" in str(err.value)


def test_each_translation_is_judged_by_the_go_tests(tiny_model, tiny_tokenizer):
    from codetune.stages.eval.translation import java_to_go, translation_problems

    cfg = load_config(
        None,
        [
            "eval.translation_problems=2",
            "eval.translation_max_new_tokens=16",
            f"eval.humaneval_x_dir={DATA}",
            "model.prompt_format=base",
        ],
    )
    problems = translation_problems(cfg)
    out = java_to_go(tiny_model, tiny_tokenizer, cfg, problems, "base")
    part = out.metrics["translation"]
    assert part["problems"] == 2 and part["direction"] == "java->go"
    # A random model writes no working Go: every translation fails, most cannot build.
    assert part["pass@1"] == 0.0 and sum(part["statuses"].values()) == 2
    assert set(out.measures) == {"translation_pass@1", "translation_build_rate"}
    assert [g["id"] for g in out.generations] == ["Go/0", "Go/1"]
    for g, problem in zip(out.generations, problems, strict=True):
        assert g["completion"].startswith(problem[1]["prompt"])  # the Go start, continued
        assert g["status"] in {"build_failed", "failed", "timeout", "crashed"}
    assert {r["source"] for r in out.per_prompt} == {"translation"}
    assert all(isinstance(r["passed"], bool) for r in out.per_prompt)
