"""Model-independent code metrics: syntax validity, complexity, BLEU/CodeBLEU, naming, ruff.

None of these execute the code they measure (parsing and static analysis only). BLEU and
CodeBLEU correlate poorly with correctness: report them beside pass@k, never instead of it.
"""

from __future__ import annotations

import ast
import json
import math
import re
import subprocess
import tempfile
import textwrap
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from codetune.lib.codeparse import parser_for

_ALIASES = {"py": "python", "js": "javascript", "ts": "typescript", "golang": "go"}
_LIZARD_SUFFIX = {
    "java": ".java",
    "go": ".go",
    "javascript": ".js",
    "typescript": ".ts",
    "tsx": ".tsx",
    "c": ".c",
    "cpp": ".cpp",
    "csharp": ".cs",
    "rust": ".rs",
    "kotlin": ".kt",
    "scala": ".scala",
    "swift": ".swift",
    "ruby": ".rb",
    "php": ".php",
}
DEFAULT_RUFF_SELECT = ("E", "F", "W", "B")


def normalize_language(language: str) -> str:
    lang = language.strip().lower()
    return _ALIASES.get(lang, lang)


# ---------------------------------------------------------------------------------------------
# Syntax validity
# ---------------------------------------------------------------------------------------------


def _tree(code: str, language: str):
    return parser_for(language).parse(code.encode("utf-8", "surrogatepass"))


def syntax_valid(code: str, language: str) -> bool:
    """Does `code` parse? Python: the interpreter's own `compile`; others: a tree-sitter parse
    without ERROR or MISSING nodes."""
    language = normalize_language(language)
    if language == "python":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes is still valid
                compile(code, "<generated>", "exec", dont_inherit=True)
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            return False
    return not _tree(code, language).root_node.has_error


def empty_body(completion: str, language: str) -> bool:
    """Does a generated function body add no code: only whitespace, comments, docstrings,
    `pass` or `...`?

    Such an answer often parses (a docstring is a body), so counting it as syntax-valid would
    reward a model for stopping at once: an instruct model given a raw function start did so
    for every one of its "valid" answers.
    """
    language = normalize_language(language)
    if language != "python":
        # A C-family body: nothing left once comments, braces and whitespace are gone.
        code = re.sub(r"/\*.*?\*/", "", completion, flags=re.S)
        code = re.sub(r"//[^\n]*", "", code)
        return not re.sub(r"[\s{}]", "", code)
    # Parsed as a module once dedented, else as the body of a function (which tolerates a
    # comment or a string's lines at column 0 beside indented code).
    for source, inside_def in (
        (textwrap.dedent(completion), False),
        ("def _():\n" + textwrap.indent(completion, "    ", lambda _: True), True),
    ):
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        statements = tree.body[0].body if inside_def else tree.body
        return all(_no_op_statement(node) for node in statements)
    lines = [line.strip() for line in completion.splitlines()]
    return not any(x and not x.startswith("#") for x in lines)


def _no_op_statement(node: ast.stmt) -> bool:
    if isinstance(node, ast.Pass):
        return True
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and (isinstance(node.value.value, str) or node.value.value is Ellipsis)
    )


def answer_status(prompt: str, completion: str, language: str) -> str:
    """'empty' (the body adds no code), 'valid' (the whole function parses) or 'invalid'."""
    if empty_body(completion, language):
        return "empty"
    return "valid" if syntax_valid(prompt + completion, language) else "invalid"


def syntax_valid_rate(codes: Iterable[str], language: str) -> float:
    """Share of `codes` that parse (0.0 for no code at all)."""
    codes = list(codes)
    if not codes:
        return 0.0
    return sum(syntax_valid(c, language) for c in codes) / len(codes)


