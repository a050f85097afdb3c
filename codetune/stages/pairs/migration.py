"""Deprecated-API migration pairs from the data stage's `migrate` samples (data/migrate/):
prompt = the instruction and the deprecated function, chosen = the function as the team wrote
it (current APIs), rejected = the deprecated function handed back unchanged, the answer a
model that does not know the replacement gives. Every split, in its data split; at most
`limit` per split, a sample seeded by id."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from codetune.core.errors import UserError
from codetune.core.io import read_jsonl
from codetune.lib.pairfilters import token_edit_distance

SPLITS = ("train", "val", "test")
KIND = "deprecated_api"


def migration_pairs(
    data_dir: Path, limit: int, seed: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """(split -> pairs, stats)."""
    folder = data_dir / "migrate"
    if not folder.is_dir():
        raise UserError(
            f"{folder}: not found; pairs.migration needs the data stage's migrate format "
            "(add 'migrate' to data.formats)"
        )
    splits: dict[str, list[dict[str, Any]]] = {}
    rules: Counter[str] = Counter()
    for split in SPLITS:
        path = folder / f"{split}.jsonl"
        samples = read_jsonl(path) if path.is_file() else []
        samples.sort(key=lambda s: hashlib.sha256(f"{seed}\0{s['id']}".encode()).digest())
        splits[split] = [_pair(s, split) for s in samples[:limit]]
        rules.update(r for s in samples[:limit] for r in s["rules"])
    stats = {
        "pairs": {split: len(pairs) for split, pairs in splits.items()},
        "by_rule": dict(sorted(rules.items())),
    }
    return splits, stats


def _pair(sample: dict[str, Any], split: str) -> dict[str, Any]:
    return {
        "id": f"{sample['id']}::pair",
        "prompt": sample["prompt"],
        "chosen": sample["completion"],
        "rejected": sample["deprecated"],
        "kind": KIND,
        "group": sample["path"],
        "source": "migrate",
        "language": sample["language"],
        "function_id": sample["id"].removesuffix("::migrate"),
        "detail": ", ".join(sample["rules"]),
        "split": split,
        "token_distance": token_edit_distance(sample["completion"], sample["deprecated"]),
    }
