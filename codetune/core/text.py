"""Small pieces of wording shared by the command lines and stage summaries."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """`n` with thousands separators and `noun`, plural unless n is 1: "1 file", "2,048 files"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
