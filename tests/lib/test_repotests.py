"""Running a repository's own tests on one function's body in the sandbox
(codetune/lib/sandbox/repotests.py), on CPython's textwrap and test_textwrap."""

from __future__ import annotations

import sysconfig
import textwrap
from pathlib import Path

import pytest

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.sandbox.repotests import RepoFunction, blanked, run_tests, splice, verify
from codetune.lib.testlinks import link_function, parse_test_file
from codetune.stages.data.extract import extract_functions

STDLIB = Path(sysconfig.get_paths()["stdlib"])
LIMITS = SandboxLimits(timeout_s=30)


def _function(name: str, class_name: str | None = None) -> RepoFunction:
    module = (STDLIB / "textwrap.py").read_text(encoding="utf-8")
    tests = (STDLIB / "test" / "test_textwrap.py").read_text(encoding="utf-8")
    fn = next(
        f
        for f in extract_functions(module, "python", "textwrap.py")
        if f.name == name and f.class_name == class_name
    )
    links = link_function(
        "textwrap.py", name, class_name, [parse_test_file("test/test_textwrap.py", tests)]
    )
    doc_end = fn.code.index('"""', fn.code.index('"""') + 3) + 3
    cut = fn.code.index("\n", doc_end) + 1
    return RepoFunction(
        id=name,
        path="textwrap.py",
        module="textwrap",
        name=name,
        start_line=fn.start_line,
        end_line=fn.end_line,
        prompt=fn.code[:cut],
        completion=fn.code[cut:],
        tests=[c.__dict__ for c in links],
        files={"textwrap.py": module, "test/test_textwrap.py": tests},
    )


def test_splice_indents_a_method_like_the_original():
    module = "class A:\n    def f(self):\n        return 1\n\n    def g(self):\n        return 2\n"
    out = splice(module, 2, 3, "def f(self):\n    return 10\n")
    assert out == module.replace("return 1\n", "return 10\n")
    assert blanked("def f(x):\n", "    return x\n").endswith(
        '    raise NotImplementedError("codetune: body blanked")\n'
    )


def test_known_good_body_passes_its_repository_tests_and_a_broken_one_fails():
    fn = _function("dedent")
    tests = [(t["module"], t["test_id"]) for t in fn.tests]
    good, broken, wrong = run_tests(
        [
            (fn, fn.prompt + fn.completion, tests),
            (fn, fn.prompt + "    return text\n", tests),
            (fn, fn.prompt + "    return text.strip()\n", tests),
        ],
        LIMITS,
    )
    assert good.all_passed and len(good.passed) == len(tests), good.result
    assert not broken.all_passed and broken.failed
    assert not wrong.all_passed


def test_verify_keeps_functions_whose_tests_reach_them_and_only_their_passing_tests():
    dedent, shorten = _function("dedent"), _function("shorten")
    # A test that never calls dedent (linked by mistake) is dropped by the blanked run...
    dedent.tests.append(
        {"module": "test.test_textwrap", "test_id": "IndentTestCase.test_indent_default"}
    )
    # ...and so is a test id that does not exist.
    dedent.tests.append({"module": "test.test_textwrap", "test_id": "NoSuchCase.test_x"})
    kept = dict((fn.id, tests) for fn, tests in verify([dedent, shorten], LIMITS, max_tests=40))
    assert set(kept) == {"dedent", "shorten"}
    names = {t for _, t in kept["dedent"]}
    assert "NoSuchCase.test_x" not in names
    assert "IndentTestCase.test_indent_default" not in names
    assert any(t.startswith("DedentTestCase.") for t in names)


def test_a_function_its_tests_do_not_reach_is_not_verified():
    fn = _function("dedent")
    fn.tests = [{"module": "test.test_textwrap", "test_id": "IndentTestCase.test_indent_default"}]
    assert verify([fn], LIMITS, max_tests=5) == []


@pytest.mark.parametrize(
    "body",
    [
        "    import os\n    os.system('touch /tmp/owned')\n    return text\n",
        "    while True:\n        pass\n",
    ],
)
def test_hostile_generated_bodies_only_fail(body):
    fn = _function("dedent")
    tests = [(t["module"], t["test_id"]) for t in fn.tests][:3]
    (run,) = run_tests([(fn, fn.prompt + body, tests)], SandboxLimits(timeout_s=5))
    assert not run.all_passed
    assert not Path("/tmp/owned").exists()


