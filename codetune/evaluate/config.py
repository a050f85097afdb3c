"""Config of the evaluation stage (`codetune eval`)."""

from __future__ import annotations

from pydantic import Field

from codetune.schema import Section


class EvalConfig(Section):
    """What the eval stage measures, on the test split, for the base and the tuned model."""

    max_loss_samples: int | None = Field(
        200, ge=1, description="Test samples used for held-out loss (None: all)."
    )
    max_pref_pairs: int | None = Field(
        200, ge=1, description="Held-out preference pairs scored (None: all)."
    )
    pair_max_length: int = Field(
        512,
        ge=16,
        description="Token limit when scoring preference pairs; pairs longer than this are "
        "left out (not truncated, which could cut away the defect).",
    )
    num_generations: int = Field(
        32, ge=0, description="Test prompts to generate from (greedy) for the syntax-valid rate."
    )
    max_new_tokens: int = Field(128, ge=1, description="Token budget per generation.")
    batch_size: int = Field(8, ge=1, description="Batch size for scoring and generation.")
