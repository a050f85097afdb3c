"""Train/val/test split grouped by file: every function of a file lands in the same split.

Files are ordered by a hash of (seed, file) and dealt to train, then val, then test until each
holds its share of the functions. The split of a function is a function of its file alone
given the ordering, so two splits can never share a file (no leakage by construction), and the
same seed always gives the same split.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

SPLITS = ("train", "val", "test")


def _rank(seed: int, group: str) -> bytes:
    return hashlib.sha256(f"{seed}\0{group}".encode()).digest()


def assign_splits(groups: Sequence[str], fractions: Sequence[float], seed: int) -> dict[str, str]:
    """Map each distinct group (file) to 'train' / 'val' / 'test'.

    `groups` holds one entry per function, so the shares are shares of functions.
    """
    sizes = Counter(groups)
    total = sum(sizes.values())
    order = sorted(sizes, key=lambda g: _rank(seed, g))
    bounds = [fractions[0] * total, (fractions[0] + fractions[1]) * total]
    out: dict[str, str] = {}
    filled = 0
    for group in order:
        # A file goes where the middle of its functions falls, so shares stay close to target.
        middle = filled + sizes[group] / 2
        if middle < bounds[0]:
            out[group] = "train"
        elif middle < bounds[1]:
            out[group] = "val"
        else:
            out[group] = "test"
        filled += sizes[group]
    # With few files a zero share may have been skipped over; never leave a wanted split empty
    # when there are enough files to fill it.
    present = set(out.values())
    for split, fraction in zip(SPLITS, fractions, strict=True):
        if fraction > 0 and split not in present and len(order) >= len(SPLITS):
            donors = [g for g in reversed(order) if list(out.values()).count(out[g]) > 1]
            if donors:
                out[donors[0]] = split
                present = set(out.values())
    return out
