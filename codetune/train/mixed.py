"""The mixed stage: SFT and preference training together, after DPO, to keep what SFT taught.

DPO alone can lower the likelihood of the team's own code while it widens the margin between
chosen and rejected (likelihood displacement); the mixed stage trains a fresh adapter on top of
the SFT + DPO model with a loss that is, on every batch,

    preference loss (DPO, Bradley-Terry)  +  sft_ratio x NLL of the chosen completion

Why this form and not interleaved SFT and DPO batches: the chosen side of every pair is a clean
function from the team's repositories, so the NLL term is supervised fine-tuning on the same
distribution as the SFT data; one forward pass over each pair serves both objectives (no second
data loader, no custom sampler); TRL's DPOTrainer supports it as a weighted loss list
(["sigmoid", "sft"]), so training, checkpointing and resume are TRL's own; and the mixing ratio
is one number, `mixed.sft_ratio` (1.0 = the two objectives weighted 1:1).
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from codetune.errors import UserError
from codetune.train.config import DPOConfig

log = logging.getLogger("codetune")


class MixedConfig(DPOConfig):
    """Preference loss plus an SFT (NLL on chosen) term, on top of the DPO model."""

    sft_ratio: float = Field(
        1.0,
        gt=0,
        description="Weight of the SFT term (NLL of the chosen completion) relative to the "
        "preference term: 1.0 trains on SFT and preference signal 1:1, 0.5 is 1:2.",
    )
    rpo_alpha: float | None = Field(
        None, description="Unused by the mixed stage: its SFT weight is `sft_ratio`."
    )


def load_dpo_model(cfg: Any, run: Any):
    """(model, tokenizer, base path, stages merged): base + SFT + DPO adapters merged."""
    from codetune.models import load_adapter_merged
    from codetune.train.dpo import load_sft_model

    model, tokenizer, base_path = load_sft_model(cfg, run)
    merged = ["sft"]
    adapter = run.adapter_dir("dpo")
    if (adapter / "adapter_config.json").is_file():
        model = load_adapter_merged(model, adapter)
        merged.append("dpo")
    elif "dpo" in cfg.stages:
        raise UserError(f"{adapter}: no DPO adapter; run the dpo stage first (codetune dpo CONFIG)")
    return model, tokenizer, base_path, merged


def run_mixed(cfg: Any, run: Any, *, resume: bool = False) -> dict[str, Any]:
    """Train the mixed adapter into <run>/mixed/adapter; return metrics."""
    from codetune.train.dpo import train_preference_adapter

    model, tokenizer, base_path, merged = load_dpo_model(cfg, run)
    section = cfg.mixed.model_copy(update={"rpo_alpha": cfg.mixed.sft_ratio})
    start = " + ".join(["base", *merged])
    metrics = train_preference_adapter(
        cfg,
        run,
        stage="mixed",
        section=section,
        model=model,
        tokenizer=tokenizer,
        base_path=base_path,
        reference=f"{start} (merged) with the mixed adapter disabled",
        resume=resume,
    )
    return {**metrics, "sft_ratio": cfg.mixed.sft_ratio, "starts_from": merged}
