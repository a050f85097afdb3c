"""build_pairs: pairs share the row's prompt, rejected differs from chosen and parses, kinds are
balanced, filters and caps do what stats.json says, and results are reproducible."""

from __future__ import annotations

import random

import pytest
from test_prefs_support import stdlib_rows

from codetune.core.config.pairs import PairsConfig
from codetune.core.errors import UserError
from codetune.lib.cstedit import compiles
from codetune.lib.pairfilters import cap_total, token_edit_distance
from codetune.stages.pairs.defects import INJECTORS, KIND_GROUPS
from codetune.stages.pairs.synthetic import build_pairs


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    all_rows = stdlib_rows(["textwrap", "shlex", "fractions", "difflib", "configparser"])
    random.Random(0).shuffle(all_rows)
    return all_rows[:180]


@pytest.fixture(scope="module")
def built(rows: list[dict]) -> tuple[list[dict], dict]:
    return build_pairs(rows, PairsConfig(), seed=7)


def test_pairs_share_the_prompt_and_differ_only_after_it(rows, built) -> None:
    pairs, _ = built
    by_id = {r["id"]: r for r in rows}
    assert len(pairs) >= 150
    for pair in pairs:
        row = by_id[pair["function_id"]]
        assert pair["prompt"] == row["prompt"]
        assert pair["source"] == "synthetic" and pair["language"] == "python"
        assert pair["group"] == KIND_GROUPS[pair["kind"]]
        assert pair["chosen"] != pair["rejected"]
        assert compiles(pair["prompt"] + pair["chosen"])
        assert compiles(pair["prompt"] + pair["rejected"])
        if pair["augmentation"] is None and not pair["detail"].startswith("carrier"):
            assert pair["chosen"] == row["completion"]


def test_kinds_are_balanced_and_stats_add_up(built) -> None:
    pairs, stats = built
    counts = stats["by_kind"]
    assert set(counts) == set(INJECTORS)
    assert sum(counts.values()) == stats["pairs"] == len(pairs)
    common = [n for kind, n in counts.items() if kind != "out_of_bounds"]  # rarely applicable
    assert min(common) >= 0.7 * max(common), counts
    assert sum(stats["by_group"].values()) == len(pairs)
    assert stats["functions_with_pairs"] <= stats["functions"]


def test_same_seed_same_pairs_and_row_order_does_not_matter(rows, built) -> None:
    pairs, _ = built
    first = build_pairs(rows[:40], PairsConfig(), seed=7)
    assert build_pairs(rows[:40], PairsConfig(), seed=7) == first
    assert pairs[0]["id"] == first[0][0]["id"]
    cfg = PairsConfig(balance=False)
    forward = {p["id"]: p for p in build_pairs(rows[:40], cfg, seed=3)[0]}
    backward = {p["id"]: p for p in build_pairs(rows[:40][::-1], cfg, seed=3)[0]}
    assert forward == backward


def test_worker_processes_build_the_same_pairs(rows, built) -> None:
    """180 functions are three chunks; two spawned workers give exactly the pairs and stats
    of one process, so a run's pairs do not depend on the machine's core count."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context) as executor:
        parallel = build_pairs(rows, PairsConfig(), seed=7, executor=executor)
    assert parallel == built


def test_near_identical_pairs_are_reported_then_dropped_on_request(rows) -> None:
    cfg = PairsConfig(kinds=["flipped_comparison", "shell_true"], min_token_distance=3)
    pairs, stats = build_pairs(rows[:60], cfg, seed=1)
    assert stats["near_identical"].get("flipped_comparison", 0) > 0
    assert "shell_true" not in stats["near_identical"]
    dropped, stats_dropped = build_pairs(
        rows[:60], cfg.model_copy(update={"drop_near_identical": True}), seed=1
    )
    assert all(p["token_distance"] >= 3 for p in dropped)
    assert len(dropped) == len(pairs) - stats_dropped["near_identical_dropped"]


def test_caps_and_pairs_per_function(rows) -> None:
    cfg = PairsConfig(pairs_per_function=3, max_pairs_per_kind=5, max_pairs=30, augment_prob=0)
    pairs, stats = build_pairs(rows[:60], cfg, seed=2)
    assert len(pairs) == 30 == stats["pairs"]
    per_kind = {k: sum(p["kind"] == k for p in pairs) for k in INJECTORS}
    assert max(per_kind.values()) <= 5
    per_function: dict[str, int] = {}
    for p in pairs:
        per_function[p["function_id"]] = per_function.get(p["function_id"], 0) + 1
    assert max(per_function.values()) <= 3


def test_augmentation_is_applied_to_both_sides(rows) -> None:
    cfg = PairsConfig(augment_prob=1.0, augment_rewrites=["rename_locals"], kinds=["off_by_one"])
    pairs, stats = build_pairs(rows[:60], cfg, seed=4)
    renamed = [p for p in pairs if p["augmentation"] == "rename_locals"]
    assert renamed and stats["augmented"]["rename_locals"] == len(renamed)
    for pair in renamed:
        assert token_edit_distance(pair["chosen"], pair["rejected"]) <= 4  # only the defect


def test_unknown_kind_is_a_user_error_naming_the_field() -> None:
    with pytest.raises(UserError, match=r"pairs\.kinds"):
        build_pairs([], PairsConfig(kinds=["no_such_kind"]), seed=0)


def test_rows_without_completion_are_skipped() -> None:
    rows = [{"id": "a", "prompt": "def f():\n", "completion": ""}, {"id": "b"}]
    pairs, stats = build_pairs(rows, PairsConfig(), seed=0)
    assert pairs == [] and stats["functions_skipped"] == 2


def test_token_edit_distance_counts_code_tokens() -> None:
    assert token_edit_distance("if a < b:\n", "if a > b:\n") == 1
    assert token_edit_distance("x = f(a, b)\n", "x = f(a, b)\n") == 0
    assert token_edit_distance("x = f(a, b)\n", "x=f(a,b)\n") == 3
    kinds = [{"kind": k} for k in ["a"] * 10 + ["b"] * 2]
    kept = cap_total(kinds, 6, random.Random(0))
    assert sum(p["kind"] == "b" for p in kept) == 2 and len(kept) == 6


def test_file_context_is_left_out_of_pairs(rows) -> None:
    """Pairs judge the function: a row's file context (data.context_tokens) is not in the
    pair's prompt, so DPO's length budget goes to the code; the pairs are otherwise the same."""
    context = "# File: textwrap.py\n# import re\n# class TextWrapper:\n"
    with_context = [
        {**r, "prompt": context + r["prompt"], "context_chars": len(context)} for r in rows[:40]
    ]
    plain, _ = build_pairs(rows[:40], PairsConfig(), seed=7)
    pairs, _ = build_pairs(with_context, PairsConfig(), seed=7)
    assert pairs == plain and pairs
    assert not any(p["prompt"].startswith("# File:") for p in pairs)
