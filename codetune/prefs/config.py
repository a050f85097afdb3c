"""Config of the preference-pair stage (`codetune pairs`)."""

from __future__ import annotations

from pydantic import Field

from codetune.schema import Section


class PairsConfig(Section):
    """How chosen/rejected pairs are built from the data stage's functions."""

    kinds: list[str] | None = Field(
        None, description="Defect kinds to inject (None: every registered kind)."
    )
    pairs_per_function: int = Field(1, ge=1, description="Pairs built from each function.")
    max_pairs: int | None = Field(None, ge=1, description="Cap on pairs per split.")
