"""The eval's deprecated-API migration metrics (codetune/stages/eval/migration.py): an answer
counts as clean only when it defines the function and the tools find nothing deprecated left,
and as behaving only when the test method still passes with it, in the sandbox."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from codetune.core.config import load_config
from codetune.core.io import write_jsonl
from codetune.lib.deprecations import migration_prompt
from codetune.lib.deprecations.python import PYTHON_REVERSE_MIGRATIONS, reverse_migrate_python
from codetune.stages.eval import migration

MODULE = textwrap.dedent(
    """\
    import logging
    import unittest

    log = logging.getLogger(__name__)


    def add(a, b):
        return a + b


    class CalcTest(unittest.TestCase):
        def test_add(self):
            log.warning("adding")
            self.assertEqual(add(1, 2), 3)
            self.assertNotEqual(add(1, 1), 3)
    """
)


def _sample(sample_id: str) -> dict:
    lines = MODULE.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "def test_add" in line) + 1
    method = textwrap.dedent("".join(lines[start - 1 :]))
    # logger.warn is an alias on every Python; the test case's aliases only before 3.12.
    rules = [r for r in PYTHON_REVERSE_MIGRATIONS if r.name == "logging_warn"]
    deprecated, applied = reverse_migrate_python(method, rules)
    return {
        "id": sample_id,
        "path": "team/tests/test_calc.py",
        "name": "test_add",
        "class_name": "CalcTest",
        "prompt": migration_prompt(deprecated),
        "completion": method,
        "deprecated": deprecated,
        "rules": applied,
        "imports": ["import logging", "import unittest"],
        "test": {
            "module": "team.tests.test_calc",
            "test_id": "CalcTest.test_add",
            "start_line": start,
            "end_line": len(lines),
            "files": {
                "team/tests/test_calc.py": MODULE,
                "team/__init__.py": "",
                "team/tests/__init__.py": "",
            },
            "root": None,
        },
    }


@pytest.fixture
def cfg():
    return load_config(
        None,
        [
            "data.formats=[completion, migrate]",
            "eval.migration_samples=4",
            "eval.migration_max_new_tokens=200",
        ],
    )


def test_clean_and_behaving_answers_are_told_apart(cfg, tiny_tokenizer, monkeypatch) -> None:
    sample = _sample("s")
    good = sample["completion"]
    changed = good.replace("assertNotEqual(add(1, 1), 3)", "assertNotEqual(add(1, 2), 3)")
    answers = {
        "good": good + "\n\n# done",  # what follows the function is not part of it
        "copied": sample["deprecated"],  # the deprecated call left in
        "changed": changed,  # clean, but its test now fails
        "junk": "I cannot help with that.",
    }
    samples = [{**sample, "id": name, "testable": True} for name in answers]
    monkeypatch.setattr(
        migration,
        "generate",
        lambda model, tok, prompts, sampling, desc: [
            SimpleNamespace(text=text, finished=True, new_tokens=10) for text in answers.values()
        ],
    )
    out = migration.deprecated_api_migration(None, tiny_tokenizer, cfg, samples, "base")
    clean = out.measures["migration_clean_rate"].items
    tests = out.measures["migration_tests_pass"].items
    assert clean == {"good": 1, "copied": 0, "changed": 1, "junk": 0}
    assert tests == {"good": 1, "copied": 1, "changed": 0, "junk": 0}
    left = {g["id"]: g["deprecated_left"] for g in out.generations}
    assert left["copied"] and left["copied"][0].startswith("G010")
    part = out.metrics["migration"]
    assert part["clean_rate"] == 0.5 and part["tests_pass"] == 0.5
    assert part["defines_function"] == 3 and part["prompt_format"] == "base"


def test_heldout_samples_are_checked_against_their_own_test_and_testable_ones_come_first(
    cfg, tiny_tokenizer, tmp_path: Path
) -> None:
    broken = _sample("broken")
    broken["completion"] = broken["completion"].replace("3)", "4)", 1)  # the original fails
    too_long = _sample("too_long")
    too_long["completion"] += "    x = 1\n" * 200
    write_jsonl(
        tmp_path / "migrate" / "test.jsonl", [_sample("ok"), broken, too_long, _sample("more")]
    )
    cfg.eval.migration_samples = 2
    samples = migration.migration_samples(cfg, SimpleNamespace(data_dir=tmp_path), tiny_tokenizer)
    # Testable samples first: a test that cannot pass with the original checks nothing.
    assert [(s["id"], s["testable"]) for s in samples] == [("ok", True), ("more", True)]
    cfg.eval.migration_samples = 5
    samples = migration.migration_samples(cfg, SimpleNamespace(data_dir=tmp_path), tiny_tokenizer)
    assert [(s["id"], s["testable"]) for s in samples] == [
        ("ok", True), ("more", True), ("broken", False)
    ]  # fmt: skip
