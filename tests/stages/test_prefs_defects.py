"""Every injector makes code worse while it still parses: semantic kinds fail HumanEval's own
tests, quality and safety kinds raise bandit/ruff findings the clean side does not, the path
carrier really lets `../` escape, and no injector crashes or touches the prompt."""

from __future__ import annotations

import ast
import random

import pytest
from test_prefs_support import (
    bandit_codes,
    human_eval_program,
    ruff_codes,
    run_programs,
)

from codetune.lib.cstedit import compiles
from codetune.stages.pairs.defects import GROUPS, INJECTORS, KIND_GROUPS, supported_kinds


def test_every_kind_has_a_group() -> None:
    assert set(KIND_GROUPS) == set(INJECTORS)
    assert set(KIND_GROUPS.values()) <= set(GROUPS)


# kind -> (minimum HumanEval problems it applies to, minimum share of them failing the tests)
BEHAVIOUR = {
    "off_by_one": (60, 0.6),
    "flipped_comparison": (80, 0.9),
    "removed_none_check": (15, 0.6),
    "out_of_bounds": (10, 0.8),
    "hardcoded_value": (50, 0.9),
}


@pytest.mark.parametrize("kind", sorted(BEHAVIOUR))
def test_semantic_injectors_fail_human_eval_tests(kind: str, problems: list[dict]) -> None:
    inject = INJECTORS[kind].__wrapped__  # the bare function: bugs raise instead of None
    programs = []
    for problem in problems:
        code = problem["prompt"] + problem["canonical_solution"]
        mutation = inject(code, random.Random(problem["task_id"]), problem["prompt"])
        if mutation is not None:
            assert mutation.code.startswith(problem["prompt"]) and compiles(mutation.code)
            programs.append(human_eval_program(mutation.code, problem))
    minimum, share = BEHAVIOUR[kind]
    assert len(programs) >= minimum
    results = run_programs(programs)
    failing = sum(r != "passed" for r in results) / len(results)
    assert failing >= share, f"{kind}: only {failing:.0%} of mutants fail the tests"


def _mutations(kind: str, rows: list[dict], limit: int) -> list[tuple[str, str]]:
    """(clean, defective) full functions for up to `limit` rows."""
    out = []
    for row in rows:
        code = row["prompt"] + row["completion"]
        mutation = INJECTORS[kind].__wrapped__(code, random.Random(row["id"]), row["prompt"])
        if mutation is not None:
            out.append((mutation.clean or code, mutation.code))
        if len(out) >= limit:
            break
    return out


# kind -> (tool, rule ids of which the defective side must have more than the clean side)
FINDINGS = {
    "shell_true": ("bandit", {"B602", "B604", "B605"}),
    "sql_string_format": ("bandit", {"B608"}),
    "swallowed_exception": ("bandit", {"B110", "B112"}),
    "unclosed_resource": ("ruff", {"SIM115"}),
    "hardcoded_value": ("ruff", {"ARG001", "ARG002"}),
}


@pytest.mark.parametrize("kind", sorted(FINDINGS))
def test_quality_and_safety_injectors_raise_findings(kind: str, stdlib: list[dict]) -> None:
    pairs = _mutations(kind, stdlib, limit=40)
    assert len(pairs) >= 20
    tool, rules = FINDINGS[kind]
    sources = [c for pair in pairs for c in pair]
    if tool == "bandit":
        counts = bandit_codes(sources)
    else:
        counts = ruff_codes(sources, ",".join(sorted(rules)), preview=True)
    for i in range(0, len(sources), 2):
        clean, bad = counts[i], counts[i + 1]
        assert any(bad[r] > clean[r] for r in rules), sources[i + 1]


def _error_handling(code: str) -> int:
    """except-handlers + `.get(key, default)` + `getattr(obj, name, default)` calls."""
    count = 0
    for node in ast.walk(ast.parse(code)):
        count += isinstance(node, ast.ExceptHandler)
        if isinstance(node, ast.Call) and not node.keywords:
            func = node.func
            count += isinstance(func, ast.Attribute) and func.attr == "get" and len(node.args) == 2
            count += isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) == 3
    return count


def test_removed_exception_handling_deletes_handlers(stdlib: list[dict]) -> None:
    pairs = _mutations("removed_exception_handling", stdlib, limit=30)
    assert len(pairs) >= 10
    for clean, bad in pairs:
        assert _error_handling(bad) < _error_handling(clean)


def test_removed_exception_handling_lets_errors_escape() -> None:
    code = (
        "def parse_port(text):\n"
        '    """Port number in text, or 0."""\n'
        "    try:\n"
        "        return int(text)\n"
        "    except ValueError:\n"
        "        return 0\n"
    )
    prompt = 'def parse_port(text):\n    """Port number in text, or 0."""\n'
    mutation = INJECTORS["removed_exception_handling"].__wrapped__(code, random.Random(0), prompt)
    assert mutation is not None
    call = "\nassert parse_port('http') == 0\n"
    assert run_programs([code + call, mutation.code + call]) == ["passed", "failed:ValueError"]


