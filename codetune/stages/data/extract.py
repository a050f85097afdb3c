"""Function-level extraction with tree-sitter (one grammar wheel per language).

`extract_functions(text, language)` finds every function and method of a file with its class
context, leading comment and the file's import lines. `describe(code, language)` re-reads one
function on its own (after redaction or formatting changed it) and finds its signature,
docstring and the line where the prompt of a completion sample ends.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import tree_sitter as ts

from codetune.lib.codeparse import language_for, parser_for

EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".java": "java",
    ".go": "go",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "typescript",
}

FUNCTION_QUERIES = {
    "python": "(function_definition) @f",
    "java": "[(method_declaration) (constructor_declaration) (compact_constructor_declaration)] @f",
    "go": "[(function_declaration) (method_declaration)] @f",
}
# JS/TS: declarations and methods, and every named function value: `const f = () => {}`,
# `app.use = function use(fn) {}` / `View.prototype.render = ...` / `module.exports = ...`
# (named by the member path), `{ prop: function () {} }`, class fields `handle = async () => {}`.
_JS_FUNCTION_VALUE = "[(arrow_function) (function_expression) (generator_function)]"
_JS_QUERY = (
    "[(function_declaration) (generator_function_declaration) (method_definition)"
    f" (variable_declarator value: {_JS_FUNCTION_VALUE})"
    f" (assignment_expression right: {_JS_FUNCTION_VALUE})"
    f" (pair value: {_JS_FUNCTION_VALUE})"
    " ({field} value: " + _JS_FUNCTION_VALUE + ")] @f"
)
FUNCTION_QUERIES["javascript"] = _JS_QUERY.replace("{field}", "field_definition")
FUNCTION_QUERIES["typescript"] = _JS_QUERY.replace("{field}", "public_field_definition")
# Definitions whose function is a value under this field (the rest hold their body directly).
FUNCTION_VALUE_FIELD = {
    "variable_declarator": "value",
    "assignment_expression": "right",
    "pair": "value",
    "field_definition": "value",
    "public_field_definition": "value",
}
# How a definition cut out of its file is wrapped to parse alone again (`describe`).
STANDALONE_WRAPPER = {
    "method_definition": ("class W {\n", "}\n"),
    "field_definition": ("class W {\n", "}\n"),
    "public_field_definition": ("class W {\n", "}\n"),
    "pair": ("({\n", "})\n"),
}

IMPORT_TYPES = {
    "python": {"import_statement", "import_from_statement", "future_import_statement"},
    "java": {"import_declaration"},
    "go": {"import_declaration"},
    "javascript": {"import_statement"},
    "typescript": {"import_statement", "import_alias"},
}
CLASS_TYPES = {
    "python": {"class_definition"},
    "java": {
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
        "record_declaration",
        "annotation_type_declaration",
    },
    "go": set(),
    "javascript": {"class_declaration", "class"},
    "typescript": {"class_declaration", "class", "abstract_class_declaration"},
}
# Nodes between a method and its class (bodies); anything else (a function) ends the climb.
CLASS_BODY_TYPES = {
    "block",
    "class_body",
    "interface_body",
    "enum_body",
    "enum_body_declarations",
    "decorated_definition",
    "export_statement",
}
FUNCTION_TYPES = {
    "function_definition",
    "method_declaration",
    "constructor_declaration",
    "compact_constructor_declaration",
    "function_declaration",
    "generator_function_declaration",
    "method_definition",
    *FUNCTION_VALUE_FIELD,
}
BLOCK_BODY_TYPES = {"block", "statement_block", "constructor_body"}
COMMENT_TYPES = {"comment", "line_comment", "block_comment"}


def _grammar(name: str, tsx: bool) -> str:
    """The shared loader's grammar name: a .tsx file needs TypeScript's JSX grammar."""
    return "tsx" if tsx and name == "typescript" else name


@functools.cache
def _query(name: str, tsx: bool = False) -> ts.Query:
    return ts.Query(language_for(_grammar(name, tsx)), FUNCTION_QUERIES[name])


def parse(text: str, language: str, tsx: bool = False) -> ts.Tree:
    return parser_for(_grammar(language, tsx)).parse(text.encode("utf-8"))


@dataclass
class Function:
    """One function as found in its file (before cleaning)."""

    language: str
    name: str
    class_name: str | None
    start_line: int  # 1-based, first line of `code` in the file
    end_line: int
    code: str  # dedented so the definition starts at column 0; ends with "\n"
    kind: str  # tree-sitter node type of the definition
    has_error: bool  # tree-sitter found a syntax error inside it
    imports: list[str] = field(default_factory=list)
    surroundings: Surroundings | None = None  # with extract_file(..., surroundings=True)


@dataclass(frozen=True)
class Surroundings:
    """What a reader of the file sees around a function besides its imports: the enclosing
    class's header and fields (a Go method: its receiver's type declaration) and the signatures
    of the functions beside it, each one line, in source order with their offsets."""

    class_header: str | None
    fields: list[str]
    siblings: list[tuple[int, str]]  # (start line, signature) of the others in the same scope


def language_of(path: str) -> str | None:
    for ext, lang in EXTENSIONS.items():
        if path.endswith(ext):
            return lang
    return None


def _text(node: ts.Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", "replace")


def _imports(root: ts.Node, language: str) -> list[str]:
    out = []
    for child in root.named_children:
        if child.type not in IMPORT_TYPES[language]:
            continue
        if language == "go":
            # One line per import spec, so a block `import ( ... )` reads like single imports.
            specs = [n for n in _descendants(child, "import_spec")]
            out.extend("import " + " ".join(_text(specs_i).split()) for specs_i in specs)
        else:
            out.append(" ".join(_text(child).split()))
    return out


def _descendants(node: ts.Node, type_name: str) -> list[ts.Node]:
    found = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == type_name:
            found.append(n)
        else:
            stack.extend(reversed(n.named_children))
    return found


def _name_of(node: ts.Node) -> str:
    """The definition's name; for a JS function assigned to a member, its dotted path
    (`View.prototype.render`); '' when it has none worth keeping (a computed key)."""
    if node.type == "assignment_expression":
        left = node.child_by_field_name("left")
        text = _text(left) if left is not None else ""
        return text if re.fullmatch(r"[\w$#]+(\.[\w$#]+)*", text) else ""
    field = {"pair": "key", "field_definition": "property"}.get(node.type, "name")
    name = node.child_by_field_name(field)
    if name is None:
        return ""
    text = _text(name)
    if name.type == "string":
        text = text[1:-1]
    return text if re.fullmatch(r"[\w$#]+", text) else ""


def _class_name(outer: ts.Node, language: str) -> str | None:
    """Dotted names of the classes directly enclosing `outer` ('Outer.Inner'), or None.

    The climb stops at anything that is neither a class nor a class body, so a function nested
    in a method (or in an `if`) has no class: it is not a method.
    """
    names: list[str] = []
    node = outer.parent
    while node is not None:
        if node.type in CLASS_TYPES[language]:
            names.append(_name_of(node) or "<anonymous>")
        elif node.type not in CLASS_BODY_TYPES:
            break
        node = node.parent
    return ".".join(reversed(names)) or None


def _go_receiver(node: ts.Node) -> str | None:
    receiver = node.child_by_field_name("receiver")
    if receiver is None:
        return None
    types = [n for n in _descendants(receiver, "type_identifier")]
    return _text(types[0]) if types else None


def _outer(node: ts.Node, language: str) -> ts.Node | None:
    """The node whose text is the whole definition (decorators, `export`, `const x =`)."""
    outer = node
    if node.type == "variable_declarator":
        decl = node.parent
        if decl is None or decl.type not in {"lexical_declaration", "variable_declaration"}:
            return None
        if len(decl.named_children) != 1:
            return None
        outer = decl
    elif node.type == "assignment_expression":
        # A statement of its own (`a.b = function () {}`), not an assignment inside an expression.
        if node.parent is None or node.parent.type != "expression_statement":
            return None
        outer = node.parent
    parent = outer.parent
    if parent is not None and parent.type in {"decorated_definition", "export_statement"}:
        outer = parent
    return outer


def _leading_comments(outer: ts.Node) -> ts.Node | None:
    """The first of the comments directly above `outer` (no blank line between), or None."""
    first = None
    cur = outer
    prev = outer.prev_sibling
    while (
        prev is not None
        and prev.type in COMMENT_TYPES
        and prev.end_point[0] >= cur.start_point[0] - 1
        and prev.end_point[0] < cur.start_point[0]
    ):
        first = prev
        cur = prev
        prev = prev.prev_sibling
    return first


def _has_body(node: ts.Node) -> bool:
    if node.type in FUNCTION_VALUE_FIELD:
        return True  # the query matched only function values, which always have a body
    return node.child_by_field_name("body") is not None


def _dedent_slice(lines: list[bytes], start: tuple[int, int], end: tuple[int, int]) -> str:
    """Source between two tree-sitter points, the first line's indentation removed from all."""
    (r0, c0), (r1, c1) = start, end
    head = lines[r0][:c0]
    indent = head if head.strip() == b"" else b""
    out = []
    for r in range(r0, r1 + 1):
        line = lines[r] if r < len(lines) else b""
        if r == r1:
            tail = line[c1:]
            # Keep a trailing comment on the last line; cut anything else (`class A { f() {} }`).
            stripped = tail.strip()
            line = line if stripped == b"" or stripped[:1] in (b"#", b"/") else line[:c1]
        if r == r0:
            line = line[c0:]
        elif indent and line.startswith(indent):
            line = line[len(indent) :]
        out.append(line)
    text = b"".join(out).decode("utf-8", "replace")
    text = "\n".join(s.rstrip() for s in text.splitlines())
    return text + "\n"


