"""Deprecated Python APIs: the detector and the reverse migrations (see the package's doc).

- **Detector** (`find_deprecated_python`): ruff's pyupgrade rules for deprecated aliases and
  imports (UP005 unittest aliases, UP006/UP035 typing aliases, UP024/UP041 exception aliases,
  ...), its logging and datetime rules (G010 `warn`, DTZ003 `utcnow`, DTZ004
  `utcfromtimestamp`) and pylint's tables of the standard library's own deprecations
  (`deprecated-method`, `-module`, `-class`, `-argument`, `-attribute`, `-decorator`), read for
  the newest Python so that a call deprecated in a later release than the one running is found
  too. Both tools only read the code; nothing is imported or run.
- **Reverse migrations** (`PYTHON_REVERSE_MIGRATIONS`): current API -> its deprecated form,
  applied to every site in a function with libcst. Neither tool rewrites in this direction
  (ruff's fixes go forward only), so the rewrites are written here, each checked by tests to
  be found by the detector. Each carries a differential probe (`assertEquals` is gone from
  Python 3.12; `utcnow()` returns a naive datetime where `now(timezone.utc)` is aware: no
  probe, it changes behaviour by design and serves the tests of the behaviour check).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.codemetrics import ruff_bin
from codetune.lib.cstedit import dotted_name
from codetune.lib.deprecations.base import PROBE_MARK, Finding
from codetune.lib.sandbox.launcher import run_many

RUFF_RULES = (
    "UP005", "UP006", "UP019", "UP021", "UP022", "UP023", "UP024", "UP026", "UP035", "UP041",
    "G010", "DTZ003", "DTZ004",
)  # fmt: skip
PYLINT_MESSAGES = (
    "deprecated-method", "deprecated-module", "deprecated-class", "deprecated-argument",
    "deprecated-attribute", "deprecated-decorator",
)  # fmt: skip
# pylint's deprecation tables are keyed by the Python release that deprecated a name.
NEWEST_PYTHON = "3.13"


def find_deprecated_python(
    codes: Sequence[str], imports: Sequence[Sequence[str]] | None = None
) -> list[list[Finding] | None]:
    """The deprecated uses in each piece of Python code; None where it does not parse.

    `imports[i]`: the import statements of code i's module. The tools resolve names through
    them (`utcnow` is found on `datetime.datetime` only when `datetime` is imported); they are
    put above the code, and findings on them (the module's, not the code's) are left out."""
    parsed = [_parses(code) for code in codes]
    findings: list[list[Finding] | None] = [[] if ok else None for ok in parsed]
    offsets: dict[str, tuple[int, int]] = {}  # file -> (code index, preamble lines)
    with tempfile.TemporaryDirectory(prefix="codetune-deprecations-") as tmp:
        for i, code in enumerate(codes):
            if not parsed[i]:
                continue
            preamble = "".join(f"{line}\n" for line in (imports[i] if imports else []))
            if preamble and not _parses(preamble):
                preamble = ""  # an import the file context mangled: resolve without them
            path = Path(tmp) / f"sample_{i:06d}.py"
            text = preamble + textwrap.dedent(code)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            offsets[path.name] = (i, preamble.count("\n"))
        if not offsets:
            return findings
        for name, finding in [*_ruff(tmp), *_pylint(tmp, sorted(offsets))]:
            i, skip = offsets[name]
            listed = findings[i]
            line = finding.line - skip
            if listed is None or line < 1 or any(f.line == line for f in listed):
                continue  # both tools flag `assertEquals`: one finding a line
            listed.append(Finding(line, finding.tool, finding.code, finding.message))
    for listed in findings:
        if listed:
            listed.sort(key=lambda f: f.line)
    return findings


def _parses(code: str) -> bool:
    try:
        ast.parse(textwrap.dedent(code))
    except (SyntaxError, ValueError):
        return False
    return True


def _ruff(folder: str) -> list[tuple[str, Finding]]:
    proc = subprocess.run(
        [ruff_bin(), "check", "--isolated", "--no-cache", "--exit-zero", "--output-format",
         "json", "--target-version", "py39", "--select", ",".join(RUFF_RULES), folder],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"ruff failed: {proc.stderr.strip()[-500:]}")
    return [
        (Path(f["filename"]).name, Finding(f["location"]["row"], "ruff", f["code"], f["message"]))
        for f in json.loads(proc.stdout or "[]")
        if f.get("code") in RUFF_RULES
    ]


def _pylint(folder: str, names: list[str]) -> list[tuple[str, Finding]]:
    # pylint runs from this interpreter (a declared dependency) so that its stdlib inference
    # reads the same standard library the sandbox runs.
    proc = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", f"--enable={','.join(PYLINT_MESSAGES)}",
         f"--py-version={NEWEST_PYTHON}", "--output-format=json", "--score=n",
         "--persistent=n", *names],
        capture_output=True, text=True, check=False, cwd=folder,
    )  # fmt: skip
    if proc.returncode & 1 or proc.returncode & 32:  # fatal error / usage error
        raise RuntimeError(f"pylint failed: {proc.stderr.strip()[-500:]}")
    return [
        (Path(m["path"]).name, Finding(m["line"], "pylint", m["symbol"], m["message"]))
        for m in json.loads(proc.stdout or "[]")
        if m.get("symbol") in PYLINT_MESSAGES
    ]


# ------------------------------------------------------------------------ reverse migrations

# Receivers a logging call is made on: `logging`, `logger`, `self.log`, `_LOGGER`, `audit_log`.
_LOGGER = re.compile(r"(^|[._])(log|logger|logging)$", re.IGNORECASE)
UNITTEST_ALIASES = {
    "assertEqual": "assertEquals",
    "assertNotEqual": "assertNotEquals",
    "assertAlmostEqual": "assertAlmostEquals",
    "assertNotAlmostEqual": "assertNotAlmostEquals",
    "assertRegex": "assertRegexpMatches",
    "assertRaisesRegex": "assertRaisesRegexp",
    "assertTrue": "assert_",
}
THREADING_ALIASES = {"current_thread": "currentThread", "active_count": "activeCount"}


class _LoggingWarn(cst.CSTTransformer):
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "warning"
            and _LOGGER.search(dotted_name(func.value) or "")
        ):
            return updated.with_changes(func=func.with_changes(attr=cst.Name("warn")))
        return updated


class _OSErrorAlias(cst.CSTTransformer):
    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value="IOError") if updated.value == "OSError" else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `errno.OSError` is not the builtin


class _UnittestAliases(cst.CSTTransformer):
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "self"
            and func.attr.value in UNITTEST_ALIASES
        ):
            alias = UNITTEST_ALIASES[func.attr.value]
            return updated.with_changes(func=func.with_changes(attr=cst.Name(alias)))
        return updated


class _ThreadingAliases(cst.CSTTransformer):
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if (
            isinstance(func, cst.Attribute)
            and dotted_name(func.value) == "threading"
            and func.attr.value in THREADING_ALIASES
        ):
            alias = THREADING_ALIASES[func.attr.value]
            return updated.with_changes(func=func.with_changes(attr=cst.Name(alias)))
        return updated


class _UtcNow(cst.CSTTransformer):
    """`datetime.now(timezone.utc)` -> `datetime.utcnow()`: aware becomes naive."""

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == "now"
            and (dotted_name(func.value) or "").endswith("datetime")
            and len(updated.args) == 1
        ):
            return updated
        zone = dotted_name(updated.args[0].value) or ""
        if zone.endswith("timezone.utc") or zone in ("UTC", "datetime.UTC"):
            return updated.with_changes(func=func.with_changes(attr=cst.Name("utcnow")), args=[])
        return updated


def _probe(body: str) -> str:
    """A probe program: `body` computes `same` (deprecated behaves as current); the probe
    prints it after the mark, and False when the deprecated form is missing altogether."""
    indented = textwrap.indent(textwrap.dedent(body).strip("\n"), "    ")
    return (
        "import warnings\nwarnings.simplefilter('ignore')\n"
        f"try:\n{indented}\nexcept (AttributeError, ImportError, NameError):\n    same = False\n"
        f"print({PROBE_MARK!r} + str(bool(same)))\n"
    )


@dataclass(frozen=True)
class ReverseMigration:
    """One catalogue entry: the current API and the deprecated form it is rewritten to."""

    name: str
    current: str
    deprecated: str
    transformer: type[cst.CSTTransformer]
    # A differential program (see `_probe`); None: the forms differ by design (not an alias).
    probe: str | None


PYTHON_REVERSE_MIGRATIONS: tuple[ReverseMigration, ...] = (
    ReverseMigration(
        "logging_warn",
        "logger.warning(...)",
        "logger.warn(...)",
        _LoggingWarn,
        _probe("""
            import io, logging
            def emitted(method):
                stream = io.StringIO()
                logger = logging.getLogger("codetune.probe")
                handler = logging.StreamHandler(stream)
                logger.addHandler(handler)
                logger.propagate = False
                getattr(logger, method)("probe %s %d", "x", 1)
                logger.removeHandler(handler)
                return stream.getvalue()
            same = emitted("warn") == emitted("warning") != ""
        """),
    ),
    ReverseMigration(
        "os_error_alias",
        "OSError",
        "IOError",
        _OSErrorAlias,
        _probe("same = IOError is OSError"),
    ),
    ReverseMigration(
        "unittest_aliases",
        "self.assertEqual(...) and the other current assert methods",
        "self.assertEquals(...), assertRegexpMatches, assert_, ...",
        _UnittestAliases,
        _probe(f"""
            import unittest
            case = unittest.TestCase()
            def outcome(method, *args):
                try:
                    getattr(case, method)(*args)
                except AssertionError as error:
                    return "fail", str(error)
                return "pass", ""
            samples = {{
                "assertEqual": [(1, 1), (1, 2)], "assertNotEqual": [(1, 2), (1, 1)],
                "assertAlmostEqual": [(1.0, 1.0 + 1e-9), (1.0, 1.1)],
                "assertNotAlmostEqual": [(1.0, 1.1), (1.0, 1.0)],
                "assertRegex": [("abc", "b"), ("abc", "z")], "assertTrue": [(1,), (0,)],
            }}
            aliases = {UNITTEST_ALIASES!r}
            same = all(
                outcome(aliases[current], *args) == outcome(current, *args)
                for current, cases in samples.items() for args in cases
            )
            with case.assertRaisesRegexp(ValueError, "x"):
                raise ValueError("x")
        """),
    ),
    ReverseMigration(
        "threading_aliases",
        "threading.current_thread(), threading.active_count()",
        "threading.currentThread(), threading.activeCount()",
        _ThreadingAliases,
        _probe("""
            import threading
            same = (threading.currentThread() is threading.current_thread()
                    and threading.activeCount() == threading.active_count())
        """),
    ),
    ReverseMigration(
        "datetime_utcnow",
        "datetime.now(timezone.utc)",
        "datetime.utcnow()",
        _UtcNow,
        None,
    ),
)
BY_NAME = {rule.name: rule for rule in PYTHON_REVERSE_MIGRATIONS}


def reverse_migrate_python(
    code: str, rules: Sequence[ReverseMigration]
) -> tuple[str, list[str]] | None:
    """`code` with every site of each rule rewritten to its deprecated form, and the names of
    the rules that changed something; None when none applies or the code does not parse."""
    try:
        module = cst.parse_module(code)
    except cst.ParserSyntaxError:
        return None
    applied = []
    for rule in rules:
        changed = module.visit(rule.transformer())
        if changed.code != module.code:
            applied.append(rule.name)
            module = changed
    return (module.code, applied) if applied else None


def holding_python_rules(
    limits: SandboxLimits | None = None,
    rules: Sequence[ReverseMigration] = PYTHON_REVERSE_MIGRATIONS,
) -> list[ReverseMigration]:
    """The reverse migrations whose alias probe agrees in the sandbox (the team's
    interpreter): the ones whose deprecated form behaves as the current one."""
    probed = [rule for rule in rules if rule.probe is not None]
    results = run_many([rule.probe for rule in probed], limits=limits)  # type: ignore[misc]
    return [
        rule
        for rule, result in zip(probed, results, strict=True)
        if f"{PROBE_MARK}True" in result.stdout_tail.splitlines()
    ]


def python_function_named(answer: str, name: str) -> str | None:
    """The function called `name` in an answer (decorators included), dedented; None when
    the answer does not parse or defines no such function."""
    text = textwrap.dedent(answer)
    for end in range(len(text), 0, -1):  # a stop can leave a partial last line: trim it
        if end < len(text) and text[end] != "\n":
            continue
        try:
            tree = ast.parse(text[:end])
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
                first = min([d.lineno for d in node.decorator_list] + [node.lineno])
                lines = text[:end].splitlines(keepends=True)[first - 1 : node.end_lineno]
                return "".join(lines)
        return None
    return None
