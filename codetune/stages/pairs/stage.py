"""The pairs stage: preference pairs for every data split, written to `pairs/`.

Synthetic pairs of a split are built only from that split's functions, so the data stage's
file-grouped split carries over and no function feeds both training and held-out pairs.
With `pairs.onpolicy` set, on-policy pairs sampled from the SFT model and judged by unit tests
in the sandbox are added, split by problem (no task in two splits); their samples and verdicts
go to `pairs/onpolicy_samples.jsonl`. With `pairs.repo_tests` set, the SFT model's bodies for
train/val functions judged by the repository's own tests are added in those functions' splits
(`pairs/repo_test_samples.jsonl`); with `pairs.translation`, its Java -> Go translations of
HumanEval-X judged by the Go tests (`pairs/translation_samples.jsonl`). With `pairs.migration`,
deprecated-API migration pairs from the data stage's `migrate` samples, in their splits. With
`pairs.testgen`, the SFT model's test files for train/val functions, judged on the real function
and its mutants (`pairs/testgen_samples.jsonl`).
Held-out splits are topped up, kind by kind, from the functions `max_functions` left out, so
rare kinds reach `min_heldout_pairs_per_kind` where the data has them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import random
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from codetune.core.errors import UserError
from codetune.core.io import read_jsonl, write_json, write_jsonl
from codetune.core.runs import DATA_CONVENTIONS
from codetune.core.runtime import usable_cores
from codetune.stages.base import StageContext
from codetune.stages.pairs import conventions
from codetune.stages.pairs.migration import migration_pairs
from codetune.stages.pairs.synthetic import CHUNK_FUNCTIONS, build_pairs, pair_counts

log = logging.getLogger("codetune")

SPLITS = ("train", "val", "test")


def run_pairs(cfg: Any, run: Any) -> dict[str, Any]:
    out_dir = run.pairs_dir
    onpolicy = cfg.pairs.onpolicy
    if onpolicy is not None:
        # Checked first: sampling needs the SFT model, and failing after the synthetic pairs
        # were built would waste that work.
        run.require_done("sft", "pairs (pairs.onpolicy samples the SFT model)")
    for name in ("repo_tests", "translation", "migration_onpolicy", "testgen"):
        if getattr(cfg.pairs, name) is not None:
            run.require_done("sft", f"pairs (pairs.{name} samples the SFT model)")
    stats: dict[str, Any] = {}
    split_pairs: dict[str, list[dict[str, Any]]] = {}
    split_rows, unused_rows = {}, {}
    for i, split in enumerate(SPLITS):
        split_rows[split], unused_rows[split] = _split_rows(cfg, run, i, split)
    profile = _naming_profile(cfg, run)
    with _workers(cfg.pairs.workers, sum(map(len, split_rows.values()))) as executor:
        for i, split in enumerate(SPLITS):
            split_pairs[split], stats[split] = build_pairs(
                split_rows[split],
                cfg.pairs,
                cfg.seed + i,
                executor,
                desc=f"pairs {split}",
                profile=profile,
            )
            if split != "train" and cfg.pairs.min_heldout_pairs_per_kind:
                _top_up_rare_kinds(
                    split_pairs[split], stats[split], unused_rows[split], cfg, cfg.seed + i
                )

    if cfg.pairs.migration is not None:
        extra, stats["migration"] = migration_pairs(run.data_dir, cfg.pairs.migration, cfg.seed)
        for split in SPLITS:
            split_pairs[split].extend(extra[split])
            stats[split]["migration_pairs"] = len(extra[split])
            stats[split]["pairs"] = stats[split].get("pairs", 0) + len(extra[split])

    # Pairs sampled from the SFT model and judged in the sandbox: (config, builder, the
    # samples' file, the per-split count's name). The merged SFT model is loaded once for all.
    sampled = (
        ("onpolicy", _onpolicy_pairs, "onpolicy_samples.jsonl", "onpolicy_pairs"),
        ("repo_tests", _repo_test_pairs, "repo_test_samples.jsonl", "repo_test_pairs"),
        ("translation", _translation_pairs, "translation_samples.jsonl", "translation_pairs"),
        (
            "migration_onpolicy",
            _migration_onpolicy_pairs,
            "migration_samples.jsonl",
            "migration_onpolicy_pairs",
        ),
        ("testgen", _testgen_pairs, "testgen_samples.jsonl", "testgen_pairs"),
    )
    sft_model = None
    for name, build, samples_file, count in sampled:
        if getattr(cfg.pairs, name) is None:
            continue
        if sft_model is None:
            from codetune.lib.preference import load_sft_model

            sft_model = load_sft_model(cfg, run)[:2]
        extra, samples, stats[name] = build(cfg, run, *sft_model)
        log.info(
            "pairs.%s: %d pairs from %d samples (pass rate %.2f)",
            name,
            stats[name]["pairs"],
            stats[name]["samples"],
            stats[name]["sample_pass_rate"],
        )
        write_jsonl(out_dir / samples_file, samples)
        for split in SPLITS:
            split_pairs[split].extend(extra[split])
            stats[split][count] = len(extra[split])
            stats[split]["pairs"] = stats[split].get("pairs", 0) + len(extra[split])

    for split in SPLITS:
        write_jsonl(out_dir / f"{split}.jsonl", split_pairs[split])
    if not split_pairs["train"]:
        raise UserError(f"{out_dir}: no training pairs could be built from the data")
    write_json(out_dir / "stats.json", stats)
    metrics: dict[str, Any] = {split: stats[split].get("pairs") for split in SPLITS}
    if onpolicy is not None:
        metrics["onpolicy_pairs"] = stats["onpolicy"]["pairs"]
        metrics["onpolicy_sample_pass_rate"] = stats["onpolicy"]["sample_pass_rate"]
    for name, prefix in (
        ("repo_tests", "repo_test"),
        ("translation", "translation"),
        ("migration_onpolicy", "migration_onpolicy"),
        ("testgen", "testgen"),
    ):
        if getattr(cfg.pairs, name) is not None:
            metrics[f"{prefix}_pairs"] = stats[name]["pairs"]
            metrics[f"{prefix}_sample_pass_rate"] = stats[name]["sample_pass_rate"]
    return metrics


# The on-policy builders: (split -> pairs, judged samples, stats) from the merged SFT model.


def _translation_pairs(cfg: Any, run: Any, model, tokenizer):
    from codetune.stages.pairs.translation import build_translation_pairs

    return build_translation_pairs(
        model,
        tokenizer,
        cfg.pairs.translation,
        seed=cfg.seed,
        prompt_format=cfg.model.prompt_format,
    )


def _migration_onpolicy_pairs(cfg: Any, run: Any, model, tokenizer):
    from codetune.stages.pairs.migration import build_onpolicy_migration_pairs

    return build_onpolicy_migration_pairs(
        model, tokenizer, run.data_dir, cfg.pairs.migration_onpolicy, seed=cfg.seed
    )


def _repo_test_pairs(cfg: Any, run: Any, model, tokenizer):
    from codetune.stages.pairs.repo_onpolicy import build_repo_test_pairs

    return build_repo_test_pairs(
        model,
        tokenizer,
        run.root,
        cfg.pairs.repo_tests,
        seed=cfg.seed,
        max_tests=cfg.data.max_tests_per_function,
        prompt_format=cfg.model.prompt_format,
    )


def _testgen_pairs(cfg: Any, run: Any, model, tokenizer):
    from codetune.stages.pairs.testgen import build_testgen_pairs

    return build_testgen_pairs(
        model,
        tokenizer,
        run.root,
        cfg.pairs.testgen,
        seed=cfg.seed,
        max_tests=cfg.data.max_tests_per_function,
    )


def _onpolicy_pairs(cfg: Any, run: Any, model, tokenizer):
    from codetune.lib.sandbox.humaneval import load_problems
    from codetune.stages.pairs.onpolicy import build_onpolicy_pairs

    return build_onpolicy_pairs(
        model,
        tokenizer,
        load_problems(cfg.pairs.onpolicy.problems),
        cfg.pairs.onpolicy,
        seed=cfg.seed,
        split_fractions=list(cfg.data.split),
        prompt_format=cfg.model.prompt_format,
    )


def _naming_profile(cfg: Any, run: Any) -> dict[str, Any] | None:
    """The data stage's naming profile when convention pairs are asked for."""
    if conventions.KIND not in (cfg.pairs.kinds or []):
        return None
    path = run.root / DATA_CONVENTIONS
    if not path.is_file():
        raise UserError(
            f"{path}: not found; pairs.kinds '{conventions.KIND}' needs the data stage's "
            "naming profile (rerun the data stage)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def _split_rows(
    cfg: Any, run: Any, index: int, split: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The completion rows of `split` that pairs are built from (`max_functions`: a sample),
    and the rows the sample left out (in file order)."""
    path = run.data_dir / "completion" / f"{split}.jsonl"
    if not path.is_file():
        raise UserError(
            f"{path}: not found; the pairs stage needs the data stage's completion format "
            "(add 'completion' to data.formats)"
        )
    rows = read_jsonl(path)
    if not cfg.pairs.max_functions or len(rows) <= cfg.pairs.max_functions:
        return rows, []
    picked = random.Random(cfg.seed + index).sample(range(len(rows)), cfg.pairs.max_functions)
    chosen = set(picked)
    return [rows[i] for i in picked], [r for i, r in enumerate(rows) if i not in chosen]


def _top_up_rare_kinds(
    pairs: list[dict[str, Any]],
    stats: dict[str, Any],
    unused_rows: list[dict[str, Any]],
    cfg: Any,
    seed: int,
) -> None:
    """Add pairs of the kinds below `pairs.min_heldout_pairs_per_kind` from the functions the
    `max_functions` sample left out, each such kind alone, up to `max_pairs_per_kind`; `pairs`
    and `stats` are updated. Not just up to the minimum: the eval leaves out pairs longer than
    its `max_length`, and takes pairs round-robin across kinds, so a rare kind's extra pairs
    cost the other kinds nothing."""
    short = [k for k, n in stats["by_kind"].items() if n < cfg.pairs.min_heldout_pairs_per_kind]
    if not short or not unused_rows:
        return
    used_functions = {p.get("function_id") for p in pairs}
    rows = [r for r in unused_rows if str(r.get("id")) not in used_functions]
    update = {"kinds": short, "max_pairs": None, "max_pairs_per_kind": None, "balance": True}
    extra, _ = build_pairs(rows, cfg.pairs.model_copy(update=update), seed)
    ceiling = cfg.pairs.max_pairs_per_kind or len(extra)
    have = Counter(p["kind"] for p in pairs)
    added: Counter[str] = Counter()
    for pair in extra:
        if have[pair["kind"]] < ceiling:
            pairs.append(pair)
            have[pair["kind"]] += 1
            added[pair["kind"]] += 1
    stats["topped_up"] = dict(sorted(added.items()))
    # Total, kind, group and language counts all follow from the pairs: recounted as one.
    stats.update(pair_counts(pairs, list(stats["by_kind"])))


@contextlib.contextmanager
def _workers(requested: int | None, functions: int) -> Iterator[Executor | None]:
    """Worker processes for building pairs, or None where one process is enough. Spawned, not
    forked: the pipeline's process already holds torch's thread pools, which a fork can
    deadlock."""
    count = requested or min(usable_cores(), 8)
    count = min(count, -(-functions // CHUNK_FUNCTIONS))
    if count < 2:
        yield None
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(count, mp_context=context) as executor:
        yield executor


def run(ctx: StageContext) -> dict[str, Any]:
    return run_pairs(ctx.cfg, ctx.run)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return metrics