@dataclass
class ParsedFile:
    functions: list[Function]
    has_error: bool  # the file has syntax errors somewhere (its sound functions are still kept)


def extract_functions(text: str, language: str, path: str = "") -> list[Function]:
    """Every function/method with a body in `text`, in source order (nested ones included)."""
    return extract_file(text, language, path).functions


def extract_file(
    text: str, language: str, path: str = "", *, surroundings: bool = False
) -> ParsedFile:
    """`extract_functions` plus whether the file parsed cleanly; with `surroundings`, each
    function's class header, fields and sibling signatures too (for prompts with file context)."""
    tsx = path.endswith(".tsx")
    tree = parse(text, language, tsx)
    root = tree.root_node
    imports = _imports(root, language)
    lines = text.encode("utf-8").splitlines(keepends=True)
    captures = ts.QueryCursor(_query(language, tsx)).captures(root).get("f", [])
    found = []
    for node in sorted(captures, key=lambda n: n.start_byte):
        if not _has_body(node):
            continue
        name = _name_of(node)
        if not name:
            continue
        outer = _outer(node, language)
        if outer is None:
            continue
        found.append((node, name, outer))
    around = _surroundings(text.encode("utf-8"), root, found, language) if surroundings else {}
    functions = []
    for node, name, outer in found:
        first = outer
        if language != "python":
            first = _leading_comments(outer) or outer
        class_name = _go_receiver(node) if language == "go" else _class_name(outer, language)
        functions.append(
            Function(
                language=language,
                name=name,
                class_name=class_name,
                start_line=first.start_point[0] + 1,
                end_line=outer.end_point[0] + 1,
                code=_dedent_slice(lines, first.start_point, outer.end_point),
                kind=node.type,
                has_error=outer.has_error,
                imports=imports,
                surroundings=around.get(node.id),
            )
        )
    return ParsedFile(functions, root.has_error)


