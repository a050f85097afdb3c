"""Deprecated-API migration for Java: javac's own deprecation lint as the detector, reverse
migrations on tree-sitter for migration data, and alias probes run in the sandbox.

- **Detector** (`find_deprecated_java`): each method is compiled alone, inside a stub class,
  with `-Xlint:deprecation,removal`. A method of a real code base refers to its class's fields
  and to the repository's types, which javac cannot resolve here; `-XDshould-stop.ifError=FLOW`
  keeps it attributing the rest after those errors, so every call it can resolve into the
  JDK is checked against the JDK's own `@Deprecated` marks (the JDK's javac, not a list).
  javac runs in the sandbox (`-proc:none`: no annotation processor runs either): a model's
  answer is untrusted code.
- **Reverse migrations** (`JAVA_REVERSE_MIGRATIONS`): current API -> its deprecated form,
  edited on the tree-sitter parse: `Integer.valueOf(x)` -> `new Integer(x)` (every box type;
  not where the box is compared with `==`/`!=`, where a fresh object changes the outcome),
  `Character.isJavaIdentifierStart` -> `isJavaLetter` (and `...Part` -> `isJavaLetterOrDigit`),
  `setScale`/`divide` with `RoundingMode.X` -> `BigDecimal.ROUND_X`.
- **Alias probes**: a Java program per rewrite that runs both forms on sample values (every
  char for the Character aliases) and prints whether they agree; `holding_java_rules` keeps
  the rewrites whose probe agrees on the sandbox's JDK.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import tree_sitter

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.codeparse import parser_for
from codetune.lib.deprecations.base import PROBE_MARK, Finding
from codetune.lib.sandbox.launcher import javac_request, run_java, run_requests

JAVAC_FLAGS = (
    "-Xlint:deprecation,removal", "-proc:none", "-XDshould-stop.ifError=FLOW",
    "-XDrawDiagnostics", "-Xmaxwarns", "100000", "-Xmaxerrs", "100000", "-encoding", "UTF-8",
)  # fmt: skip
# javac's raw diagnostics: `D3.java:5:21: compiler.warn.has.been.deprecated: Integer(int), ...`
_DIAGNOSTIC = re.compile(
    r"^(D\d+)\.java:(\d+):\d+: compiler\.warn\.(has\.been\.deprecated(?:\.for\.removal)?): (.*)$"
)
_ERROR = re.compile(r"^(D\d+)\.java:\d+:\d+: compiler\.err\.")
FILES_PER_JAVAC = 24  # one JVM start per batch: javac takes about a second to start


def _wrapped(method: str, imports: Sequence[str], index: int) -> tuple[str, int]:
    """(a compilation unit holding `method` in a stub class, the lines above the method)."""
    head = "".join(f"{line}\n" for line in imports) + f"class D{index} {{\n"
    return f"{head}{method.rstrip()}\n}}\n", head.count("\n")


def java_parses(method: str) -> bool:
    tree = parser_for("java").parse(_wrapped(method, [], 0)[0].encode())
    return not tree.root_node.has_error


@dataclass
class JavacReport:
    """What javac said about one method: the deprecated uses, and how many errors (a method
    compiled alone has some: its class's fields and the repository's types are missing)."""

    findings: list[Finding] = field(default_factory=list)
    errors: int = 0


def javac_reports(
    methods: Sequence[str],
    imports: Sequence[Sequence[str]] | None = None,
    limits: SandboxLimits | None = None,
) -> list[JavacReport | None]:
    """javac's report on each Java method; None where it does not parse. `imports[i]`: the
    import declarations of method i's file (javac resolves names by them)."""
    limits = (limits or SandboxLimits(timeout_s=60)).model_copy(
        update={"output_tail_chars": 1_000_000}
    )
    reports: list[JavacReport | None] = [JavacReport() if java_parses(m) else None for m in methods]
    units = {}
    for i, method in enumerate(methods):
        if reports[i] is not None:
            units[i] = _wrapped(method, imports[i] if imports else [], i)
    batches = [list(units)[k : k + FILES_PER_JAVAC] for k in range(0, len(units), FILES_PER_JAVAC)]
    requests = [
        javac_request({f"D{i}.java": units[i][0] for i in batch}, list(JAVAC_FLAGS), limits)
        for batch in batches
    ]
    for batch, result in zip(batches, run_requests(requests, limits), strict=True):
        if result.status == "timeout":
            raise RuntimeError(f"javac timed out on {len(batch)} methods ({limits.timeout_s} s)")
        for line in (result.stdout_tail + "\n" + result.stderr_tail).splitlines():
            error = _ERROR.match(line.strip())
            if error:
                report = reports[int(error.group(1)[1:])]
                if report is not None:
                    report.errors += 1
                continue
            match = _DIAGNOSTIC.match(line.strip())
            if not match:
                continue
            report, skip = reports[int(match.group(1)[1:])], units[int(match.group(1)[1:])][1]
            line_no = int(match.group(2)) - skip
            if report is None or line_no < 1 or any(f.line == line_no for f in report.findings):
                continue
            code = "removal" if match.group(3).endswith("removal") else "deprecation"
            report.findings.append(Finding(line_no, "javac", code, match.group(4)))
    for report in reports:
        if report:
            report.findings.sort(key=lambda f: f.line)
    return reports


