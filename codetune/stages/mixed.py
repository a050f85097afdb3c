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

from codetune.core.config import PipelineConfig
from codetune.core.errors import UserError
from codetune.core.runs import Run
from codetune.stages.base import StageContext

log = logging.getLogger("codetune")


def load_dpo_model(cfg: PipelineConfig, run: Run):
    """(model, tokenizer, base path, stages merged): base + SFT + DPO weights, DPO when the
    run has them (mixed may follow SFT directly)."""
    from codetune.lib.chain import load_chain

    if not run.has_weights("dpo") and "dpo" in cfg.stages:
        raise UserError(
            f"{run.adapter_dir('dpo')}: no DPO adapter; run the dpo stage first "
            "(codetune dpo CONFIG)"
        )
    chain = run.model_chain("dpo") if run.has_weights("dpo") else run.model_chain("sft")
    model, tokenizer, base_path = load_chain(cfg, run, chain)
    return model, tokenizer, base_path, chain


def run_mixed(cfg: PipelineConfig, run: Run, *, resume: bool = False) -> dict[str, Any]:
    """Train the mixed adapter into <run>/mixed/adapter; return metrics."""
    from codetune.lib.preference import train_preference_adapter

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


def run(ctx: StageContext) -> dict[str, Any]:
    return run_mixed(ctx.cfg, ctx.run, resume=ctx.resume)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    from codetune.lib.preference import preference_summary

    return preference_summary(metrics)