def _one_line(node_text: str, limit: int = 200) -> str:
    text = " ".join(node_text.split()).removesuffix("{").rstrip()
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _signature_line(data: bytes, node: ts.Node, outer: ts.Node, language: str) -> str:
    """A definition up to its body, on one line (Python's decorators and JS's `export` left
    out; JS `const f = (x) =>` kept whole)."""
    body = node.child_by_field_name("body")
    start = node.start_byte
    if node.type in FUNCTION_VALUE_FIELD:
        value = node.child_by_field_name(FUNCTION_VALUE_FIELD[node.type])
        body = value.child_by_field_name("body") if value is not None else None
        start = outer.start_byte
    elif language != "python" and outer.type != "export_statement":
        start = outer.start_byte
    if body is None:
        return ""
    # Up to what precedes the body, not to the body: comments between (`def f():  # why`,
    # or above a Python body's first statement) are not the signature.
    end = body.prev_sibling
    while end is not None and end.type in COMMENT_TYPES:
        end = end.prev_sibling
    stop = end.end_byte if end is not None and end.end_byte > start else body.start_byte
    return _one_line(data[start:stop].decode("utf-8", "replace"))


_FUNCTION_VALUES = {"arrow_function", "function_expression", "generator_function"}


def _is_field(child: ts.Node, language: str) -> bool:
    """A class member that holds data: a Java field or constant, a JS/TS field whose value is
    not a function, a Python class-level assignment."""
    if child.type in {"field_declaration", "constant_declaration"}:
        return True
    if child.type in {"field_definition", "public_field_definition"}:
        value = child.child_by_field_name("value")
        return value is None or value.type not in _FUNCTION_VALUES
    return (
        language == "python"
        and child.type == "expression_statement"
        and bool(child.named_children)
        and child.named_children[0].type == "assignment"
    )