def find_deprecated_java(
    methods: Sequence[str],
    imports: Sequence[Sequence[str]] | None = None,
    limits: SandboxLimits | None = None,
) -> list[list[Finding] | None]:
    """The deprecated uses javac finds in each Java method; None where it does not parse."""
    return [r.findings if r is not None else None for r in javac_reports(methods, imports, limits)]


# ------------------------------------------------------------------------ reverse migrations

BOXES = ("Integer", "Long", "Short", "Byte", "Character", "Boolean", "Double", "Float")
CHARACTER_ALIASES = {
    "isJavaIdentifierStart": "isJavaLetter",
    "isJavaIdentifierPart": "isJavaLetterOrDigit",
}
ROUNDING_MODES = ("UP", "DOWN", "CEILING", "FLOOR", "HALF_UP", "HALF_DOWN", "HALF_EVEN")
Edit = tuple[int, int, str]  # byte span of the wrapped unit -> replacement


def _text(node: tree_sitter.Node) -> str:
    return node.text.decode("utf-8", "surrogatepass") if node.text else ""


def _calls(root: tree_sitter.Node):
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "method_invocation":
            yield node
        stack.extend(reversed(node.children))


def _compared_by_identity(node: tree_sitter.Node) -> bool:
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "binary_expression":
        return False
    operator = parent.child_by_field_name("operator")
    return operator is not None and _text(operator) in ("==", "!=")


def _box_constructors(root: tree_sitter.Node) -> list[Edit]:
    edits = []
    for call in _calls(root):
        owner, name = call.child_by_field_name("object"), call.child_by_field_name("name")
        args = call.child_by_field_name("arguments")
        if owner is None or name is None or args is None or _text(name) != "valueOf":
            continue
        if _text(owner) not in BOXES or args.named_child_count != 1:
            continue
        if _compared_by_identity(call):
            continue
        edits.append((call.start_byte, call.end_byte, f"new {_text(owner)}{_text(args)}"))
    return edits


def _character_aliases(root: tree_sitter.Node) -> list[Edit]:
    edits = []
    for call in _calls(root):
        owner, name = call.child_by_field_name("object"), call.child_by_field_name("name")
        if owner is not None and name is not None and _text(owner) == "Character":
            alias = CHARACTER_ALIASES.get(_text(name))
            if alias:
                edits.append((name.start_byte, name.end_byte, alias))
    return edits


def _rounding_constants(root: tree_sitter.Node) -> list[Edit]:
    edits = []
    for call in _calls(root):
        name, args = call.child_by_field_name("name"), call.child_by_field_name("arguments")
        if name is None or args is None or _text(name) not in ("setScale", "divide"):
            continue
        for arg in args.named_children:
            text = _text(arg)
            mode = text.removeprefix("RoundingMode.")
            if arg.type == "field_access" and text != mode and mode in ROUNDING_MODES:
                edits.append((arg.start_byte, arg.end_byte, f"BigDecimal.ROUND_{mode}"))
    return edits


@dataclass(frozen=True)
class JavaReverseMigration:
    """One catalogue entry: the current API, its deprecated form, the edit and its probe."""

    name: str
    current: str
    deprecated: str
    edits: Callable[[tree_sitter.Node], list[Edit]]
    probe: str  # a Java program printing the probe mark and whether both forms agree


def _probe(body: str) -> str:
    return (
        "import java.math.*;\n"
        "public class Main {\n"
        '  @SuppressWarnings({"deprecation", "removal"})\n'
        "  public static void main(String[] args) {\n"
        f"    boolean same = true;\n{body}\n"
        f'    System.out.println("{PROBE_MARK}" + (same ? "True" : "False"));\n'
        "  }\n}\n"
    )


