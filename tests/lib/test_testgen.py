"""Scoring generated test files (codetune/lib/sandbox/testgen.py) and the mutants they are
scored against (codetune/lib/mutants.py), on known cases, in the sandbox."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.mutants import function_mutants
from codetune.lib.sandbox.repotests import RepoFunction
from codetune.lib.sandbox.testgen import (
    body_lines,
    boundary_tests,
    branch_arcs,
    branch_arcs_run,
    score_test_files,
)

LIMITS = SandboxLimits(timeout_s=30)
CLAMP = (
    'def clamp(x, lo, hi):\n    """x limited to [lo, hi]."""\n'
    "    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n    return x\n"
)
CLEANUP = (
    "def cleanup(path):\n    if os.path.exists(path):\n        os.remove(path)\n"
    "        return True\n    return False\n"
)
MODULE = "import os\n\n\n" + CLAMP + "\n\n" + CLEANUP
HEADER = "import unittest\nfrom unittest import mock\nfrom shop.numbers import clamp, cleanup\n\n\n"


def _fn(code: str, name: str) -> RepoFunction:
    start = MODULE.splitlines().index(code.splitlines()[0]) + 1
    end = start + len(code.splitlines()) - 1
    cut = code.index("\n") + 1
    return RepoFunction(
        id=name,
        path="shop/numbers.py",
        module="shop.numbers",
        name=name,
        start_line=start,
        end_line=end,
        prompt=code[:cut],
        completion=code[cut:],
        tests=[],
        files={"shop/__init__.py": "", "shop/numbers.py": MODULE},
    )


def _tests(body: str) -> str:
    return HEADER + "class T(unittest.TestCase):\n" + textwrap.indent(textwrap.dedent(body), "    ")


def test_a_test_file_that_kills_two_of_three_known_mutants_scores_two_thirds():
    fn = _fn(CLAMP, "clamp")
    mutants = [
        CLAMP.replace("return hi", "return lo"),  # killed by test_above
        CLAMP.replace("return lo", "return hi"),  # killed by test_below
        CLAMP.replace("x > hi", "x >= hi"),  # equivalent: at x == hi both return hi
    ]
    good = _tests(
        """
        def test_below(self):
            self.assertEqual(clamp(-1, 0, 10), 0)

        def test_above(self):
            self.assertEqual(clamp(50, 1, 10), 10)
        """
    )
    wrong = _tests(
        """
        def test_above(self):
            self.assertEqual(clamp(50, 0, 10), 50)
        """
    )
    inside = _tests(
        """
        def test_inside(self):
            self.assertEqual(clamp(5, 1, 10), 5)
        """
    )
    broken_import = "from shop.numbers import clamp_it\n\ndef test_x():\n    assert clamp_it(1)\n"
    scores = score_test_files(fn, [good, wrong, inside, broken_import], LIMITS, mutants=mutants)
    good_s, wrong_s, inside_s, broken_s = scores
    assert good_s.valid and good_s.tests == 2
    assert (good_s.killed, good_s.mutants) == (2, 3) and abs(good_s.mutation_score - 2 / 3) < 1e-9
    # A file that fails on the real code is invalid: it kills nothing by definition.
    assert not wrong_s.valid and wrong_s.mutation_score == 0.0
    # Coverage of the body lines `if x < lo`, `return lo`, `if x > hi`, `return hi`, `return x`:
    # neither test reaches `return x`.
    assert good_s.lines == 5 and good_s.lines_run == 4 and good_s.line_coverage == 0.8
    assert inside_s.valid and inside_s.lines_run == 3  # both ifs and `return x`
    assert inside_s.killed == 0
    assert not broken_s.valid and "clamp_it" in broken_s.detail
    # Boundary values: clamp(-1, 0, 10) has two; clamp(50, 1, 10) and clamp(5, 1, 10) none.
    assert good_s.boundary_tests == 1 and inside_s.boundary_tests == 0


def test_generated_mutants_are_distinct_and_parse():
    mutants = function_mutants(CLAMP, limit=20)
    kinds = {k for k, _ in mutants}
    assert {"compare", "negate_condition", "return_none"} <= kinds
    texts = [m for _, m in mutants]
    assert len(set(texts)) == len(texts)
    original = ast.unparse(ast.parse(CLAMP))
    for text in texts:
        ast.parse(text)
        assert ast.unparse(ast.parse(text)) != original
        assert '"""x limited to [lo, hi]."""' in text  # the docstring is never mutated


def test_mutation_score_from_generated_mutants_and_mocked_dependencies():
    fn = _fn(CLEANUP, "cleanup")
    tests = _tests(
        """
        @mock.patch("shop.numbers.os.remove")
        @mock.patch("shop.numbers.os.path.exists", return_value=True)
        def test_removes(self, exists, remove):
            self.assertTrue(cleanup("/x"))
            remove.assert_called_once_with("/x")

        @mock.patch("shop.numbers.os.path.exists", return_value=False)
        def test_missing(self, exists):
            self.assertFalse(cleanup(""))
        """
    )
    (score,) = score_test_files(fn, [tests], LIMITS)
    assert score.valid and score.tests == 2
    # Every mutant is caught but `return False` -> `return None`: assertFalse(None) passes.
    assert score.mutants == 3 and score.killed == 2
    assert score.dependencies == 2 and score.mocked_dependencies == 2
    assert score.boundary_tests == 1  # cleanup("")


def test_body_lines_and_boundary_detection():
    assert body_lines(CLAMP) == [3, 4, 5, 6, 7]
    code = (
        "def test_a():\n    f([])\n\ndef test_b():\n    f(None, 3)\n\n"
        "def test_c():\n    f(2**40)\n\ndef test_d():\n    g(0)\n    f(1)\n"
    )
    assert boundary_tests(code, "f") == 2  # [] and None; 2**40 is an expression, g is not f


def test_scoring_several_functions_at_once_matches_scoring_each_alone():
    """The eval scores every function's test files in one sandbox batch (score_many): the
    results must not depend on the batching (no slot mix-up between functions)."""
    from codetune.lib.sandbox.testgen import score_many

    clamp, cleanup = _fn(CLAMP, "clamp"), _fn(CLEANUP, "cleanup")
    clamp_tests = _tests(
        """
        def test_below(self):
            self.assertEqual(clamp(-1, 0, 10), 0)
        """
    )
    cleanup_tests = _tests(
        """
        @mock.patch("shop.numbers.os.path.exists", return_value=False)
        def test_missing(self, exists):
            self.assertFalse(cleanup("/x"))
        """
    )
    jobs = [(clamp, [clamp_tests, cleanup_tests], None), (cleanup, [cleanup_tests], None)]
    together = score_many(jobs, LIMITS, max_mutants=4)
    alone = [score_test_files(fn, files, LIMITS, max_mutants=4) for fn, files, _ in jobs]
    assert together == alone
    (good, other), (cleanup_score,) = together
    assert good.valid and good.killed > 0
    assert other.killed == 0  # cleanup's tests never reach clamp's mutants
    assert cleanup_score.valid and cleanup_score.lines == 4


def test_branch_coverage_counts_the_arcs_out_of_each_decision_the_tests_take():
    """clamp has two decisions, each with two ways out: four branch arcs (coverage.py's). A test
    below the range takes `x < lo` -> return; one inside takes both ifs' false arcs."""
    fn = _fn(CLAMP, "clamp")
    below = _tests("def test_below(self):\n    self.assertEqual(clamp(-1, 0, 10), 0)\n")
    inside = _tests("def test_inside(self):\n    self.assertEqual(clamp(5, 1, 10), 5)\n")
    every = _tests(
        "def test_below(self):\n    self.assertEqual(clamp(-1, 0, 10), 0)\n\n"
        "def test_above(self):\n    self.assertEqual(clamp(50, 1, 10), 10)\n\n"
        "def test_inside(self):\n    self.assertEqual(clamp(5, 1, 10), 5)\n"
    )
    wrong = _tests("def test_wrong(self):\n    self.assertEqual(clamp(5, 1, 10), 6)\n")
    scores = score_test_files(fn, [below, inside, every, wrong], LIMITS, mutants=[])
    assert [s.branches for s in scores] == [4, 4, 4, 4]
    assert [s.branches_run for s in scores] == [1, 2, 4, 0]
    assert scores[0].branch_coverage == 0.25 and scores[2].branch_coverage == 1.0
    assert scores[3].branch_coverage == 0.0  # an invalid file covers nothing


def test_branch_arcs_of_loops_and_multiline_conditions_follow_coverage_py():
    code = (
        "def total(items, cap):\n"
        "    s = 0\n"
        "    for i in items:\n"
        "        if (i > 0 and\n"
        "                i < cap):\n"
        "            s += i\n"
        "    return s\n"
    )
    possible = branch_arcs(code)
    assert possible == {(3, 4), (3, 7), (4, 6), (4, 3)}
    # A trace in module lines (the function at line 10): entry, the loop once with the
    # condition's second line reported on its own, then exit. Line 14 is the condition's.
    traced = [[-10, 11], [11, 12], [12, 13], [13, 14], [14, 15], [15, 12], [12, 16], [16, -10]]
    ran = branch_arcs_run(code, traced, 10)
    assert ran & possible == {(3, 4), (4, 6), (3, 7)}


def test_a_pytest_style_generated_file_is_scored_like_a_unittest_one():
    """Generated tests written the pytest way (parametrize, a plain Test class) run through
    pytest in the sandbox (the system Python has it: `make sandbox-pytest`)."""
    fn = _fn(CLAMP, "clamp")
    mutants = [CLAMP.replace("return hi", "return lo"), CLAMP.replace("x > hi", "x >= hi")]
    generated = (
        "import pytest\nfrom shop.numbers import clamp\n\n\n"
        "@pytest.mark.parametrize('x, want', [(50, 10), (5, 5)])\n"
        "def test_table(x, want):\n    assert clamp(x, 1, 10) == want\n\n\n"
        "class TestEdges:\n    def test_low(self):\n        assert clamp(-1, 0, 3) == 0\n"
    )
    (score,) = score_test_files(fn, [generated], LIMITS, mutants=mutants)
    assert score.valid and score.tests == 2, score.detail
    assert (score.killed, score.mutants) == (1, 2)  # `x >= hi` is equivalent at x == hi
    assert score.lines_run == 5 and score.branches_run == 4


def test_a_test_file_reaches_helpers_of_a_package_the_shipped_files_shadow():
    """The team's tests live in a package the interpreter also has (CPython's own `test`, here
    `email`), and the shipped files hold only part of it: a test file importing the package's
    other modules must see the interpreter's, as the team's own tests do when verified."""
    import sysconfig

    email_init = (Path(sysconfig.get_paths()["stdlib"]) / "email" / "__init__.py").read_text()
    fn = _fn(CLAMP, "clamp")
    fn.files = {**fn.files, "email/__init__.py": email_init, "email/test_clamp.py": ""}
    fn.tests = [{"path": "email/test_clamp.py", "module": "email.test_clamp", "test_id": "T.t"}]
    generated = (
        "import unittest\nfrom email.utils import quote\nfrom shop.numbers import clamp\n\n\n"
        "class T(unittest.TestCase):\n"
        "    def test_both(self):\n"
        "        self.assertEqual(quote(str(clamp(50, 1, 10))), '10')\n"
    )
    (score,) = score_test_files(fn, [generated], LIMITS, mutants=[])
    assert score.valid, score.detail
