"""Safety defect kinds: a parameter reaching a shell, an SQL statement or a file path unchecked.

- `shell_true`: a command run through the shell with interpolated input (command injection);
- `sql_string_format`: an SQL statement built by string formatting (SQL injection);
- `unchecked_path_join`: a parameter joined onto a base folder without checking the result
  stays inside it (path traversal).

Most functions have no natural site for these, so each falls back to a carrier statement added
to both sides (`mutations.carrier`). Each is `(code, rng, prompt="") -> Mutation | None`,
registered with its group in `codetune.stages.pairs.defects.INJECTORS`.
"""

from __future__ import annotations

import random
import re

import libcst as cst

from codetune.lib.cstedit import Parsed, completion_nodes, dotted_name, node_edit, parse
from codetune.stages.pairs.mutations import Mutation, Site, carrier, first_valid

_SUBPROCESS_CALLS = {
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.Popen",
}


def _fstring_command(parsed: Parsed, elements: list[cst.Element]) -> str | None:
    parts = []
    for element in elements:
        value = element.value
        if isinstance(value, cst.SimpleString) and "\\" not in value.value:
            text = value.evaluated_value
            if not isinstance(text, str) or '"' in text:
                return None
            parts.append(text.replace("{", "{{").replace("}", "}}"))
        elif element.star is None and not isinstance(value, cst.SimpleString):
            inner = parsed.code_of(value)
            if any(c in inner for c in '"\\\n{}'):
                return None
            parts.append("{" + inner + "}")
        else:
            return None
    return 'f"' + " ".join(parts) + '"'


def shell_true(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Run a command through the shell with interpolated input.

    Site: `subprocess.run(["cmd", arg])` -> `subprocess.run(f"cmd {arg}", shell=True)`.
    Carrier: `subprocess.run(["logger", "-t", "<function>", str(param)], check=True)` added to
    both sides, as an f-string with `shell=True` in the defective one. A defect because a
    parameter reaches a shell: command injection (bandit B602).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for call in completion_nodes(parsed, prompt, cst.Call):
        if dotted_name(call.func) not in _SUBPROCESS_CALLS or not call.args:
            continue
        first = call.args[0]
        if first.keyword is not None or not isinstance(first.value, cst.List):
            continue
        if any(a.keyword is not None and a.keyword.value == "shell" for a in call.args):
            continue
        command = _fstring_command(parsed, list(first.value.elements))
        if command is None:
            continue
        shell_arg = cst.Arg(
            value=cst.Name("True"),
            keyword=cst.Name("shell"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = [first.with_changes(value=cst.parse_expression(command)), *call.args[1:]]
        args = [
            a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            for a in args
        ]
        new = call.with_changes(args=[*args, shell_arg])
        sites.append(("argument list -> shell string", node_edit(parsed, call, new)))
    found = first_valid(code, prompt, rng, sites)
    return found or carrier(code, rng, prompt, parsed, "shell_true")


def sql_string_format(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Build an SQL statement by string formatting instead of query parameters.

    Site: `cur.execute("... WHERE a = ?", (x,))` -> an f-string with `x` spliced in.
    Carrier: `db.execute("INSERT INTO audit_log ... VALUES (?, ?)", (..., str(param)))` added to
    both sides, formatted with an f-string, `%`, `.format()` or `+` in the defective one.
    A defect because a parameter can rewrite the query: SQL injection (bandit B608).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for call in completion_nodes(parsed, prompt, cst.Call):
        if not (
            isinstance(call.func, cst.Attribute)
            and call.func.attr.value in ("execute", "executemany")
            and len(call.args) == 2
            and isinstance(call.args[0].value, cst.SimpleString)
            and isinstance(call.args[1].value, cst.Tuple | cst.List)
        ):
            continue
        query = call.args[0].value.evaluated_value
        values = [e.value for e in call.args[1].value.elements]
        if not isinstance(query, str) or "\\" in call.args[0].value.value:
            continue
        pieces = re.split(r"\?|%s", query)
        if len(pieces) != len(values) + 1 or any(c in query for c in '"{}\n'):
            continue
        text = pieces[0]
        for value, piece in zip(values, pieces[1:], strict=True):
            inner = parsed.code_of(value)
            if any(c in inner for c in '"\\\n{}'):
                break
            text += "'{" + inner + "}'" + piece
        else:
            new = call.with_changes(
                args=[
                    call.args[0].with_changes(
                        value=cst.parse_expression(f'f"{text}"'), comma=cst.MaybeSentinel.DEFAULT
                    )
                ]
            )
            sites.append(("query parameters -> f-string", node_edit(parsed, call, new)))
    found = first_valid(code, prompt, rng, sites)
    return found or carrier(code, rng, prompt, parsed, "sql_string_format")


def unchecked_path_join(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Join a parameter onto a base folder without checking the result stays inside it.

    Carrier: both sides resolve `os.path.join(UPLOAD_DIR, str(param))` (or `BASE_DIR / ...`) and
    create or write it; the clean side rejects results outside the base folder, the defective
    side does not. A defect because `../` in the parameter escapes the folder: path traversal
    (CWE-22).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    return carrier(code, rng, prompt, parsed, "unchecked_path_join")