JAVA_REVERSE_MIGRATIONS: tuple[JavaReverseMigration, ...] = (
    JavaReverseMigration(
        "box_constructors",
        "Integer.valueOf(x) (every box type)",
        "new Integer(x)",
        _box_constructors,
        _probe(
            "    same &= new Integer(-7).equals(Integer.valueOf(-7));\n"
            '    same &= new Integer("42").equals(Integer.valueOf("42"));\n'
            "    same &= new Long(1L << 40).equals(Long.valueOf(1L << 40));\n"
            "    same &= new Short((short) 3).equals(Short.valueOf((short) 3));\n"
            "    same &= new Byte((byte) -1).equals(Byte.valueOf((byte) -1));\n"
            "    same &= new Character('x').equals(Character.valueOf('x'));\n"
            '    same &= new Boolean("TRUE").equals(Boolean.valueOf("TRUE"));\n'
            "    same &= new Double(0.1).equals(Double.valueOf(0.1));\n"
            '    same &= new Float("1.5").equals(Float.valueOf("1.5"));'
        ),
    ),
    JavaReverseMigration(
        "character_aliases",
        "Character.isJavaIdentifierStart / isJavaIdentifierPart",
        "Character.isJavaLetter / isJavaLetterOrDigit",
        _character_aliases,
        _probe(
            "    for (int c = 0; c <= Character.MAX_VALUE; c++) {\n"
            "      same &= Character.isJavaLetter((char) c) == "
            "Character.isJavaIdentifierStart((char) c);\n"
            "      same &= Character.isJavaLetterOrDigit((char) c) == "
            "Character.isJavaIdentifierPart((char) c);\n"
            "    }"
        ),
    ),
    JavaReverseMigration(
        "bigdecimal_rounding",
        "setScale(n, RoundingMode.HALF_UP), divide(x, n, RoundingMode.X)",
        "setScale(n, BigDecimal.ROUND_HALF_UP), divide(x, n, BigDecimal.ROUND_X)",
        _rounding_constants,
        _probe(
            '    BigDecimal x = new BigDecimal("-2.345"), y = new BigDecimal("7");\n'
            "    same &= x.setScale(2, BigDecimal.ROUND_HALF_UP)"
            ".equals(x.setScale(2, RoundingMode.HALF_UP));\n"
            "    same &= x.setScale(1, BigDecimal.ROUND_FLOOR)"
            ".equals(x.setScale(1, RoundingMode.FLOOR));\n"
            "    same &= x.divide(y, 5, BigDecimal.ROUND_HALF_EVEN)"
            ".equals(x.divide(y, 5, RoundingMode.HALF_EVEN));"
        ),
    ),
)


def reverse_migrate_java(
    method: str, rules: Sequence[JavaReverseMigration]
) -> tuple[str, list[str]] | None:
    """`method` with every site of each rule rewritten to its deprecated form, and the rules
    that changed something; None when none applies or the method does not parse."""
    unit, _ = _wrapped(method, [], 0)
    head = len(unit.encode()) - len(f"{method.rstrip()}\n}}\n".encode())
    source = unit.encode()
    tree = parser_for("java").parse(source)
    if tree.root_node.has_error:
        return None
    edits: list[Edit] = []
    applied = []
    for rule in rules:
        found = rule.edits(tree.root_node)
        if found:
            applied.append(rule.name)
            edits += found
    if not edits:
        return None
    edits.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(edits)):
        return None  # overlapping sites (a box inside a rounding call): leave the method alone
    for start, end, text in reversed(edits):
        source = source[:start] + text.encode() + source[end:]
    body = source[head:].decode("utf-8", "surrogatepass")
    return body[: body.rstrip().rfind("}")].rstrip() + "\n", applied


def holding_java_rules(
    limits: SandboxLimits | None = None,
    rules: Sequence[JavaReverseMigration] = JAVA_REVERSE_MIGRATIONS,
) -> list[JavaReverseMigration]:
    """The Java reverse migrations whose probe agrees on the sandbox's JDK."""
    limits = limits or SandboxLimits(timeout_s=60)
    return [
        rule
        for rule in rules
        if f"{PROBE_MARK}True" in run_java(rule.probe, limits=limits).stdout_tail.splitlines()
    ]


def java_method_named(answer: str, name: str) -> str | None:
    """The method called `name` in an answer (annotations and Javadoc-free), as text; None
    when the answer holds no such method that parses."""
    unit, _ = _wrapped(answer, [], 0)
    tree = parser_for("java").parse(unit.encode())
    body = tree.root_node.named_children[-1].child_by_field_name("body") if tree else None
    for node in body.named_children if body is not None else []:
        if node.type != "method_declaration" or node.has_error:
            continue
        if _text(node.child_by_field_name("name")) == name:
            return _text(node) + "\n"
    return None