def _shop_clamp(
    module: str, body_start: int, tests: str, extra: dict[str, str] | None = None
) -> RepoFunction:
    """`clamp` of shop/numbers.py (the whole module), linked to tests/test_numbers.py."""
    links = link_function(
        "shop/numbers.py", "clamp", None, [parse_test_file("tests/test_numbers.py", tests)]
    )
    return RepoFunction(
        id="clamp",
        path="shop/numbers.py",
        module="shop.numbers",
        name="clamp",
        start_line=1,
        end_line=len(module.splitlines()),
        prompt=module[:body_start],
        completion=module[body_start:],
        tests=[c.__dict__ for c in links],
        files={
            "shop/__init__.py": "",
            "shop/numbers.py": module,
            "tests/__init__.py": "",
            "tests/test_numbers.py": tests,
            **(extra or {}),
        },
    )


def test_a_local_package_the_sandbox_cannot_read_runs_from_the_embedded_files(tmp_path):
    module = textwrap.dedent(
        '''
        def clamp(x, low, high):
            """Clamp x into [low, high]."""
            return max(low, min(x, high))
        '''
    ).lstrip()
    tests = textwrap.dedent(
        """
        import unittest
        from shop.numbers import clamp

        class ClampTest(unittest.TestCase):
            def test_inside(self):
                self.assertEqual(clamp(5, 0, 10), 5)

            def test_above(self):
                self.assertEqual(clamp(50, 0, 10), 10)
        """
    )
    fn = _shop_clamp(module, module.index("    return"), tests)
    fn.root = str(tmp_path / "gone")
    ((_, tests_kept),) = verify([fn], LIMITS, max_tests=5)
    assert len(tests_kept) == 2
    wrong, right = run_tests(
        [
            (fn, fn.prompt + "    return min(low, max(x, high))\n", tests_kept),
            (
                fn,
                fn.prompt + "    return low if x < low else high if x > high else x\n",
                tests_kept,
            ),
        ],
        LIMITS,
    )
    assert not wrong.all_passed and right.all_passed


# A team repository tested the pytest way: a conftest fixture, parametrize, a plain test class.
PYTEST_MODULE = (
    "def clamp(x, lo, hi):\n"
    "    if x < lo:\n        return lo\n    if x > hi:\n        return hi\n    return x\n"
)
PYTEST_CONFTEST = "import pytest\n\n\n@pytest.fixture\ndef bounds():\n    return (0, 10)\n"
PYTEST_TESTS = (
    "import pytest\nfrom shop.numbers import clamp\n\n\n"
    "@pytest.mark.parametrize('x, want', [(-5, 0), (5, 5), (50, 10)])\n"
    "def test_table(x, want):\n    assert clamp(x, 0, 10) == want\n\n\n"
    "def test_with_fixture(bounds):\n    assert clamp(99, *bounds) == 10\n\n\n"
    "class TestClamp:\n"
    "    def test_below(self, bounds):\n        assert clamp(-1, *bounds) == 0\n\n"
    "    def test_skipped(self):\n        pytest.skip('not today')\n"
)


def _pytest_function() -> tuple[RepoFunction, list[tuple[str, str]]]:
    fn = _shop_clamp(
        PYTEST_MODULE,
        PYTEST_MODULE.index("\n") + 1,
        PYTEST_TESTS,
        {"tests/conftest.py": PYTEST_CONFTEST},
    )
    return fn, [(t["module"], t["test_id"]) for t in fn.tests]


def test_pytest_style_tests_are_linked_with_their_fixtures():
    fn, _ = _pytest_function()
    by_id = {t["test_id"]: t for t in fn.tests}
    # test_skipped never refers to clamp: not linked.
    assert set(by_id) == {"test_table", "test_with_fixture", "TestClamp.test_below"}
    assert tuple(by_id["test_with_fixture"]["fixtures"]) == ("bounds",)
    assert tuple(by_id["TestClamp.test_below"]["fixtures"]) == ("bounds",)
    assert tuple(by_id["test_table"]["fixtures"]) == ("x", "want")


def test_pytest_style_tests_run_through_pytest_where_the_interpreter_has_it():
    """Fixtures from conftest.py, parametrize and plain test classes need pytest: with an
    interpreter that has it (the team's venv; here the system Python, the sandbox's default,
    with Debian's python3-pytest: `make sandbox-pytest`) they run, a known-good body passes
    and a broken one fails, test by test."""
    limits = SandboxLimits(timeout_s=60)
    fn, tests = _pytest_function()
    broken = fn.prompt + fn.completion.replace("return hi", "return lo")
    good, bad = run_tests([(fn, fn.prompt + fn.completion, tests), (fn, broken, tests)], limits)
    assert sorted(good.passed) == sorted(f"{m}:{t}" for m, t in tests) and not good.failed, good
    # The broken body returns lo above the range: the table's (50, 10) row and the fixture
    # test (99) fail; the test below the range still passes.
    assert set(bad.failed) == {
        "tests.test_numbers:test_table",
        "tests.test_numbers:test_with_fixture",
    }
    assert bad.passed == ["tests.test_numbers:TestClamp.test_below"]
