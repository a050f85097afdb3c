"""Deprecated-API migration pairs from the data stage's `migrate` samples (data/migrate/).

- `migration_pairs` (pairs.migration): prompt = the instruction and the deprecated function,
  chosen = the function as the team wrote it (current APIs), rejected = the deprecated function
  handed back unchanged, the answer a model that does not know the replacement gives. Every
  split, in its data split; at most `limit` per split, a sample seeded by id.
- `build_onpolicy_migration_pairs` (pairs.migration_onpolicy): the SFT model's own migrations
  of train/val unittest methods, judged by the tools (no deprecated use left) and by the
  method's own test in the sandbox; a failing one (deprecated use left, test failing, no
  function) is rejected against a passing one or the team's method. These teach what the
  first kind cannot: a migration that drops or rewrites lines passes the tools, not the test.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from codetune.core.config.pairs import MigrationPairsConfig
from codetune.core.config.sandbox import SandboxLimits
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl
from codetune.lib.codemetrics import empty_body
from codetune.lib.deprecations import find_deprecated, migrated_function, migration_prompts
from codetune.lib.pairfilters import token_edit_distance
from codetune.lib.sandbox.repotests import run_test_methods
from codetune.stages.pairs.judged import judged_pairs, judged_rows, judged_stats, sample_each

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


def build_onpolicy_migration_pairs(
    model, tokenizer, data_dir: Path, cfg: MigrationPairsConfig, *, seed: int
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, Any]]:
    """(split -> pairs, judged samples, stats): the SFT model migrates train/val unittest
    methods `k` times; a migration passes when it defines the method, the tools find no
    deprecated use left and the method's own test passes with it in the sandbox."""
    limits = SandboxLimits(timeout_s=cfg.timeout_s, require_isolation=cfg.require_isolation)
    functions = _verified_test_methods(data_dir, cfg, tokenizer, limits, seed)
    prompts, stops, fmt = migration_prompts([f["deprecated"] for f in functions], tokenizer, "base")
    order, outputs = sample_each(
        model, tokenizer, prompts, cfg, stops=stops, seed=seed, desc="migrations"
    )
    codes = [
        migrated_function(out.text, functions[i]["name"], "python", fmt)
        for out, i in zip(outputs, order, strict=True)
    ]
    found = find_deprecated([c or "" for c in codes], [functions[i]["imports"] for i in order])
    written = [k for k, code in enumerate(codes) if code is not None]
    passed = dict(
        zip(
            written,
            run_test_methods(
                [functions[order[k]] for k in written], [codes[k] for k in written], limits
            ),
            strict=True,
        )
    )
    judged = []
    for k, (code, i) in enumerate(zip(codes, order, strict=True)):
        if code is None:
            status = "no_function"
        elif found[k]:
            status = "deprecated_left"
        else:
            status = "passed" if passed.get(k) else "failed"
        judged.append({"id": functions[i]["id"], "completion": code, "status": status})
    splits: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    dropped: Counter[str] = Counter()
    for i, function in enumerate(functions):
        mine = [(j["completion"], j["status"]) for j in judged[i * cfg.k : (i + 1) * cfg.k]]
        found_pairs, counts = judged_pairs(
            mine, function["completion"], lambda code: empty_body(code, "python")
        )
        dropped.update(counts)
        splits[function["split"]] += judged_rows(
            found_pairs,
            id_prefix=f"{function['id']}::onpolicy",
            prompt=function["prompt"],
            kind="migration",
            source="migration",
            group=function["path"],
            language="python",
            function_id=function["id"].removesuffix("::migrate"),
            split=function["split"],
        )
    stats = {
        "functions": len(functions),
        "k": cfg.k,
        **judged_stats(judged, splits, dropped),
        "prompt_format": fmt,
    }
    return splits, judged, stats


def _verified_test_methods(
    data_dir: Path, cfg: MigrationPairsConfig, tokenizer, limits: SandboxLimits, seed: int
) -> list[dict[str, Any]]:
    """Up to `max_functions` train/val migrate samples with a test that passes with the team's
    method (a seeded sample of those that fit `max_new_tokens`), each with its split."""
    pool = []
    for split in ("train", "val"):
        path = data_dir / "migrate" / f"{split}.jsonl"
        for sample in read_jsonl(path) if path.is_file() else []:
            if sample.get("test") and sample.get("language") == "python":
                pool.append({**sample, "split": split})
    pool = [
        s
        for s in pool
        if len(tokenizer(s["completion"], add_special_tokens=False)["input_ids"])
        < cfg.max_new_tokens
    ]
    pool.sort(key=lambda s: hashlib.sha256(f"{seed}\0{s['id']}".encode()).digest())
    candidates = pool[: 2 * cfg.max_functions]  # some tests need what the sandbox lacks
    ok = run_test_methods(candidates, [s["completion"] for s in candidates], limits)
    return [s for s, passed in zip(candidates, ok, strict=True) if passed][: cfg.max_functions]
