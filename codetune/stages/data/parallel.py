"""The `translate` format: functions a team has in two languages (say a Java code base and its
Go port, `data.parallel`), paired by name, as translation samples for SFT.

Functions are extracted from both folders as the data stage extracts any source (tests left
out) and matched by name, case and underscores ignored (`computeTotal` <-> `ComputeTotal`,
`compute_total`). A name found more than once on either side (Java overloads, the same name in
two packages) is ambiguous and left out rather than guessed. Sample: the prompt is the
translation harness's base prompt (`lib/translation.py`: the source function as a comment block,
then the target's doc comment and signature), the completion the rest of the target function,
so SFT teaches exactly what the Java -> Go eval asks. Samples are split by the target file,
with the data stage's split fractions.

Writes data/translate/<split>.jsonl; returns the counts for stats.json.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from typing import Any

from codetune.core.config.data import DataConfig, ParallelCode
from codetune.core.errors import UserError
from codetune.core.io import write_jsonl
from codetune.lib.translation import base_translation_prompt
from codetune.stages.data.extract import EXTENSIONS, Function, extract_file
from codetune.stages.data.sources import is_test_path, read_source_file
from codetune.stages.data.split import SPLITS


def _key(name: str) -> str:
    return name.replace("_", "").lower()


def _functions(root: str, language: str, field: str) -> dict[str, list[tuple[str, Function]]]:
    """name key -> [(relative path, function)] of every non-test function under `root`."""
    if not os.path.isdir(root):
        raise UserError(f"{field}: {root!r} is not a folder")
    found: dict[str, list[tuple[str, Function]]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if EXTENSIONS.get(Path(name).suffix) != language:
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if is_test_path(rel):
                continue
            text, _ = read_source_file(path, language)
            if text is None:
                continue
            for fn in extract_file(text, language, rel).functions:
                if not fn.has_error:
                    found.setdefault(_key(fn.name), []).append((rel, fn))
    return found


def target_start(code: str) -> str | None:
    """The target function up to and with the line that opens its body (doc comment and
    signature): what the prompt shows; None when no line opens a body."""
    lines = code.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip().endswith("{") and not line.lstrip().startswith("//"):
            return "".join(lines[: i + 1])
    return None


def _split(group: str, fractions: list[float], seed: int) -> str:
    digest = hashlib.sha256(f"{seed}\0parallel\0{group}".encode()).digest()
    point, edge = int.from_bytes(digest[:8], "big") / 2**64, 0.0
    for split, fraction in zip(SPLITS, fractions, strict=True):
        edge += fraction
        if point < edge:
            return split
    return SPLITS[-1]


def write_parallel(cfg: DataConfig, out_dir: Path, seed: int) -> dict[str, Any]:
    samples: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    counts: Counter[str] = Counter()
    for k, pair in enumerate(cfg.parallel):
        field = f"data.parallel[{k}]"
        sources = _functions(pair.source, pair.source_language, f"{field}.source")
        targets = _functions(pair.target, pair.target_language, f"{field}.target")
        counts["source_functions"] += sum(map(len, sources.values()))
        counts["target_functions"] += sum(map(len, targets.values()))
        for key in sorted(sources.keys() & targets.keys()):
            if len(sources[key]) > 1 or len(targets[key]) > 1:
                counts["ambiguous_names"] += 1
                continue
            (source_path, source), (target_path, target) = sources[key][0], targets[key][0]
            start = target_start(target.code)
            if start is None:
                counts["no_body_start"] += 1
                continue
            split = _split(f"{k}:{target_path}", cfg.split, seed)
            samples[split].append(_sample(pair, source, source_path, target, target_path, start))
            counts["matched"] += 1
    for split, rows in samples.items():
        write_jsonl(out_dir / "translate" / f"{split}.jsonl", rows)
    return {**counts, "samples": {s: len(v) for s, v in samples.items()}}


def _sample(
    pair: ParallelCode,
    source: Function,
    source_path: str,
    target: Function,
    target_path: str,
    start: str,
) -> dict[str, Any]:
    return {
        "id": f"{target_path}:{target.start_line}:{target.name}::translate",
        "language": pair.target_language,
        "source_language": pair.source_language,
        "path": target_path,
        "source_path": source_path,
        "name": target.name,
        "source_name": source.name,
        "source_code": source.code,
        "imports": source.imports,
        "target_start": start,
        "prompt": base_translation_prompt(
            source.code, start, pair.source_language, pair.target_language
        ),
        "completion": target.code[len(start) :],
    }
