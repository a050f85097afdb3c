"""Differential testing of Java -> Go translations (codetune/lib/sandbox/differential.py): on
HumanEval-X's own canonical solutions, the Go agrees with the Java on the inputs both are
meant for, and a broken translation is caught without any test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.sandbox import launcher
from codetune.lib.sandbox.differential import (
    differential_tests,
    generate_inputs,
    java_method,
    same,
)
from codetune.lib.sandbox.humaneval_x import entry_point, java_go_pairs

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "humaneval-x"
needs_toolchains = pytest.mark.skipif(
    launcher.toolchain("go")[0] is None or launcher.toolchain("java")[0] is None,
    reason="needs Go and a JDK",
)


def _items(first: int, n: int) -> list[tuple[tuple[str, str, str, str], str]]:
    out = []
    for java, go in java_go_pairs(DATA)[first : first + n]:
        go_name = entry_point(go)
        java_code = java["prompt"] + java["canonical_solution"]
        go_code = go["prompt"] + go["canonical_solution"]
        out.append(((java_code, go_name[0].lower() + go_name[1:], go_code, go_name), go_code))
    return out


@needs_toolchains
@pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} not present")
def test_canonical_translations_agree_and_broken_ones_are_caught() -> None:
    items = _items(0, 8)
    references = [ref for _, ref in items]
    good = [item for item, _ in items]
    # A typical translation slip: a comparison turned around.
    broken = [(j, jn, g.replace(" < ", " >= ", 1), gn) for j, jn, g, gn in good]
    changed = [b[2] != g[2] for b, g in zip(broken, good, strict=True)]
    verdicts = differential_tests(
        good + broken, SandboxLimits(timeout_s=60), references=references * 2
    )
    right, wrong = verdicts[: len(good)], verdicts[len(good) :]
    judged = [v for v in right if v.status not in ("unsupported", "no_valid_inputs")]
    assert len(judged) >= 6 and all(v.status == "agree" for v in judged), [
        (v.status, v.mismatches) for v in right
    ]
    caught = [
        v.status in ("differ", "build_failed") for v, c in zip(wrong, changed, strict=True) if c
    ]
    assert sum(caught) >= 0.7 * len(caught)
    assert all(v.inputs >= 3 for v in judged)


def test_inputs_start_at_the_edges_and_outputs_compare_as_values() -> None:
    inputs = generate_inputs(["int", "String", "List<Integer>"], 6, seed=1)
    assert inputs[0] == [0, "", []] and inputs[1][0] == 1 and inputs[2][0] == -1
    assert generate_inputs(["int"], 6, seed=1) == generate_inputs(["int"], 6, seed=1)
    assert same(1.0, 1) and same([1.0000001], [1]) and not same(1.1, 1)
    assert same(None, []) and same({}, None)  # a Go nil slice is an empty list
    assert not same(True, 1) and not same("CODETUNE_ERROR", 0)
    method = java_method("static int add(int a, List<Integer> b) { return a; }", "add")
    assert method is not None and method.static and method.param_types == ["int", "List<Integer>"]


@needs_toolchains
def test_a_method_the_harness_cannot_feed_is_unsupported() -> None:
    java = "Object first(Object[] xs) { return xs[0]; }"
    go = "func First(xs []interface{}) interface{} { return xs[0] }"
    (verdict,) = differential_tests([(java, "first", go, "First")], SandboxLimits())
    assert verdict.status == "unsupported"
