"""The pairs stage: preference pairs for every data split, written to `pairs/`.

Pairs of a split are built only from that split's functions, so the data stage's file-grouped
split carries over and no function feeds both training and held-out pairs.
"""

from __future__ import annotations

import random
from typing import Any

from codetune.errors import UserError
from codetune.io import read_jsonl, write_json, write_jsonl
from codetune.prefs.synthetic import build_pairs

SPLITS = ("train", "val", "test")


def run_pairs(cfg: Any, run: Any) -> dict[str, Any]:
    out_dir = run.pairs_dir
    stats: dict[str, Any] = {}
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
        pairs, split_stats = build_pairs(rows, cfg.pairs, seed=cfg.seed + i)
        write_jsonl(out_dir / f"{split}.jsonl", pairs)
        stats[split] = split_stats
    if not stats["train"].get("pairs", 0) and not read_jsonl(out_dir / "train.jsonl"):
        raise UserError(f"{out_dir}: no training pairs could be built from the data")
    write_json(out_dir / "stats.json", stats)
    return {split: s.get("pairs", s.get("total")) for split, s in stats.items()}
