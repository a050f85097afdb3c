"""Train/val/test split grouped by file, and stable as the corpus grows.

Every function of a file lands in the same split, so two splits never share a file (no leakage
by construction). A file's split is decided by a hash of (seed, repository name, path) alone:
the hash is read as a number in [0, 1) and the split fractions cut that interval. So adding a
repository, or a new revision of one, never moves another file from test to train (the file
that was held out stays held out), and the same seed always gives the same split. Shares are
shares of files, close to the targets once a language has a few dozen files.

The one exception keeps small languages usable: a language with at least three files that got
no file in a wanted split gets the file whose hash lies nearest that split's interval, taken
from a split that keeps another file of the language. It depends only on that language's
files, so a repository of another language still moves nothing.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

SPLITS = ("train", "val", "test")


def split_key(group: str) -> str:
    """The part of a file's group ("<source label>:<path>") that names the file for splitting:
    the repository's name without its revision (`name@rev` -> `name`), and the path."""
    label, _, path = group.partition(":")
    return f"{label.split('@', 1)[0]}:{path}"


def _position(seed: int, group: str) -> float:
    digest = hashlib.sha256(f"{seed}\0{split_key(group)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(
    groups: Sequence[str],
    fractions: Sequence[float],
    seed: int,
    languages: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map each distinct group (file) to 'train' / 'val' / 'test' (see the module docstring).

    `groups` may repeat a file (one entry per function); `languages` maps a group to its
    language for the per-language fix-up (None: all files count as one language)."""
    bounds = [sum(fractions[: i + 1]) for i in range(len(SPLITS))]
    positions = {group: _position(seed, group) for group in dict.fromkeys(groups)}
    out = {
        group: next((s for s, b in zip(SPLITS, bounds, strict=True) if u < b), SPLITS[-1])
        for group, u in positions.items()
    }
    by_language: dict[str, list[str]] = defaultdict(list)
    for group in positions:
        by_language[(languages or {}).get(group, "")].append(group)
    for files in by_language.values():
        _fill_empty_splits(files, out, positions, fractions, bounds)
    return out


def _fill_empty_splits(
    files: list[str],
    out: dict[str, str],
    positions: Mapping[str, float],
    fractions: Sequence[float],
    bounds: Sequence[float],
) -> None:
    """Give every wanted split of one language a file, when the language has enough files."""
    if len(files) < len(SPLITS):
        return
    for index, (split, fraction) in enumerate(zip(SPLITS, fractions, strict=True)):
        if fraction <= 0 or any(out[f] == split for f in files):
            continue
        low = bounds[index - 1] if index else 0.0
        high = bounds[index]
        counts = defaultdict(int)
        for f in files:
            counts[out[f]] += 1
        donors = [f for f in files if counts[out[f]] > 1]
        if donors:
            nearest = min(
                donors, key=lambda f: (max(low - positions[f], positions[f] - high, 0.0), f)
            )
            out[nearest] = split
