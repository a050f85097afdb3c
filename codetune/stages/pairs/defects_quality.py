"""Quality defect kinds: error handling, resources and hard-coded values made worse.

- `swallowed_exception`: errors silenced with `except ...: pass`;
- `removed_exception_handling`: a `try`, a `.get()` fallback or a `getattr` default deleted;
- `hardcoded_value`: every use of a parameter replaced by a literal, leaving it unused;
- `unclosed_resource`: a `with open()` turned into a bare `open()`, or a carrier statement that
  opens a log file and never closes it (`mutations.carrier`).

Each is `(code, rng, prompt="") -> Mutation | None`, registered with its group in
`codetune.stages.pairs.defects.INJECTORS`, which also guards it against raising.
"""

from __future__ import annotations

import ast
import functools
import random
import re

import libcst as cst

from codetune.lib.cstedit import (
    Parsed,
    completion_nodes,
    dotted_name,
    is_atomic,
    names_a_variable,
    node_edit,
    parenthesize,
    parse,
    prompt_lines,
    replace_nodes,
)
from codetune.stages.pairs.mutations import Mutation, Site, carrier, first_valid, top_function


def _pass_block() -> cst.IndentedBlock:
    return cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Pass()])])


def _swallowing_handler(rng: random.Random) -> cst.ExceptHandler:
    """`except Exception: pass`, or a bare `except: pass` one time in three."""
    handler_type = None if rng.random() < 1 / 3 else cst.Name("Exception")
    return cst.ExceptHandler(
        body=_pass_block(),
        type=handler_type,
        whitespace_after_except=cst.SimpleWhitespace(" " if handler_type else ""),
    )


def _swallows(handler: cst.ExceptHandler) -> bool:
    """Whether the handler catches everything and does nothing (`except Exception: pass`)."""
    catches_all = handler.type is None or dotted_name(handler.type) in (
        "Exception",
        "BaseException",
    )
    body = handler.body
    if not (catches_all and isinstance(body, cst.IndentedBlock) and len(body.body) == 1):
        return False
    only = body.body[0]
    return isinstance(only, cst.SimpleStatementLine) and isinstance(only.body[0], cst.Pass)


