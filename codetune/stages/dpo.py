"""The DPO stage: a preference adapter on the SFT model (beta 0.1 by default), its reference the
SFT model with the adapter disabled. The training itself is `codetune.lib.preference`, shared
with the mixed and reward-model stages."""

from __future__ import annotations

from typing import Any

from codetune.core.config import PipelineConfig
from codetune.core.runs import Run
from codetune.lib.preference import load_sft_model, preference_summary, train_preference_adapter
from codetune.stages.base import StageContext


def run_dpo(cfg: PipelineConfig, run: Run, *, resume: bool = False) -> dict[str, Any]:
    """Train the DPO adapter of `cfg` into `run`; return metrics."""
    model, tokenizer, base_path = load_sft_model(cfg, run)
    return train_preference_adapter(
        cfg,
        run,
        stage="dpo",
        section=cfg.dpo,
        model=model,
        tokenizer=tokenizer,
        base_path=base_path,
        reference="SFT model (base + SFT adapter merged) with the DPO adapter disabled",
        resume=resume,
    )


def run(ctx: StageContext) -> dict[str, Any]:
    return run_dpo(ctx.cfg, ctx.run, resume=ctx.resume)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return preference_summary(metrics)
