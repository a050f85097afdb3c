"""What a defect injector returns, and its two ways of making one.

A `Mutation` is the defective function (`code`), what was done (`detail`) and, when the injector
had to add a statement, the clean counterpart (`clean`; None: the unchanged input is the good
side). The injectors in `defects_semantic`, `defects_quality` and `defects_safety` make one by:

- a site edit: candidate `(detail, edit)` sites tried in random order, the first valid one wins
  (`first_valid`, on `codetune.lib.cstedit.try_sites`);
- a carrier (`carrier`), for the safety and resource kinds whose natural sites (SQL, subprocess,
  open) most functions lack: a realistic statement using one of the function's parameters is
  inserted into *both* sides, written correctly in `clean` and with the defect in `code`, so
  the only difference between the two is the defect.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from codetune.lib.cstedit import (
    Edit,
    Parsed,
    compiles,
    fresh_name,
    identifiers,
    own_nodes,
    prompt_lines,
    replace_nodes,
    try_sites,
)


@dataclass(frozen=True)
class Mutation:
    """A defective version of a function (`code`), what was done (`detail`), and the clean
    counterpart when a carrier statement was added to both (`clean`; None: the input)."""

    code: str
    detail: str
    clean: str | None = None


# A candidate site edit and what it does ("range bound +1").
Site = tuple[str, Edit]

# Site edits tried per injector call: bounded like the rewrites' `cstedit.MAX_TRIES`, so one
# huge function never costs seconds. The value is the injectors' own: changing it would change
# which pairs a seed gives.
SITE_TRIES = 16


def first_valid(
    code: str, prompt: str, rng: random.Random, sites: Sequence[Site]
) -> Mutation | None:
    """The first of `sites`, in random order, whose edit is a valid change (`try_sites`), with
    its detail."""
    tried: list[str] = []

    def labelled(detail: str, edit: Edit) -> Edit:
        def run() -> str | None:
            tried.append(detail)
            return edit()

        return run

    # try_sites stops at the first valid edit, so the last detail recorded is the winner's.
    out = try_sites(code, prompt, rng, [labelled(d, e) for d, e in sites], tries=SITE_TRIES)
    return None if out is None else Mutation(out, tried[-1])


def top_function(parsed: Parsed, prompt: str) -> cst.FunctionDef | None:
    """The function holding the completion: the last module-level def reaching past the prompt
    (HumanEval-style modules put helpers first)."""
    after = prompt_lines(prompt)
    defs = [
        n
        for n in parsed.module.body
        if isinstance(n, cst.FunctionDef) and parsed.end_line(n) > after
    ]
    return defs[-1] if defs else None


# ---------------------------------------------------------------------------------------------
# Carriers: a statement added to both sides, clean in one and defective in the other


_STRINGY = ("name", "path", "file", "key", "user", "query", "cmd", "command", "arg", "url",
            "host", "target", "dest", "src", "prefix", "tag", "label", "title", "text", "id",
            "s", "value", "word", "dir", "module", "filename", "source")  # fmt: skip


def _carrier_param(func: cst.FunctionDef, rng: random.Random) -> str | None:
    params = [*func.params.posonly_params, *func.params.params, *func.params.kwonly_params]
    names = [p.name.value for p in params if p.name.value not in ("self", "cls")]
    if not names:
        return None
    stringy = [n for n in names if n.lower().endswith(_STRINGY)]
    return rng.choice(stringy or names)


def _carrier_texts(
    kind: str, fn: str, p: str, rng: random.Random, taken: set[str]
) -> tuple[list[str], list[str], str]:
    """(clean statements, defective statements, detail) for one carrier kind."""
    q = "{" + p + "}"
    if kind == "unclosed_resource":
        fh = fresh_name(["log_file", "fh", "handle", "stream", "out_file"], taken, rng)
        path = fresh_name(["LOG_PATH", "AUDIT_LOG", "TRACE_FILE"], taken, rng)
        use = rng.choice(
            [
                f'{fh}.write(f"{fn}: {q}\\n")',
                f'print("{fn}", {p}, file={fh})',
                f"{fh}.write(repr({p}))",
            ]
        )
        opener = f'open({path}, "a", encoding="utf-8")'
        clean = [f"with {opener} as {fh}:\n    {use}\n"]
        return clean, [f"{fh} = {opener}\n", f"{use}\n"], "carrier: log file"
    if kind == "shell_true":
        command = rng.choice(
            [
                (["logger", "-t", fn], "logger -t " + fn),
                (["git", "tag"], "git tag"),
                (["grep", "-r"], "grep -r"),
                (["ls", "-l"], "ls -l"),
            ]
        )
        runner = rng.choice(["subprocess.run", "subprocess.check_call", "subprocess.call"])
        check = ", check=True" if runner == "subprocess.run" else ""
        args = ", ".join(f'"{a}"' for a in command[0])
        clean = [f"{runner}([{args}, str({p})]{check})\n"]
        bad = [f'{runner}(f"{command[1]} {q}", shell=True{check})\n']
        return ["import subprocess\n", *clean], ["import subprocess\n", *bad], "carrier: subprocess"
    if kind == "sql_string_format":
        db = fresh_name(["db", "conn", "connection", "cursor", "cur"], taken, rng)
        table, columns = rng.choice(
            [
                ("audit_log", "(event, detail)"),
                ("events", "(name, payload)"),
                ("history", "(source, item)"),
            ]
        )
        clean = f'{db}.execute("INSERT INTO {table} {columns} VALUES (?, ?)", ("{fn}", str({p})))\n'
        style = rng.choice(["fstring", "percent", "format", "concat"])
        head = f"INSERT INTO {table} {columns} VALUES ('{fn}', "
        if style == "fstring":
            query = f"f\"{head}'{q}')\""
        elif style == "percent":
            query = f"\"{head}'%s')\" % ({p},)"
        elif style == "format":
            query = f"\"{head}'{{}}')\".format({p})"
        else:
            query = f'"{head}\'" + str({p}) + "\')"'
        return [clean], [f"{db}.execute({query})\n"], f"carrier: sql {style}"
    # unchecked_path_join
    target = fresh_name(["target", "target_path", "dest", "full_path"], taken, rng)
    root = fresh_name(["root", "base", "base_dir_real"], taken, rng)
    base = fresh_name(["UPLOAD_DIR", "BASE_DIR", "DATA_DIR"], taken, rng)
    action = rng.choice(
        [
            f"os.makedirs({target}, exist_ok=True)\n",
            f'with open({target}, "w", encoding="utf-8") as {fresh_name(["fh", "handle"], taken)}:\n'
            f"    pass\n",
        ]
    )
    clean = [
        "import os\n",
        f"{root} = os.path.realpath({base})\n",
        f"{target} = os.path.realpath(os.path.join({root}, str({p})))\n",
        f"if os.path.commonpath([{root}, {target}]) != {root}:\n"
        f'    raise ValueError(f"path escapes {{{root}}}: {{{p}!r}}")\n',
        action,
    ]
    bad = [
        "import os\n",
        f"{root} = os.path.realpath({base})\n",
        f"{target} = os.path.join({root}, str({p}))\n",
        action,
    ]
    return clean, bad, "carrier: path join"


def _insertion_points(
    parsed: Parsed, func: cst.FunctionDef, prompt: str
) -> list[tuple[cst.IndentedBlock, int]]:
    """Places a statement can go: before a statement that starts after the prompt, top-level
    blocks first (nested ones only when the whole top level lies in the prompt)."""
    after = prompt_lines(prompt)
    top: list[tuple[cst.IndentedBlock, int]] = []
    nested: list[tuple[cst.IndentedBlock, int]] = []
    for block in own_nodes(func):
        if not isinstance(block, cst.IndentedBlock):
            continue
        for i, stmt in enumerate(block.body):
            if parsed.line(stmt) > after and not _is_docstring(stmt):
                (top if block is func.body else nested).append((block, i))
    return top or nested


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


def _insert(parsed: Parsed, block: cst.IndentedBlock, index: int, texts: list[str]) -> str | None:
    try:
        new_stmts = [cst.parse_statement(t) for t in texts]
    except Exception:
        return None
    body = list(block.body)
    anchor = body[index]
    # The anchor's comments stay where they are, above the inserted lines.
    new_stmts[0] = new_stmts[0].with_changes(leading_lines=anchor.leading_lines)
    body[index] = anchor.with_changes(leading_lines=[])
    return replace_nodes(
        parsed.module, {block: block.with_changes(body=[*body[:index], *new_stmts, *body[index:]])}
    )


def carrier(
    code: str, rng: random.Random, prompt: str, parsed: Parsed, kind: str
) -> Mutation | None:
    """A carrier statement of `kind` (a defect kind name) inserted at the same place of both
    sides of the function holding the completion: defective in `code`, correct in `clean`."""
    func = top_function(parsed, prompt)
    if func is None:
        return None
    param = _carrier_param(func, rng)
    points = _insertion_points(parsed, func, prompt)
    if param is None or not points:
        return None
    clean_texts, bad_texts, detail = _carrier_texts(
        kind, func.name.value, param, rng, identifiers(parsed)
    )
    rng.shuffle(points)
    for block, index in points[:4]:
        clean = _insert(parsed, block, index, clean_texts)
        bad = _insert(parsed, block, index, bad_texts)
        if clean is None or bad is None or clean == bad:
            continue
        if all(c.startswith(prompt) and compiles(c) for c in (clean, bad)):
            return Mutation(bad, detail, clean=clean)
    return None