def swallowed_exception(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Silence errors with `except ...: pass`.

    Sites: an existing handler widened to `except Exception: pass` (a bare `except: pass` one
    time in three); or a statement that calls something wrapped in such a `try`. A defect
    because failures vanish silently (bandit B110, ruff S110/E722).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for handler in completion_nodes(parsed, prompt, cst.ExceptHandler):
        if _swallows(handler):
            continue
        new = _swallowing_handler(rng).with_changes(leading_lines=handler.leading_lines)
        sites.append(("handler -> except: pass", node_edit(parsed, handler, new)))
    if not sites:
        for line in completion_nodes(parsed, prompt, cst.SimpleStatementLine):
            parent = parsed.parents.get(line)
            if not isinstance(parent, cst.IndentedBlock):
                continue
            if not any(isinstance(n, cst.Call) for n in parsed.walk(line)):
                continue
            if any(isinstance(n, cst.Yield | cst.Global | cst.Nonlocal) for n in parsed.walk(line)):
                continue
            wrapped = cst.Try(
                body=cst.IndentedBlock(body=[line.with_changes(leading_lines=[])]),
                handlers=[_swallowing_handler(rng)],
                leading_lines=line.leading_lines,
            )
            sites.append(
                ("statement wrapped in try/except: pass", node_edit(parsed, line, wrapped))
            )
    return first_valid(code, prompt, rng, sites)


def _statements(block: cst.BaseSuite | None) -> list[cst.BaseStatement]:
    if isinstance(block, cst.IndentedBlock):
        return list(block.body)
    if isinstance(block, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(body=block.body)]
    return []


def removed_exception_handling(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Delete error handling so exceptions escape.

    Sites: a `try` whose handlers are deleted (its body and `else` kept; a `finally` stays);
    `mapping.get(key, default)` -> `mapping[key]`; `getattr(obj, name, default)` ->
    `getattr(obj, name)`. A defect because the input the handler or fallback covered now raises.
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for node in completion_nodes(parsed, prompt, cst.Try):
        # A swallowing handler is swallowed_exception's rejected side: as a chosen side here
        # it would teach the opposite preference.
        if not node.handlers or any(_swallows(h) for h in node.handlers):
            continue
        body = _statements(node.body) + _statements(node.orelse.body if node.orelse else None)
        if node.finalbody is not None:
            new: object = node.with_changes(
                handlers=[], orelse=None, body=cst.IndentedBlock(body=body)
            )
        else:
            body[0] = body[0].with_changes(
                leading_lines=[*node.leading_lines, *body[0].leading_lines]
            )
            new = cst.FlattenSentinel(body)
        sites.append(("try/except removed", node_edit(parsed, node, new)))
    for call in completion_nodes(parsed, prompt, cst.Call):
        args = call.args
        if any(a.keyword is not None or a.star for a in args):
            continue
        if (
            isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "get"
            and len(args) == 2
        ):
            key = args[0].value.with_changes(lpar=[], rpar=[])
            new_sub = cst.Subscript(
                value=call.func.value,
                slice=[cst.SubscriptElement(cst.Index(key))],
                lpar=call.lpar,
                rpar=call.rpar,
            )
            sites.append(("get() fallback removed", node_edit(parsed, call, new_sub)))
        if dotted_name(call.func) == "getattr" and len(args) == 3:
            new_call = call.with_changes(
                args=[args[0], args[1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            )
            sites.append(("getattr() default removed", node_edit(parsed, call, new_call)))
    return first_valid(code, prompt, rng, sites)


_STRING_HINTS = {
    "encoding": '"utf-8"',
    "errors": '"strict"',
    "path": '"/tmp/data.txt"',
    "file": '"/tmp/data.txt"',
    "dir": '"/tmp"',
    "sep": '","',
    "mode": '"r"',
    "url": '"http://localhost:8080"',
    "host": '"localhost"',
    "name": '"default"',
    "prefix": '"tmp"',
    "suffix": '".txt"',
    "key": '"key"',
    "text": '"hello world"',
    "string": '"hello world"',
    "msg": '"error"',
    "message": '"error"',
    "char": '"a"',
    "word": '"hello"',
    "delim": '","',
    "fmt": '"%s"',
    "format": '"%s"',
    "lang": '"en"',
    "label": '"default"',
    "title": '"Untitled"',
    "tag": '"latest"',
    "user": '"admin"',
    "password": '"admin"',
}
_INT_HINTS = {
    "n": "10", "num": "10", "count": "1", "size": "1024", "length": "10", "limit": "100",
    "width": "80", "height": "24", "k": "3", "i": "0", "j": "0", "index": "0", "idx": "0",
    "start": "0", "end": "10", "stop": "10", "step": "1", "level": "1", "depth": "1",
    "timeout": "30", "port": "8080", "base": "10", "offset": "0", "pos": "0", "maxsize": "128",
    "retries": "3", "precision": "2", "ndigits": "2", "year": "2024", "month": "1", "day": "1",
    "x": "0", "y": "0", "m": "2", "p": "2", "a": "1", "b": "2", "number": "42", "value": "0",
}  # fmt: skip
_BOOL_PREFIXES = ("is_", "has_", "use_", "allow_", "enable_", "strict", "verbose", "force")


def _hardcoded_literal(param: cst.Param, parsed: Parsed) -> str | None:
    """A plausible literal for a parameter: its literal default, else a guess from its
    annotation or name (`encoding` -> "utf-8", `n` -> 10); None when nothing fits."""
    name = param.name.value.lower()
    default = param.default
    if default is not None:
        text = parsed.code_of(default).strip()
        try:
            ast.literal_eval(text)
        except Exception:
            text = ""
        if text and text != "None" and "\n" not in text:
            return text
    annotation = parsed.code_of(param.annotation.annotation) if param.annotation else ""
    if name.startswith(_BOOL_PREFIXES) or annotation == "bool":
        return "True" if default is None else "not " + parsed.code_of(default).strip()
    for hint, literal in _STRING_HINTS.items():
        if annotation in ("", "str") and (name == hint or name.endswith(("_" + hint, hint + "s"))):
            return literal
    if annotation in ("", "int"):
        stem = name.rsplit("_", 1)[-1]
        if name in _INT_HINTS:
            return _INT_HINTS[name]
        if stem in _INT_HINTS and len(stem) > 2:
            return _INT_HINTS[stem]
    return {"int": "10", "float": "1.0", "str": '""', "bytes": 'b""', "list": "[]"}.get(annotation)


def hardcoded_value(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Replace every use of one parameter by a literal (its default, or a value its name or
    annotation suggests), leaving the parameter unused. A defect because callers' arguments are
    ignored (ruff ARG001/ARG002)."""
    parsed = parse(code)
    if parsed is None:
        return None
    func = top_function(parsed, prompt)
    if func is None:
        return None
    after = prompt_lines(prompt)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    stored = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }
    all_params = [n for n in parsed.walk() if isinstance(n, cst.Param)]
    params = [*func.params.posonly_params, *func.params.params, *func.params.kwonly_params]
    sites: list[Site] = []
    for i, param in enumerate(params):
        name = param.name.value
        # `_private` parameters read as intentionally unused (ruff's dummy-variable pattern).
        if (i == 0 and name in ("self", "cls")) or name in stored or name.startswith("_"):
            continue
        if sum(p.name.value == name for p in all_params) != 1:
            continue
        uses = [
            node
            for node in parsed.walk()
            if isinstance(node, cst.Name)
            and node.value == name
            and node is not param.name
            and names_a_variable(parsed, node)
        ]
        if not uses or any(parsed.line(u) <= after for u in uses):
            continue
        literal = _hardcoded_literal(param, parsed)
        if literal is None:
            continue
        try:
            value = cst.parse_expression(literal)
        except Exception:
            continue
        value = parenthesize(value) if not is_atomic(value) else value
        replacements = {u: value for u in uses}
        sites.append(
            (f"{name} -> {literal}", functools.partial(replace_nodes, parsed.module, replacements))
        )
    return first_valid(code, prompt, rng, sites)


_OPENERS = re.compile(r"(^|\.)(open|urlopen|ZipFile|TarFile|TemporaryFile|NamedTemporaryFile)$")


def unclosed_resource(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Open a file without closing it.

    Site: `with open(...) as f: body` -> `f = open(...)` + `body` (also `gzip.open`, `urlopen`,
    `ZipFile`...). Carrier: a small `with open(LOG_PATH, "a") as log: log.write(...)` logging a
    parameter is added to both sides and written as a bare `open()` in the defective one.
    A defect because the handle leaks until garbage collection (ruff SIM115, ResourceWarning).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for node in completion_nodes(parsed, prompt, cst.With):
        if node.asynchronous is not None or len(node.items) != 1:
            continue
        item = node.items[0]
        if not (
            isinstance(item.item, cst.Call)
            and _OPENERS.search(dotted_name(item.item.func))
            and item.asname is not None
            and isinstance(item.asname.name, cst.Name)
        ):
            continue
        assign = cst.SimpleStatementLine(
            body=[
                cst.Assign(
                    targets=[cst.AssignTarget(item.asname.name)],
                    value=item.item.with_changes(lpar=[], rpar=[]),
                )
            ],
            leading_lines=node.leading_lines,
        )
        sites.append(
            (
                "with-block -> bare open()",
                node_edit(parsed, node, cst.FlattenSentinel([assign, *_statements(node.body)])),
            )
        )
    found = first_valid(code, prompt, rng, sites)
    return found or carrier(code, rng, prompt, parsed, "unclosed_resource")