# ---------------------------------------------------------------------------------------------
# Cyclomatic complexity
# ---------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolation percentile (numpy's default), q in [0, 100]."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def function_complexities(code: str, language: str) -> list[int] | None:
    """Cyclomatic complexity of every function/method in `code`; None when it does not parse.

    Python through radon (closures counted on their own), other languages through lizard.
    """
    language = normalize_language(language)
    if language == "python":
        from radon.complexity import cc_visit
        from radon.visitors import Function

        try:
            blocks = cc_visit(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None

        def walk(funcs: Iterable[Function]) -> Iterator[int]:
            for fn in funcs:
                yield fn.complexity
                yield from walk(fn.closures)

        return list(walk(b for b in blocks if isinstance(b, Function)))
    suffix = _LIZARD_SUFFIX.get(language)
    if suffix is None:
        raise ValueError(f"no complexity analyser for language {language!r}")
    import lizard

    result = lizard.analyze_file.analyze_source_code("generated" + suffix, code)
    return [f.cyclomatic_complexity for f in result.function_list]


def complexity_stats(codes: list[str], language: str, threshold: int = 10) -> dict:
    """Mean, p90 and share above `threshold` of cyclomatic complexity over all functions."""
    values: list[int] = []
    unparsable = 0
    for code in codes:
        found = function_complexities(code, language)
        if found is None:
            unparsable += 1
        else:
            values.extend(found)
    return {
        "functions": len(values),
        "mean": sum(values) / len(values) if values else 0.0,
        "p90": percentile([float(v) for v in values], 90),
        "max": max(values, default=0),
        f"share_above_{threshold}": sum(v > threshold for v in values) / len(values)
        if values
        else 0.0,
        "unparsable": unparsable,
    }


# ---------------------------------------------------------------------------------------------
# BLEU / CodeBLEU
# ---------------------------------------------------------------------------------------------


def bleu(hyps: list[str], refs: list[str]) -> float:
    """Corpus BLEU (sacrebleu, 13a tokenisation), 0-100, one reference per hypothesis."""
    if len(hyps) != len(refs):
        raise ValueError(f"bleu: {len(hyps)} hypotheses but {len(refs)} references")
    if not hyps:
        return 0.0
    import sacrebleu

    score = float(sacrebleu.corpus_bleu(hyps, [refs], tokenize="13a").score)
    return min(100.0, score)  # float noise can land a hair above 100


def codebleu(hyps: list[str], refs: list[str], language: str) -> tuple[float | None, str]:
    """(CodeBLEU 0-1, "") where the optional `codebleu` package works, else (None, why not).

    codebleu pins an older tree-sitter; installed without its dependencies it may or may not
    work with the tree-sitter here, so every failure becomes a reason instead of an error.
    """
    if len(hyps) != len(refs):
        raise ValueError(f"codebleu: {len(hyps)} hypotheses but {len(refs)} references")
    language = normalize_language(language)
    try:
        from codebleu import calc_codebleu
    except Exception as exc:  # ImportError, or its import-time grammar loading failing
        return None, f"codebleu unavailable: {type(exc).__name__}: {exc}"
    if not hyps:
        return None, "no samples"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calc_codebleu(refs, hyps, lang=language)
    except Exception as exc:
        return None, f"codebleu failed for {language}: {type(exc).__name__}: {exc}"
    return float(result["codebleu"]), ""


# ---------------------------------------------------------------------------------------------
# Naming conventions
# ---------------------------------------------------------------------------------------------

SNAKE = re.compile(r"^_*[a-z][a-z0-9_]*$")
UPPER_SNAKE = re.compile(r"^_*[A-Z][A-Z0-9_]*$")
CAP_WORDS = re.compile(r"^_*[A-Z][a-zA-Z0-9]*$")
LOWER_CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
UPPER_CAMEL = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
MIXED_CAPS = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
JS_CAMEL = re.compile(r"^[$_]?[a-z][a-zA-Z0-9$]*$")


def _ok(name: str, *patterns: re.Pattern[str]) -> bool:
    return any(p.match(name) for p in patterns)


def _python_names(code: str) -> list[tuple[str, str, bool]] | None:
    """(kind, name, compliant) per PEP 8 / pep8-naming; None when the code does not parse."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found: list[tuple[str, str, bool]] = []

    def targets(node: ast.AST) -> Iterator[str]:
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Tuple | ast.List):
            for elt in node.elts:
                yield from targets(elt)
        elif isinstance(node, ast.Starred):
            yield from targets(node.value)

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append(("function", child.name, _ok(child.name, SNAKE)))
                args = child.args
                for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                    found.append(("argument", arg.arg, _ok(arg.arg, SNAKE)))
                for arg in (args.vararg, args.kwarg):
                    if arg is not None:
                        found.append(("argument", arg.arg, _ok(arg.arg, SNAKE)))
                visit(child, "function")
            elif isinstance(child, ast.ClassDef):
                found.append(("class", child.name, _ok(child.name, CAP_WORDS)))
                visit(child, "class")
            elif isinstance(child, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.For):
                nodes = child.targets if isinstance(child, ast.Assign) else [child.target]
                for target in nodes:
                    for name in targets(target):
                        if scope == "function":
                            found.append(("variable", name, _ok(name, SNAKE)))
                        else:  # module or class level: constants may be UPPER_CASE
                            found.append(("variable", name, _ok(name, SNAKE, UPPER_SNAKE)))
                visit(child, scope)
            else:
                visit(child, scope)

    visit(tree, "module")
    return found


# Per tree-sitter language: node type -> (kind, patterns). The name is the node's "name" field.
_TS_RULES: dict[str, dict[str, tuple[str, tuple[re.Pattern[str], ...]]]] = {
    "java": {
        "class_declaration": ("class", (UPPER_CAMEL,)),
        "interface_declaration": ("class", (UPPER_CAMEL,)),
        "enum_declaration": ("class", (UPPER_CAMEL,)),
        "record_declaration": ("class", (UPPER_CAMEL,)),
        "method_declaration": ("method", (LOWER_CAMEL,)),
        "formal_parameter": ("parameter", (LOWER_CAMEL,)),
    },
    "go": {
        "function_declaration": ("function", (MIXED_CAPS,)),
        "method_declaration": ("method", (MIXED_CAPS,)),
        "type_spec": ("type", (MIXED_CAPS,)),
        "parameter_declaration": ("parameter", (MIXED_CAPS,)),
    },
    "javascript": {
        "class_declaration": ("class", (UPPER_CAMEL,)),
        "function_declaration": ("function", (JS_CAMEL, UPPER_CAMEL)),
        "method_definition": ("method", (JS_CAMEL,)),
        "variable_declarator": ("variable", (JS_CAMEL, UPPER_SNAKE, UPPER_CAMEL)),
    },
}
_TS_RULES["typescript"] = {
    **_TS_RULES["javascript"],
    "interface_declaration": ("class", (UPPER_CAMEL,)),
    "type_alias_declaration": ("type", (UPPER_CAMEL,)),
}
_TS_RULES["tsx"] = _TS_RULES["typescript"]


def _tree_sitter_names(code: str, language: str) -> list[tuple[str, str, bool]] | None:
    rules = _TS_RULES.get(language)
    if rules is None:
        raise ValueError(f"no naming rules for language {language!r}")
    root = _tree(code, language).root_node
    if root.has_error:
        return None
    found: list[tuple[str, str, bool]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        rule = rules.get(node.type)
        if rule is None:
            continue
        kind, patterns = rule
        name_nodes = [node.child_by_field_name("name")]
        if language == "go" and node.type == "parameter_declaration":
            name_nodes = node.children_by_field_name("name")
        for name_node in name_nodes:
            if name_node is None or name_node.type not in ("identifier", "type_identifier"):
                continue  # destructuring patterns, computed names, ...
            name = name_node.text.decode("utf-8", "replace")
            if name == "_":
                continue
            found.append((kind, name, _ok(name, *patterns)))
    if language == "java":
        found.extend(_java_variables(root))
    return found


def _java_variables(root) -> list[tuple[str, str, bool]]:
    """Locals and fields: lowerCamelCase; `static final` fields may be UPPER_SNAKE_CASE."""
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type not in ("local_variable_declaration", "field_declaration"):
            continue
        modifiers = next((c for c in node.children if c.type == "modifiers"), None)
        words = modifiers.text.decode().split() if modifiers is not None else []
        constant = node.type == "field_declaration" and "static" in words and "final" in words
        for declarator in node.children_by_field_name("declarator"):
            name_node = declarator.child_by_field_name("name")
            if name_node is None:
                continue
            name = name_node.text.decode("utf-8", "replace")
            patterns = (UPPER_SNAKE, LOWER_CAMEL) if constant else (LOWER_CAMEL,)
            found.append(("variable", name, _ok(name, *patterns)))
    return found


def declared_names(code: str, language: str) -> list[tuple[str, str]] | None:
    """(kind, name) of every name `code` declares (functions, methods, classes, arguments or
    parameters, variables); None when it does not parse."""
    language = normalize_language(language)
    found = _python_names(code) if language == "python" else _tree_sitter_names(code, language)
    return None if found is None else [(kind, name) for kind, name, _ in found]


def naming_report(codes: Iterable[str], language: str, max_examples: int = 20) -> dict:
    """Declared names checked against the language's conventions, with example violations.

    Python: PEP 8 (snake_case functions/arguments/locals, CapWords classes, UPPER_CASE allowed
    for module and class constants). Java: UpperCamelCase types, lowerCamelCase methods,
    parameters and variables, UPPER_SNAKE_CASE static final constants. Go: MixedCaps, no
    underscores. JavaScript/TypeScript: camelCase functions and variables (UPPER_SNAKE_CASE
    constants, PascalCase components), PascalCase classes. Unparsable code is skipped.
    """
    language = normalize_language(language)
    checked = compliant = skipped = 0
    violations: list[dict] = []
    for code in codes:
        found = _python_names(code) if language == "python" else _tree_sitter_names(code, language)
        if found is None:
            skipped += 1
            continue
        for kind, name, ok in found:
            checked += 1
            compliant += ok
            if not ok and len(violations) < max_examples:
                violations.append({"kind": kind, "name": name})
    return {
        "checked": checked,
        "compliant": compliant,
        "rate": compliant / checked if checked else 1.0,
        "unparsable": skipped,
        "violations": violations,
    }


def naming_compliance(codes: Iterable[str], language: str) -> float:
    """Share of declared names that follow the language's conventions (1.0 when none found)."""
    return naming_report(codes, language)["rate"]


# ---------------------------------------------------------------------------------------------
# Ruff
# ---------------------------------------------------------------------------------------------


def ruff_bin() -> str:
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


def ruff_report(codes: Iterable[str], select: Iterable[str] = DEFAULT_RUFF_SELECT) -> dict:
    """Ruff findings on Python code, isolated from any project config.

    Files ruff cannot parse are left out (the syntax-valid rate already counts them), so the
    rate is findings per 100 lines of parsable code.
    """
    codes = list(codes)
    with tempfile.TemporaryDirectory(prefix="codetune-ruff-") as tmp:
        paths = []
        for i, code in enumerate(codes):
            path = Path(tmp) / f"sample_{i:06d}.py"
            path.write_text(code, encoding="utf-8", errors="surrogatepass")
            paths.append(path)
        findings: list[dict] = []
        if paths:
            proc = subprocess.run(
                [ruff_bin(), "check", "--isolated", "--no-cache", "--exit-zero",
                 "--output-format", "json", "--select", ",".join(select), tmp],
                capture_output=True,
                text=True,
                check=False,
            )  # fmt: skip
            if proc.returncode != 0:
                raise RuntimeError(f"ruff failed: {proc.stderr.strip()[-500:]}")
            findings = json.loads(proc.stdout or "[]")
    broken = {
        Path(f["filename"]).name
        for f in findings
        if f.get("code") in (None, "invalid-syntax", "E999")
    }
    rules = [f for f in findings if Path(f["filename"]).name not in broken]
    lines = sum(
        len(code.splitlines())
        for path, code in zip(paths, codes, strict=True)
        if path.name not in broken
    )
    by_rule: dict[str, int] = {}
    for f in rules:
        by_rule[f["code"]] = by_rule.get(f["code"], 0) + 1
    return {
        "findings": len(rules),
        "lines": lines,
        "per_100_lines": 100 * len(rules) / lines if lines else 0.0,
        "unparsable": len(broken),
        "by_rule": dict(sorted(by_rule.items(), key=lambda kv: -kv[1])),
        "select": list(select),
    }


def ruff_findings_per_100_lines(
    codes: Iterable[str], select: Iterable[str] = DEFAULT_RUFF_SELECT
) -> float:
    """Ruff findings per 100 lines of (parsable) Python code."""
    return ruff_report(codes, select)["per_100_lines"]
