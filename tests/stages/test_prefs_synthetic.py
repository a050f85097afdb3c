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
from codetune.stages.pairs.synthetic import body_start, build_pairs


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
        if pair["prompt"] != row["prompt"]:  # body_prompt_fallback: cut where the body starts
            assert row["prompt"].startswith(pair["prompt"])
            assert pair["prompt"] == row["prompt"][: body_start(row["prompt"] + row["completion"])]
        assert pair["source"] == "synthetic" and pair["language"] == "python"
        assert pair["group"] == KIND_GROUPS[pair["kind"]]
        assert pair["chosen"] != pair["rejected"]
        assert compiles(pair["prompt"] + pair["chosen"])
        assert compiles(pair["prompt"] + pair["rejected"])
        if pair["augmentation"] is None and not pair["detail"].startswith("carrier"):
            assert pair["prompt"] + pair["chosen"] == row["prompt"] + row["completion"]


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


def test_guards_in_the_prompt_are_reached_by_cutting_at_the_body_start(rows) -> None:
    """The data stage leaves a long function's first body lines in the prompt, where guard
    clauses sit: the fallback cuts that function's prompt where the body starts instead."""
    kinds = ["removed_none_check", "removed_exception_handling"]
    plain, plain_stats = build_pairs(rows, PairsConfig(kinds=kinds, body_prompt_fallback=False), 3)
    fell_back, stats = build_pairs(rows, PairsConfig(kinds=kinds), 3)
    assert plain_stats["body_prompt_fallback"] == {}
    assert sum(stats["body_prompt_fallback"].values()) >= 3, stats["body_prompt_fallback"]
    assert len(fell_back) > len(plain)
    by_id = {r["id"]: r for r in rows}
    moved = [p for p in fell_back if p["prompt"] != by_id[p["function_id"]]["prompt"]]
    assert len(moved) == sum(stats["body_prompt_fallback"].values())
    for pair in moved:
        row = by_id[pair["function_id"]]
        code = row["prompt"] + row["completion"]
        # The prompt is the signature (and docstring); the defect sits in the lines the
        # row's own prompt held, so the row's prompt would have had no site.
        assert pair["prompt"] == code[: body_start(code)]
        rejected_code = pair["prompt"] + pair["rejected"]
        assert not rejected_code.startswith(row["prompt"]), pair["id"]


def test_body_start_is_after_the_docstring_and_none_without_a_body_line() -> None:
    code = 'def f(x):\n    """Doc."""\n    if x is None:\n        return 0\n    return x\n'
    assert code[body_start(code) :].startswith("    if x is None:")
    decorated = "@cache\ndef g(y):\n    return y\n"
    assert decorated[body_start(decorated) :] == "    return y\n"
    assert body_start("def h(): return 1\n") is None
    assert body_start('def k():\n    """Only a docstring."""\n') is None
    assert body_start("x = 1\n") is None and body_start("def broken(:\n") is None


def test_heldout_splits_top_up_rare_kinds_from_functions_the_sample_left_out(tmp_path, rows):
    """The pairs stage samples `max_functions` per split; in val and test a kind below
    `min_heldout_pairs_per_kind` gets pairs from the other functions (that kind alone), so the
    eval's per-kind figures rest on every pair the split can give. Train is left as sampled."""
    import json

    from codetune.core.config import load_config
    from codetune.core.io import write_jsonl
    from codetune.core.runs import Run
    from codetune.stages.pairs.stage import run_pairs

    run = Run(tmp_path)
    for split in ("train", "val", "test"):
        write_jsonl(run.data_dir / "completion" / f"{split}.jsonl", rows)
    common = [f"output_dir={tmp_path}", "pairs.max_functions=40", "pairs.max_pairs_per_kind=12"]
    run_pairs(load_config(None, [*common, "pairs.min_heldout_pairs_per_kind=8"]), run)
    stats = json.loads((run.pairs_dir / "stats.json").read_text())
    test_pairs = [json.loads(line) for line in (run.pairs_dir / "test.jsonl").open()]

    assert "topped_up" not in stats["train"]
    topped = stats["test"]["topped_up"]
    assert topped, stats["test"]["by_kind"]
    by_kind = {k: sum(p["kind"] == k for p in test_pairs) for k in stats["test"]["by_kind"]}
    assert by_kind == stats["test"]["by_kind"] and len(test_pairs) == stats["test"]["pairs"]
    assert sum(stats["test"]["by_group"].values()) == len(test_pairs)
    for kind, added in topped.items():
        assert added > 0 and by_kind[kind] - added < 8, (kind, added)  # it was short
        assert by_kind[kind] <= 12  # and is filled up to max_pairs_per_kind at most
    ids = [p["id"] for p in test_pairs]
    assert len(ids) == len(set(ids))  # no function gives the same kind twice

    run_pairs(load_config(None, [*common, "pairs.min_heldout_pairs_per_kind=null"]), run)
    stats_off = json.loads((run.pairs_dir / "stats.json").read_text())
    assert "topped_up" not in stats_off["test"]
    assert stats_off["test"]["pairs"] == stats["test"]["pairs"] - sum(topped.values())