def _class_parts(scope: ts.Node | None, language: str) -> tuple[str | None, list[str]]:
    """(header, fields) of the class whose body is `scope`; (None, []) when it is not one."""
    cls = scope.parent if scope is not None else None
    if cls is None or cls.type not in CLASS_TYPES[language] or cls.text is None:
        return None, []
    body = cls.child_by_field_name("body")
    if body is None:
        return None, []
    header = _one_line(cls.text[: body.start_byte - cls.start_byte].decode("utf-8", "replace"))
    fields = [_one_line(_text(c), 120) for c in body.named_children if _is_field(c, language)]
    return header, fields


def _go_types(root: ts.Node) -> dict[str, str]:
    """Type name -> its declaration (`type T struct {...}`), for a Go method's receiver."""
    out = {}
    for decl in root.named_children:
        if decl.type != "type_declaration":
            continue
        for spec in decl.named_children:
            name = spec.child_by_field_name("name")
            if spec.type == "type_spec" and name is not None:
                out[_text(name)] = "type " + _text(spec)
    return out


def _surroundings(
    data: bytes, root: ts.Node, found: list[tuple[ts.Node, str, ts.Node]], language: str
) -> dict[int, Surroundings]:
    """Per function node id: its class header and fields, and the signatures of the other
    functions of its scope (the same class body, or the file's top level)."""
    scopes: dict[int, list[tuple[int, int, str]]] = {}
    for node, _, outer in found:
        scope = outer.parent
        line = outer.start_point[0] + 1
        signature = _signature_line(data, node, outer, language)
        if scope is not None and signature:
            scopes.setdefault(scope.id, []).append((node.id, line, signature))
    go_types = _go_types(root) if language == "go" else {}
    out = {}
    for node, _, outer in found:
        scope = outer.parent
        header, fields = _class_parts(scope, language)
        if language == "go" and (receiver := _go_receiver(node)) in go_types:
            header = go_types[receiver]
        siblings = [
            (line, signature)
            for other, line, signature in scopes.get(scope.id if scope else -1, [])
            if other != node.id
        ]
        out[node.id] = Surroundings(header, fields, siblings)
    return out


@dataclass
class Anatomy:
    """Where the parts of one standalone function lie (offsets into its code)."""

    signature: str
    docstring: str | None
    sig_end: int  # offset just after the line ending the signature
    doc_end: int  # offset just after the line ending the docstring (== sig_end without one)
    body: str  # the body's statements, without the docstring
    has_error: bool


