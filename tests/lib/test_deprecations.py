"""Python deprecated-API detection (ruff + pylint), the reverse migrations and their alias
probes, and the migrate prompt format."""

from __future__ import annotations

import subprocess
import textwrap

import pytest

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.deprecations import find_deprecated, migrated_function, migration_prompt
from codetune.lib.deprecations.python import (
    BY_NAME,
    PYTHON_REVERSE_MIGRATIONS,
    ReverseMigration,
    holding_python_rules,
    reverse_migrate_python,
)
from codetune.lib.sandbox.launcher import python_interpreter

IMPORTS = ["import datetime", "import logging", "import threading", "import unittest"]

# One current-API function per catalogue entry, as a team writes it today.
CURRENT = {
    "logging_warn": """\
        def close(self, path):
            if not path:
                self.logger.warning("nothing to close: %s", path)
                logging.warning("closing")
            return path
        """,
    "os_error_alias": """\
        def size(path):
            try:
                return os.path.getsize(path)
            except OSError:
                return -1
        """,
    "unittest_aliases": """\
        def test_wrap(self):
            self.assertEqual(wrap("a b", 1), ["a", "b"])
            self.assertTrue(wrap(""))
            with self.assertRaisesRegex(ValueError, "width"):
                wrap("a", 0)
        """,
    "threading_aliases": """\
        def owner(self):
            return threading.current_thread().name, threading.active_count()
        """,
    "datetime_utcnow": """\
        def stamp():
            return datetime.datetime.now(datetime.timezone.utc).isoformat()
        """,
}


@pytest.mark.parametrize("rule", PYTHON_REVERSE_MIGRATIONS, ids=lambda r: r.name)
def test_every_reverse_migration_is_found_by_the_tools_and_the_original_is_clean(
    rule: ReverseMigration,
) -> None:
    code = textwrap.dedent(CURRENT[rule.name])
    rewritten = reverse_migrate_python(code, [rule])
    assert rewritten is not None and rewritten[1] == [rule.name]
    old, current = find_deprecated([rewritten[0], code], [IMPORTS, IMPORTS])
    assert current == []
    assert old, f"{rule.name}: the tools found nothing in\n{rewritten[0]}"


def test_the_rewrites_touch_every_site_and_only_the_api_itself() -> None:
    old, applied = reverse_migrate_python(
        textwrap.dedent(CURRENT["unittest_aliases"]), PYTHON_REVERSE_MIGRATIONS
    )
    assert applied == ["unittest_aliases"]
    assert "self.assertEquals(wrap" in old and "self.assert_(wrap" in old
    assert "self.assertRaisesRegexp(ValueError" in old
    # Another object's assertEqual, and errno.OSError (not the builtin), stay as they are.
    code = "def f(checker):\n    checker.assertEqual(1, 1)\n    return errno.OSError\n"
    assert reverse_migrate_python(code, PYTHON_REVERSE_MIGRATIONS) is None
    assert reverse_migrate_python("def f(:\n", PYTHON_REVERSE_MIGRATIONS) is None


def test_a_deprecated_call_left_in_is_counted_and_findings_on_imports_are_not() -> None:
    left_in = "def f(x):\n    logger.warn('x')\n    return x\n"
    migrated = "def f(x):\n    logger.warning('x')\n    return x\n"
    thread = "def g():\n    return threading.currentThread()\n"
    found = find_deprecated(
        [left_in, migrated, thread, "def broken(:\n"],
        [["import logging", "from typing import List"], [], ["import threading"], []],
    )
    assert [f.code for f in found[0]] == ["G010"] and found[0][0].line == 2
    assert found[1] == []  # UP035 on `from typing import List` is the module's, not f's
    assert [(f.tool, f.code) for f in found[2]] == [("pylint", "deprecated-method")]
    assert found[3] is None


def _sandbox_python_has(attribute: str) -> bool:
    python = python_interpreter(SandboxLimits())
    program = f"import unittest; print(hasattr(unittest.TestCase, {attribute!r}))"
    return subprocess.run([python, "-c", program], capture_output=True, text=True).stdout == (
        "True\n"
    )


def test_alias_probes_keep_only_rewrites_that_behave_the_same_on_the_sandbox_python() -> None:
    holding = {rule.name for rule in holding_python_rules()}
    assert {"logging_warn", "os_error_alias", "threading_aliases"} <= holding
    # utcnow() is naive where now(timezone.utc) is aware: never an alias.
    assert "datetime_utcnow" not in holding
    # Python 3.12 removed assertEquals & co.: the probe follows the interpreter.
    assert ("unittest_aliases" in holding) == _sandbox_python_has("assertEquals")
    # A probe whose forms disagree drops its rewrite.
    wrong = ReverseMigration(
        "wrong", "x", "y", BY_NAME["os_error_alias"].transformer, BY_NAME["os_error_alias"].probe
    )
    disagreeing = ReverseMigration(
        "disagreeing", "x", "y", wrong.transformer, wrong.probe.replace("IOError", "ValueError")
    )
    assert [r.name for r in holding_python_rules(rules=[wrong, disagreeing])] == ["wrong"]


def test_the_answer_is_the_named_function_even_when_a_stop_cut_a_line() -> None:
    answer = "@cache\ndef f(x):\n    return x\n\ndef g(y):\n    return y +"
    assert migrated_function(answer, "f") == "@cache\ndef f(x):\n    return x\n"
    assert migrated_function(answer, "g") is None  # its last line was cut: no g
    assert (
        migrated_function("    def f(x):\n        return x\n", "f") == "def f(x):\n    return x\n"
    )
    assert migrated_function("def h(:\n", "f") is None
    prompt = migration_prompt("def f():\n    logger.warn('x')")
    assert prompt.endswith("logger.warn('x')\n\n# After:\n") and "deprecated APIs" in prompt
