"""Java -> Go on-policy pairs (codetune/stages/pairs/translation.py): translations judged by the
HumanEval-X Go tests in the sandbox become pairs; the eval then leaves those problems out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.config.pairs import TranslationPairsConfig
from codetune.lib.sandbox import launcher
from codetune.lib.translation import go_body

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "humaneval-x"
START = "// Add two numbers\nfunc Add(x int, y int) int {\n"


def test_go_body_is_what_follows_the_signature_helpers_after_it():
    code = (
        "func helper(x int) int {\n    return x\n}\n\n"
        "func Add(x int,\n    y int) int {\n    return helper(x) + y\n}\n"
    )
    body = go_body(code, "Add")
    assert body == "    return helper(x) + y\n}\n\nfunc helper(x int) int {\n    return x\n}\n"
    assert go_body("func Other() {\n}\n", "Add") is None
    assert go_body("func Add(x int, y int) int {\n    return x + y\n", "Add") is None  # unclosed


@pytest.mark.skipif(launcher.toolchain("go")[0] is None, reason="no Go toolchain")
@pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} not present")
def test_failing_translations_are_rejected_against_the_verified_canonical_go(
    tiny_model, tiny_tokenizer, tmp_path
):
    from codetune.core.runs import Run
    from codetune.stages.eval.translation import translation_problems
    from codetune.stages.pairs.translation import build_translation_pairs

    cfg = TranslationPairsConfig(
        humaneval_x_dir=str(DATA),
        first_problem=53,
        num_problems=2,
        k=2,
        max_new_tokens=12,
        val_fraction=0.0,
    )
    splits, samples, stats = build_translation_pairs(
        tiny_model, tiny_tokenizer, cfg, seed=0, prompt_format="base"
    )
    assert stats["problems"] == 2 and stats["samples"] == 4 and len(samples) == 4
    assert stats["canonical_solutions_failing"] == []
    assert stats["tasks"] == ["Go/53", "Go/54"]
    # A random model's Go never passes: every pair prefers the canonical solution.
    pairs = splits["train"]
    assert pairs and not splits["val"] and not splits["test"]
    assert {p["source"] for p in pairs} == {"translation-reference"}
    for p in pairs:
        assert p["kind"].startswith("translation:") and p["language"] == "go"
        assert p["prompt"].startswith("// Java original:") and "func " in p["prompt"]
        assert p["chosen"] != p["rejected"] and p["chosen"].rstrip().endswith("}")
    # The eval translates problems no pair came from.
    run = Run(tmp_path)
    run.pairs_dir.mkdir(parents=True)
    (run.pairs_dir / "stats.json").write_text(json.dumps({"translation": stats}))
    eval_cfg = load_config(None, ["eval.translation_problems=2", f"eval.humaneval_x_dir={DATA}"])
    assert [g["task_id"] for _, g in translation_problems(eval_cfg, run)] == ["Go/0", "Go/1"]
    after = load_config(None, ["eval.translation_problems=60", f"eval.humaneval_x_dir={DATA}"])
    ids = [g["task_id"] for _, g in translation_problems(after, run)]
    assert "Go/53" not in ids and "Go/54" not in ids and ids[53] == "Go/55"
