"""The conventions profile of the kept functions (`lib/conventions.py`): conventions.json in the
data folder, a summary for stats.json and the data card; the eval judges generations by it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from codetune.core.config.data import DataConfig
from codetune.core.io import iter_jsonl, write_json
from codetune.core.runs import DATA_CONVENTIONS
from codetune.lib.conventions import infer_profile
from codetune.stages.data.split import SPLITS

# Functions read per language: a few thousand names per kind settle a style, and parsing every
# function of a large corpus again would cost the data stage a fifth of its time.
MAX_FUNCTIONS_PER_LANGUAGE = 2000


def write_conventions(cfg: DataConfig, out_dir: Path, seed: int) -> dict[str, Any]:
    """Infer the profile from a seeded sample of the kept functions; write it; return the
    summary (per language and kind: style and share)."""
    by_language: dict[str, list[tuple[bytes, tuple[str, str, str | None]]]] = defaultdict(list)
    for split in SPLITS:
        path = out_dir / "functions" / f"{split}.jsonl"
        if not path.is_file():
            continue
        for _, row in iter_jsonl(path):
            key = hashlib.sha256(f"{seed}\0{row['id']}".encode()).digest()
            by_language[row["language"]].append(
                (key, (row["language"], row["code"], row.get("class_name")))
            )
    sample = [
        function
        for rows in by_language.values()
        for _, function in sorted(rows, key=lambda r: r[0])[:MAX_FUNCTIONS_PER_LANGUAGE]
    ]
    profile = infer_profile(sample, cfg.conventions)
    write_json(out_dir / Path(DATA_CONVENTIONS).name, profile)
    return {
        language: {kind: [rule["style"], rule.get("share")] for kind, rule in data["kinds"].items()}
        for language, data in profile.items()
    }
