"""Translations of the team's own Java (data.parallel) judged without a test suite: the eval
keeps samples where the team's Go agrees with the Java under differential testing, then a
model's translation counts when it agrees too."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from codetune.core.config import load_config
from codetune.core.io import read_jsonl
from codetune.lib.sandbox import launcher
from codetune.stages.data import DataConfig, run_data
from codetune.stages.eval import translation

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "humaneval-x"

pytestmark = [
    pytest.mark.skipif(launcher.toolchain("go")[0] is None, reason="no Go toolchain"),
    pytest.mark.skipif(launcher.toolchain("java")[0] is None, reason="no JDK"),
    pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} not present"),
]


def _problems(language: str, first: int, n: int) -> list[dict]:
    with gzip.open(DATA / f"humaneval_{language}.jsonl.gz", "rt") as fh:
        return [json.loads(line) for line in fh][first : first + n]


def test_team_translations_are_judged_by_agreeing_with_the_java(
    tmp_path: Path, tiny_tokenizer, monkeypatch
) -> None:
    # HumanEval-X's solutions stand in for a team's Java service and its Go port.
    for i, (java, go) in enumerate(
        zip(_problems("java", 0, 4), _problems("go", 0, 4), strict=True)
    ):
        (tmp_path / "java" / f"p{i}").mkdir(parents=True)
        (tmp_path / "java" / f"p{i}" / "Solution.java").write_text(
            java["prompt"] + java["canonical_solution"]
        )
        (tmp_path / "go" / f"p{i}").mkdir(parents=True)
        (tmp_path / "go" / f"p{i}" / "solution.go").write_text(
            go["prompt"] + go["canonical_solution"]
        )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "util.py").write_text("def f(x):\n    y = x + 1\n    return y * 2\n")
    run_data(
        DataConfig(
            sources=[str(tmp_path / "src")],
            workers=1,
            split=[0.0, 0.0, 1.0],
            formats=["completion", "translate"],
            parallel=[{"source": str(tmp_path / "java"), "target": str(tmp_path / "go")}],
        ),
        tmp_path / "run" / "data",
        seed=0,
    )
    assert len(read_jsonl(tmp_path / "run" / "data" / "translate" / "test.jsonl")) == 4
    cfg = load_config(
        None,
        [
            "data.formats=[completion, translate]",
            "data.parallel=[{source: j, target: g}]",
            "eval.parallel_translations=4",
            "model.prompt_format=base",
        ],
    )
    samples = translation.parallel_translation_samples(
        cfg, SimpleNamespace(data_dir=tmp_path / "run" / "data")
    )
    assert len(samples) >= 3  # the team's Go agrees with its Java
    right = samples[0]["completion"]
    wrong = samples[1]["completion"].replace(" < ", " >= ", 1).replace(" > ", " <= ", 1)
    assert wrong != samples[1]["completion"]
    answers = [right.removesuffix("}\n").rstrip(), wrong.removesuffix("}\n").rstrip(), "\treturn"]
    monkeypatch.setattr(
        translation,
        "generate",
        lambda model, tok, prompts, sampling, desc: [
            SimpleNamespace(text=text, finished=True, new_tokens=5) for text in answers
        ],
    )
    out = translation.parallel_translations(None, tiny_tokenizer, cfg, samples[:3], "base")
    agreed = out.measures["parallel_translation_agreement"].items
    assert list(agreed.values()) == [1, 0, 0]
    statuses = [g["status"] for g in out.generations]
    assert statuses[0] == "agree" and statuses[1] == "differ" and statuses[2] == "build_failed"
