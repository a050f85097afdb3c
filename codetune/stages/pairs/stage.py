"""The pairs stage: preference pairs for every data split, written to `pairs/`.

Synthetic pairs of a split are built only from that split's functions, so the data stage's
file-grouped split carries over and no function feeds both training and held-out pairs.
With `pairs.onpolicy` set, on-policy pairs sampled from the SFT model and judged by unit tests
in the sandbox are added, split by problem (no task in two splits); their samples and verdicts
go to `pairs/onpolicy_samples.jsonl`.
"""

from __future__ import annotations

import logging
import random
from typing import Any

from codetune.core.errors import UserError
from codetune.core.io import read_jsonl, write_json, write_jsonl
from codetune.stages.base import StageContext
from codetune.stages.pairs.synthetic import build_pairs

log = logging.getLogger("codetune")

SPLITS = ("train", "val", "test")


def run_pairs(cfg: Any, run: Any) -> dict[str, Any]:
    out_dir = run.pairs_dir
    onpolicy = cfg.pairs.onpolicy
    if onpolicy is not None:
        # Checked first: sampling needs the SFT model, and failing after the synthetic pairs
        # were built would waste that work.
        run.require_done("sft", "pairs (pairs.onpolicy samples the SFT model)")
    stats: dict[str, Any] = {}
    split_pairs: dict[str, list[dict[str, Any]]] = {}
    for i, split in enumerate(SPLITS):
        path = run.data_dir / "completion" / f"{split}.jsonl"
        if not path.is_file():
            raise UserError(
                f"{path}: not found; the pairs stage needs the data stage's completion format "
                "(add 'completion' to data.formats)"
            )
        rows = read_jsonl(path)
        if cfg.pairs.max_functions and len(rows) > cfg.pairs.max_functions:
            rows = random.Random(cfg.seed + i).sample(rows, cfg.pairs.max_functions)
        split_pairs[split], stats[split] = build_pairs(rows, cfg.pairs, seed=cfg.seed + i)

    if onpolicy is not None:
        extra, samples, stats["onpolicy"] = _onpolicy_pairs(cfg, run)
        write_jsonl(out_dir / "onpolicy_samples.jsonl", samples)
        for split in SPLITS:
            split_pairs[split].extend(extra[split])
            stats[split]["onpolicy_pairs"] = len(extra[split])
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
    return metrics


def _onpolicy_pairs(cfg: Any, run: Any):
    """(split -> pairs, judged samples, stats) sampled from the merged SFT model."""
    from codetune.lib.preference import load_sft_model
    from codetune.lib.sandbox.humaneval import load_problems
    from codetune.stages.pairs.onpolicy import build_onpolicy_pairs

    problems = load_problems(cfg.pairs.onpolicy.problems)
    model, tokenizer, _ = load_sft_model(cfg, run)
    extra, samples, stats = build_onpolicy_pairs(
        model,
        tokenizer,
        problems,
        cfg.pairs.onpolicy,
        seed=cfg.seed,
        split_fractions=list(cfg.data.split),
        prompt_format=cfg.model.prompt_format,
    )
    log.info(
        "on-policy pairs: %d from %d problems (%d samples, pass rate %.2f)",
        stats["pairs"],
        stats["problems"],
        stats["samples"],
        stats["sample_pass_rate"],
    )
    return extra, samples, stats


def run(ctx: StageContext) -> dict[str, Any]:
    return run_pairs(ctx.cfg, ctx.run)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return metrics
