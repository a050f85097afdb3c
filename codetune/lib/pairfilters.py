"""Filters and statistics over preference pairs: identical and near-identical pairs, caps and
balance across kinds.

Distances are counted in code tokens (identifiers, numbers, punctuation, whitespace runs), so a
flipped `<` is one token and a re-indented block a few, whatever the model's tokenizer.
"""

from __future__ import annotations

import difflib
import random
import re
import statistics
from collections import Counter, defaultdict
from typing import Any

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

# Above this many cells the exact edit distance is replaced by difflib's opcodes (an upper bound).
_MAX_DP_CELLS = 250_000


def code_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def token_edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between the code tokens of `a` and `b`."""
    x, y = code_tokens(a), code_tokens(b)
    start = 0
    while start < min(len(x), len(y)) and x[start] == y[start]:
        start += 1
    end = 0
    while end < min(len(x), len(y)) - start and x[-1 - end] == y[-1 - end]:
        end += 1
    x, y = x[start : len(x) - end], y[start : len(y) - end]
    if not x or not y:
        return max(len(x), len(y))
    if len(x) * len(y) > _MAX_DP_CELLS:
        matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
        return sum(
            max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
        )
    previous = list(range(len(y) + 1))
    for i, tx in enumerate(x, 1):
        current = [i]
        for j, ty in enumerate(y, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (tx != ty)))
        previous = current
    return previous[-1]


def is_identical(pair: dict[str, Any]) -> bool:
    """Chosen and rejected are the same text (trailing whitespace aside)."""
    return pair["chosen"].rstrip() == pair["rejected"].rstrip()


def mark_near_identical(
    pairs: list[dict[str, Any]], min_token_distance: int, drop: bool
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Annotate each pair with `token_distance`; report (and optionally drop) those below
    `min_token_distance`. Returns (kept pairs, report)."""
    kept, near = [], Counter()
    distances: dict[str, list[int]] = defaultdict(list)
    for pair in pairs:
        if "token_distance" not in pair:
            pair["token_distance"] = token_edit_distance(pair["chosen"], pair["rejected"])
        distances[pair["kind"]].append(pair["token_distance"])
        if pair["token_distance"] < min_token_distance:
            near[pair["kind"]] += 1
            if drop:
                continue
        kept.append(pair)
    report = {
        "min_token_distance": min_token_distance,
        "near_identical": dict(sorted(near.items())),
        "near_identical_total": sum(near.values()),
        "near_identical_dropped": sum(near.values()) if drop else 0,
        "token_distance": {
            kind: {
                "mean": round(statistics.fmean(values), 2),
                "median": statistics.median(values),
                "min": min(values),
                "max": max(values),
            }
            for kind, values in sorted(distances.items())
        },
    }
    return kept, report


def cap_per_kind(
    pairs: list[dict[str, Any]], max_per_kind: int | None, rng: random.Random
) -> list[dict[str, Any]]:
    """At most `max_per_kind` pairs of each kind (a random subset; order otherwise kept)."""
    if max_per_kind is None:
        return pairs
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        by_kind[pair["kind"]].append(i)
    keep: set[int] = set()
    for indices in by_kind.values():
        keep.update(rng.sample(indices, min(len(indices), max_per_kind)))
    return [p for i, p in enumerate(pairs) if i in keep]


def cap_total(
    pairs: list[dict[str, Any]], max_pairs: int | None, rng: random.Random
) -> list[dict[str, Any]]:
    """At most `max_pairs`, taken round-robin across kinds so small kinds keep all they have."""
    if max_pairs is None or len(pairs) <= max_pairs:
        return pairs
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        by_kind[pair["kind"]].append(i)
    queues = {k: rng.sample(v, len(v)) for k, v in sorted(by_kind.items())}
    keep: set[int] = set()
    while len(keep) < max_pairs:
        for queue in queues.values():
            if queue and len(keep) < max_pairs:
                keep.add(queue.pop())
    return [p for i, p in enumerate(pairs) if i in keep]
