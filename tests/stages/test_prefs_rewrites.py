"""Rewrites keep behaviour (HumanEval tests), renaming is consistent and fresh, style
violations raise the ruff findings they claim, and nothing crashes on real stdlib code."""

from __future__ import annotations

import ast
import random

import pytest
from test_prefs_support import (
    human_eval_program,
    ruff_codes,
    run_programs,
)

from codetune.lib.cstedit import compiles
from codetune.stages.pairs.rewrites import EQUIVALENT_REWRITES, rename_locals
from codetune.stages.pairs.style_violations import STYLE_RULES, STYLE_VIOLATIONS


@pytest.mark.parametrize("name", sorted(EQUIVALENT_REWRITES))
def test_equivalent_rewrite_keeps_human_eval_passing(name: str, problems: list[dict]) -> None:
    rewrite = EQUIVALENT_REWRITES[name].__wrapped__  # the bare function: bugs raise
    programs, ids = [], []
    for problem in problems:
        code = problem["prompt"] + problem["canonical_solution"]
        out = rewrite(code, random.Random(problem["task_id"]), problem["prompt"])
        if out is not None:
            assert out.startswith(problem["prompt"]) and out != code
            programs.append(human_eval_program(out, problem))
            ids.append(problem["task_id"])
    results = run_programs(programs)
    failing = [i for i, r in zip(ids, results, strict=True) if r != "passed"]
    assert not failing, f"{name} broke {failing}"


def test_every_equivalent_rewrite_applies_somewhere(
    problems: list[dict], stdlib: list[dict]
) -> None:
    codes = [(p["prompt"] + p["canonical_solution"], p["prompt"]) for p in problems]
    codes += [(r["prompt"] + r["completion"], r["prompt"]) for r in stdlib[:150]]
    for name, registered in EQUIVALENT_REWRITES.items():
        rewrite = registered.__wrapped__
        applies = any(rewrite(code, random.Random(0), prompt) for code, prompt in codes)
        assert applies, f"{name} applied to no function"


def test_eq_false_round_trip_restores_the_code() -> None:
    code = "def f(x):\n    if not isinstance(x, int):  # why\n        return 0\n    return x\n"
    there = EQUIVALENT_REWRITES["not_to_eq_false"].__wrapped__(code, random.Random(0), "")
    assert there is not None and "isinstance(x, int) == False:  # why" in there
    back = EQUIVALENT_REWRITES["eq_false_to_not"].__wrapped__(there, random.Random(0), "")
    assert back == code


def _name_mapping(original: str, renamed: str) -> dict[str, str] | None:
    """old -> new for Name nodes when the two ASTs differ only in Name ids, else None."""
    mapping: dict[str, str] = {}
    pairs = zip(ast.walk(ast.parse(original)), ast.walk(ast.parse(renamed)), strict=True)
    for a, b in pairs:
        if type(a) is not type(b):
            return None
        if isinstance(a, ast.Name):
            if mapping.setdefault(a.id, b.id) != b.id:
                return None
            continue
        for field, value in ast.iter_fields(a):
            if isinstance(a, ast.ExceptHandler) and field == "name" and value:
                if mapping.setdefault(value, b.name) != b.name:  # `except E as name` binds too
                    return None
            elif not isinstance(value, ast.AST | list) and value != getattr(b, field):
                return None
    return {k: v for k, v in mapping.items() if k != v}


@pytest.mark.parametrize(("style", "minimum"), [("generic", 50), ("camel", 20), ("ambiguous", 50)])
def test_renaming_is_consistent_fresh_and_leaves_parameters_alone(
    style: str, minimum: int, stdlib: list[dict]
) -> None:
    renamed_count = 0
    for row in stdlib:
        code = row["prompt"] + row["completion"]
        out = rename_locals(code, random.Random(row["id"]), row["prompt"], style=style)
        if out is None:
            continue
        renamed_count += 1
        assert out.startswith(row["prompt"])
        mapping = _name_mapping(code, out)
        assert mapping, f"{row['id']}: more than local names changed"
        old_names = {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)}
        old_names |= {a.arg for a in ast.walk(ast.parse(code)) if isinstance(a, ast.arg)}
        assert len(set(mapping.values())) == len(mapping), f"{row['id']}: two names merged"
        assert not set(mapping.values()) & old_names, f"{row['id']}: new name not fresh"
    assert renamed_count >= minimum


def test_renaming_keeps_comments_and_refuses_introspection() -> None:
    code = "def f(user_id):\n    total = user_id + 1  # keep me\n    return total\n"
    out = rename_locals(code, random.Random(0), "def f(user_id):\n")
    assert out is not None and "# keep me" in out and "def f(user_id):" in out
    assert "total" not in out
    with_locals = "def f(a):\n    total = a\n    return locals()\n"
    assert rename_locals(with_locals, random.Random(0)) is None
    nonlocal_use = (
        "def f(a):\n    total = a\n    def g():\n        nonlocal total\n"
        "        total += 1\n    g()\n    return total\n"
    )
    assert rename_locals(nonlocal_use, random.Random(0)) is None


def test_style_violations_raise_their_ruff_findings(stdlib: list[dict]) -> None:
    rows = stdlib[:120]
    originals, violated, names = [], [], []
    for row in rows:
        code = row["prompt"] + row["completion"]
        for name, violate in STYLE_VIOLATIONS.items():
            out = violate.__wrapped__(code, random.Random(row["id"]), row["prompt"])
            if out is not None:
                assert out.startswith(row["prompt"]) and compiles(out)
                originals.append(code)
                violated.append(out)
                names.append(name)
    assert set(names) == set(STYLE_VIOLATIONS), set(STYLE_VIOLATIONS) - set(names)
    codes = sorted({c for rules in STYLE_RULES.values() for c in rules})
    before = ruff_codes(originals, ",".join(codes), preview=True)
    after = ruff_codes(violated, ",".join(codes), preview=True)
    missing = [
        (name, i)
        for i, (name, old, new) in enumerate(zip(names, before, after, strict=True))
        if not any(new[code] > old[code] for code in STYLE_RULES[name])
    ]
    assert not missing, f"no new ruff finding for {len(missing)} cases, e.g. {missing[:5]}"


@pytest.mark.parametrize("bad_input", ["", "def f(:\n", "print 'py2'\n", "x = 1\n", "\x00"])
def test_rewrites_return_none_on_unusable_input(bad_input: str) -> None:
    for rewrite in [*EQUIVALENT_REWRITES.values(), *STYLE_VIOLATIONS.values()]:
        assert rewrite.__wrapped__(bad_input, random.Random(0), "") is None


def test_rewrites_on_real_code_keep_the_prompt_and_compile(stdlib: list[dict]) -> None:
    for row in stdlib[150:250]:
        code = row["prompt"] + row["completion"]
        for rewrite in [*EQUIVALENT_REWRITES.values(), *STYLE_VIOLATIONS.values()]:
            out = rewrite.__wrapped__(code, random.Random(row["id"]), row["prompt"])
            if out is not None:
                assert out.startswith(row["prompt"]) and out != code and compiles(out)
