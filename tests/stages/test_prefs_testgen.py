"""Execution-verified test-generation pairs (codetune/stages/pairs/testgen.py): the SFT model's
test files for train/val functions, judged in the sandbox on the real function and its
mutants. Generation is replaced by known test files; everything they do runs in the sandbox."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_prefs_support import write_shop_run

from codetune.core.config.pairs import GeneratedTestPairsConfig
from codetune.lib.testlinks import reference_test_files
from codetune.stages.pairs import judged
from codetune.stages.pairs.testgen import build_testgen_pairs

CLAMP = 'def clamp(x, lo, hi):\n    """x limited to [lo, hi]."""\n'
BODY = "    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n    return x\n"
REPO_TESTS = (
    "import unittest\nfrom shop.numbers import clamp\n\n\n"
    "class ClampTest(unittest.TestCase):\n"
    "    def test_inside(self):\n        self.assertEqual(clamp(5, 0, 10), 5)\n\n"
    "    def test_above(self):\n        self.assertEqual(clamp(50, 0, 10), 10)\n\n"
    "    def test_unrelated(self):\n        self.assertEqual(1 + 1, 2)\n"
)
HEADER = "import unittest\nfrom shop.numbers import clamp\n\n\nclass T(unittest.TestCase):\n"
KILLS = HEADER + "    def test_below(self):\n        self.assertEqual(clamp(-3, 0, 10), 0)\n"
KILLS_OTHER = HEADER + "    def test_top(self):\n        self.assertEqual(clamp(11, 0, 10), 10)\n"
WEAK = HEADER + "    def test_callable(self):\n        self.assertTrue(callable(clamp))\n"
WRONG = HEADER + "    def test_wrong(self):\n        self.assertEqual(clamp(5, 0, 10), 6)\n"
BROKEN = "from shop.numbers import clamp_it\n\ndef test_x():\n    assert clamp_it(1)\n"


def _write_run(root: Path) -> None:
    write_shop_run(
        root,
        CLAMP,
        BODY,
        REPO_TESTS,
        ["ClampTest.test_inside", "ClampTest.test_above", "ClampTest.test_unrelated"],
    )


@pytest.fixture
def fake_generation(monkeypatch):
    """Replace the SFT model's sampling with these test files, in prompt order."""

    def install(answers: list[str]) -> list[list[str]]:
        prompts_seen: list[list[str]] = []

        def generate(model, tokenizer, prompts, sampling, desc):
            prompts_seen.append(list(prompts))
            assert sampling.stop and len(prompts) == len(answers)
            return [SimpleNamespace(text=a, finished=True, new_tokens=9) for a in answers]

        monkeypatch.setattr(judged, "generate", generate)
        monkeypatch.setattr(judged, "inference_autocast", lambda m: contextlib.nullcontext())
        return prompts_seen

    return install


def test_test_files_are_judged_on_the_function_and_its_mutants(
    tmp_path, tiny_tokenizer, fake_generation
):
    _write_run(tmp_path)
    # Sampled in seeded function order: find which function comes first from the prompts.
    answers = [KILLS, WEAK, WRONG, "", WRONG, BROKEN, WEAK, WEAK]
    seen = fake_generation(answers)
    splits, samples, stats = build_testgen_pairs(
        None, tiny_tokenizer, tmp_path, GeneratedTestPairsConfig(k=4), seed=0, max_tests=5
    )
    assert stats["verified_functions"] == 2 and stats["samples"] == 8
    assert "# Tests:" in seen[0][0] and "def clamp" in seen[0][0]
    first, second = samples[0]["function_id"], samples[4]["function_id"]
    assert {first, second} == {"train:clamp", "val:clamp"}  # never the held-out function
    assert [s["status"] for s in samples] == [
        "passed",
        "kills_none",
        "invalid",
        "invalid",  # empty: no test ran
        "invalid",
        "invalid",  # the import fails
        "kills_none",
        "kills_none",
    ]
    assert samples[0]["killed"] >= 1 and samples[1]["killed"] == 0 and samples[1]["tests"] == 1
    assert "clamp_it" in samples[5]["detail"]
    # First function: a passing file is chosen over each distinct failing one (the empty one
    # only teaches "do not stop" and is left out).
    one = splits[first.split(":")[0]]
    assert [(p["chosen"], p["rejected"], p["kind"]) for p in one] == [
        (KILLS, WEAK, "testgen:kills_none"),
        (KILLS, WRONG, "testgen:invalid"),
    ]
    assert all(p["source"] == "testgen" and p["prompt"] == seen[0][0] for p in one)
    # Second function: nothing passed, so the function's own verified tests (which kill the
    # `return None` and flipped-comparison mutants) are the chosen side, the shortest file of
    # them that does (test_inside alone kills the `return None` mutant); a repeat is dropped.
    two = splits[second.split(":")[0]]
    reference = two[0]["chosen"]
    assert "def test_inside" in reference and "test_unrelated" not in reference
    assert "def test_above" not in reference
    assert [(p["rejected"], p["source"]) for p in two] == [
        (WRONG, "testgen-reference"),
        (BROKEN, "testgen-reference"),
        (WEAK, "testgen-reference"),
    ]
    assert splits["test"] == [] and stats["pairs"] == 5
    assert stats["verified_references"] == 2
    assert stats["dropped"] == {"duplicate_rejected_dropped": 1, "empty_rejected_dropped": 1}
    json.dumps(stats)


def test_the_reference_test_files_hold_only_the_verified_tests():
    files = {"tests/test_numbers.py": REPO_TESTS}
    tests = [
        {"path": "tests/test_numbers.py", "module": "tests.test_numbers", "test_id": t}
        for t in ("ClampTest.test_inside", "ClampTest.test_above", "ClampTest.test_unrelated")
    ]
    kept = [("tests.test_numbers", f"ClampTest.{t}") for t in ("test_inside", "test_above")]
    whole, shortest = reference_test_files(files, tests, kept)
    assert "from shop.numbers import clamp" in whole and "def test_above" in whole
    assert "def test_inside" in whole and "test_unrelated" not in whole
    # The shortest file of one verified test: test_inside's (test_above's is a character longer).
    assert "def test_above" not in shortest and "def test_inside" in shortest
    assert len(shortest) < len(whole)
    (only,) = reference_test_files(files, tests, kept[1:])
    assert "def test_above" in only and "test_inside" not in only
    assert reference_test_files({"tests/test_numbers.py": "def (:"}, tests, kept) == []
    assert reference_test_files(files, tests, []) == []