def test_unchecked_path_join_lets_parent_segments_escape(tmp_path) -> None:
    code = 'def save_upload(filename):\n    """Store an upload."""\n    return filename\n'
    prompt = 'def save_upload(filename):\n    """Store an upload."""\n'
    mutation = INJECTORS["unchecked_path_join"].__wrapped__(code, random.Random(0), prompt)
    assert mutation is not None and mutation.clean is not None
    base = tmp_path / "uploads"
    base.mkdir()
    programs = [
        f"import os\n{globals_line}\n{source}\nsave_upload('../escaped')\n"
        for source in (mutation.clean, mutation.code)
        for globals_line in [f"UPLOAD_DIR = BASE_DIR = DATA_DIR = {str(base)!r}"]
    ]
    clean_result, bad_result = run_programs(programs)
    assert clean_result == "failed:ValueError"
    assert bad_result == "passed" and (tmp_path / "escaped").exists()


def test_carriers_insert_the_same_statement_on_both_sides(stdlib: list[dict]) -> None:
    for kind in ("shell_true", "sql_string_format", "unclosed_resource", "unchecked_path_join"):
        pairs = _mutations(kind, stdlib, limit=10)
        assert pairs
        for clean, bad in pairs:
            clean_lines, bad_lines = clean.splitlines(), bad.splitlines()
            # Same code around the carrier: the first and last lines agree.
            assert clean_lines[0] == bad_lines[0] and clean_lines[-1] == bad_lines[-1]


def test_injectors_on_real_code_never_crash_and_keep_the_prompt(stdlib: list[dict]) -> None:
    applied = dict.fromkeys(INJECTORS, 0)
    for row in stdlib[:100]:
        code = row["prompt"] + row["completion"]
        for kind, injector in INJECTORS.items():
            mutation = injector.__wrapped__(code, random.Random(row["id"]), row["prompt"])
            if mutation is None:
                continue
            applied[kind] += 1
            for side in (mutation.code, mutation.clean or code):
                assert side.startswith(row["prompt"]) and compiles(side)
            assert mutation.code != (mutation.clean or code)
    assert all(n > 0 for n in applied.values()), applied


@pytest.mark.parametrize("bad_input", ["", "def f(:\n", "print 'py2'\n", "\x00", "x = 1\n"])
def test_injectors_return_none_on_unusable_input(bad_input: str) -> None:
    for injector in INJECTORS.values():
        assert injector(bad_input, random.Random(0), "") is None
    # A prompt the code does not start with: nothing can keep it.
    for injector in INJECTORS.values():
        assert injector("def f(a):\n    return a < 1\n", random.Random(0), "def g():\n") is None


JAVA = """public int indexOf(int[] xs, Integer key) {
    if (key == null) {
        return -1;
    }
    for (int i = 0; i < xs.length; i++) {
        if (xs[i] == key) {
            return i;
        }
    }
    try {
        Thread.sleep(1);
    } catch (InterruptedException e) {
        throw new RuntimeException(e);
    }
    return -1;
}
"""

GO = """func indexOf(xs []int, key *int) (int, error) {
\tif key == nil {
\t\treturn -1, nil
\t}
\tf, err := os.Open("index")
\tif err != nil {
\t\treturn -1, err
\t}
\tdefer f.Close()
\tfor i := 0; i < len(xs); i++ {
\t\tif xs[i] == *key {
\t\t\treturn i, nil
\t\t}
\t}
\treturn -1, nil
}
"""


@pytest.mark.parametrize(("language", "code"), [("java", JAVA), ("go", GO)])
def test_tree_sitter_injectors_keep_java_and_go_parsing(language: str, code: str) -> None:
    from codetune.stages.pairs.defects_treesitter import parse_errors

    prompt = code.split("\n", 1)[0] + "\n"
    kinds = supported_kinds(language)
    assert len(kinds) >= 4
    for kind in kinds:
        mutation = INJECTORS[kind](code, random.Random(0), prompt, language)
        assert mutation is not None, kind
        assert mutation.code.startswith(prompt) and mutation.code != code
        assert parse_errors(mutation.code, language) == 0
    assert INJECTORS["shell_true"](code, random.Random(0), prompt, language) is None


def test_removed_exception_handling_never_chooses_a_swallowing_handler() -> None:
    """`except Exception: pass` is swallowed_exception's rejected side; removing it must not
    make a pair that prefers it, while a specific handler's removal still does."""
    swallowing = (
        "def close_quietly(handle):\n"
        '    """Close handle."""\n'
        "    try:\n"
        "        handle.close()\n"
        "    except Exception:\n"
        "        pass\n"
    )
    prompt = 'def close_quietly(handle):\n    """Close handle."""\n'
    inject = INJECTORS["removed_exception_handling"].__wrapped__
    assert inject(swallowing, random.Random(0), prompt) is None
    specific = swallowing.replace("except Exception:", "except OSError:")
    assert inject(specific, random.Random(0), prompt) is not None
