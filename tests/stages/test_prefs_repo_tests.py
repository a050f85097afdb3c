"""Pairs judged by the repository's own tests (codetune/stages/pairs/repo_onpolicy.py): the
SFT model's bodies for train/val functions, run against the tests that call them."""

from __future__ import annotations

import json
from pathlib import Path

from test_prefs_support import write_shop_run

from codetune.core.config.pairs import RepoTestPairsConfig
from codetune.lib.sandbox.repotests import RepoFunction
from codetune.stages.pairs.repo_onpolicy import build_repo_test_pairs, pairs_for_function

CLAMP = 'def clamp(x, lo, hi):\n    """x limited to [lo, hi]."""\n'
BODY = "    return max(lo, min(x, hi))\n"
TESTS = (
    "import unittest\nfrom shop.numbers import clamp\n\n"
    "class ClampTest(unittest.TestCase):\n"
    "    def test_inside(self):\n        self.assertEqual(clamp(5, 0, 10), 5)\n"
    "    def test_above(self):\n        self.assertEqual(clamp(50, 0, 10), 10)\n"
)


def _fn(split: str = "train") -> RepoFunction:
    return RepoFunction(
        id=f"{split}:clamp",
        path="shop/numbers.py",
        module="shop.numbers",
        name="clamp",
        start_line=1,
        end_line=3,
        prompt=CLAMP,
        completion=BODY,
        tests=[],
        split=split,
    )


def test_a_failing_body_is_rejected_against_a_passing_sample_or_the_original():
    fn = _fn()
    passing = "    return lo if x < lo else hi if x > hi else x\n"
    wrong = "    return min(lo, max(x, hi))\n"
    pairs, counts = pairs_for_function(
        fn, [(wrong, False), (passing, True), (wrong, False), ("    pass\n", False)]
    )
    assert [(p["chosen"], p["rejected"], p["source"]) for p in pairs] == [
        (passing, wrong, "repo-tests")
    ]
    assert counts == {"duplicate_rejected_dropped": 1, "empty_rejected_dropped": 1}
    assert pairs[0]["prompt"] == CLAMP and pairs[0]["split"] == "train"
    # No sample passes: the verified original body is the chosen side.
    pairs, _ = pairs_for_function(fn, [(wrong, False)])
    assert pairs[0]["chosen"] == BODY and pairs[0]["source"] == "repo-tests-reference"
    # Nothing failed: nothing to learn from.
    assert pairs_for_function(fn, [(passing, True)])[0] == []


def _write_run(root: Path) -> None:
    write_shop_run(root, CLAMP, BODY, TESTS, ["ClampTest.test_inside", "ClampTest.test_above"])


def test_sampled_bodies_are_judged_by_the_tests_and_stay_in_their_split(
    tmp_path, tiny_model, tiny_tokenizer
):
    _write_run(tmp_path)
    cfg = RepoTestPairsConfig(num_functions=4, k=3, max_new_tokens=24)
    splits, samples, stats = build_repo_test_pairs(
        tiny_model, tiny_tokenizer, tmp_path, cfg, seed=0, max_tests=5
    )
    # The held-out (test split) function is never sampled.
    assert stats["verified_functions"] == 2 and stats["samples"] == 6
    assert {s["function_id"] for s in samples} == {"train:clamp", "val:clamp"}
    assert splits["test"] == []
    for split in ("train", "val"):
        for pair in splits[split]:
            assert pair["split"] == split and pair["function_id"] == f"{split}:clamp"
            assert pair["chosen"] != pair["rejected"]
    # A random 4-layer model does not write clamp: what it wrote failed in the sandbox.
    assert not any(s["passed"] for s in samples)
    assert all(p["source"] == "repo-tests-reference" for s in ("train", "val") for p in splits[s])
    assert stats["pairs"] == len(splits["train"]) + len(splits["val"])
    json.dumps(stats)