def _line_end_offset(code: str, line_starts: list[int], row: int) -> int:
    return line_starts[row + 1] if row + 1 < len(line_starts) else len(code)


def _line_starts(code: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", code):
        starts.append(m.end())
    if starts[-1] == len(code):
        starts.pop()
    return starts


def _clean_comment(text: str) -> str:
    lines = []
    for line in text.splitlines():
        s = line.strip()
        s = re.sub(r"^(/\*\*?|\*/|\*|//+|#)\s?", "", s)
        s = re.sub(r"\s*\*/$", "", s)
        lines.append(s)
    return "\n".join(lines).strip()


def _python_docstring(body: ts.Node) -> tuple[str | None, ts.Node | None]:
    stmts = body.named_children
    if not stmts or stmts[0].type != "expression_statement":
        return None, None
    expr = stmts[0].named_children
    if len(expr) != 1 or expr[0].type not in {"string", "concatenated_string"}:
        return None, None
    raw = _text(expr[0])
    try:
        value: Any = ast.literal_eval(raw)
    except (SyntaxError, ValueError):
        return None, None
    if not isinstance(value, str):
        return None, None
    import inspect

    return inspect.cleandoc(value), stmts[0]


def describe(code: str, language: str, kind: str, tsx: bool = False) -> Anatomy | None:
    """Read one standalone function (as `extract_functions` cut it); None if it is not one.

    `tsx`: the function comes from a .tsx file (TypeScript with JSX needs that grammar).
    """
    prefix = suffix = ""
    # A method (or an object's property) alone is not a valid program: wrap it so it parses as
    # it did in place.
    if language == "java":
        prefix, suffix = "class W {\n", "}\n"
    elif language in {"javascript", "typescript"} and kind in STANDALONE_WRAPPER:
        prefix, suffix = STANDALONE_WRAPPER[kind]
    wrapped = prefix + code + suffix
    tree = parse(wrapped, language, tsx)
    captures = ts.QueryCursor(_query(language, tsx)).captures(tree.root_node).get("f", [])
    if not captures:
        return None
    node = min(captures, key=lambda n: n.start_byte)
    body = node.child_by_field_name("body")
    if node.type in FUNCTION_VALUE_FIELD:
        value = node.child_by_field_name(FUNCTION_VALUE_FIELD[node.type])
        body = value.child_by_field_name("body") if value is not None else None
    if body is None:
        return None
    row_shift = prefix.count("\n")
    wbytes = wrapped.encode("utf-8")
    outer = _outer(node, language) or node
    sig_start = node.start_byte if language == "python" else outer.start_byte
    if node.type in FUNCTION_VALUE_FIELD:
        sig_start = outer.start_byte
    signature = wbytes[sig_start : body.start_byte].decode("utf-8", "replace").strip()
    signature = signature.removesuffix("{").rstrip()
    if body.type in BLOCK_BODY_TYPES and language != "python":
        sig_row = body.start_point[0]
    else:
        prev = body.prev_sibling
        sig_row = (prev or body).end_point[0]
    sig_row -= row_shift
    starts = _line_starts(code)
    sig_end = _line_end_offset(code, starts, sig_row)
    docstring, doc_end = None, sig_end
    body_start = body.start_byte
    if language == "python":
        docstring, doc_node = _python_docstring(body)
        if doc_node is not None:
            doc_end = _line_end_offset(code, starts, doc_node.end_point[0] - row_shift)
            body_start = doc_node.end_byte
    else:
        first = _leading_comments(outer)
        if first is not None:
            text = wbytes[first.start_byte : outer.start_byte].decode("utf-8", "replace")
            docstring = _clean_comment(text) or None
    return Anatomy(
        signature=signature,
        docstring=docstring,
        sig_end=sig_end,
        doc_end=doc_end,
        body=wbytes[body_start : body.end_byte].decode("utf-8", "replace"),
        has_error=tree.root_node.has_error,
    )
