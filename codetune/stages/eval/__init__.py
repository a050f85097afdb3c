"""The eval stage: base and tuned models on the held-out split, HumanEval and the held-out
preference pairs (`codetune.stages.eval.stage`), behind the stage interface."""

from __future__ import annotations

from typing import Any

from codetune.stages.base import StageContext


def run(ctx: StageContext) -> dict[str, Any]:
    from codetune.stages.eval.stage import run_eval

    return run_eval(ctx.cfg, ctx.run)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    """The eval's headline figures: per model, each step's comparison and the per-metric
    base-vs-tuned table (the paths the quality gates name)."""
    models = metrics["models"]

    def get(model: str, key: str) -> Any:
        return models.get(model, {}).get(key)

    return {
        "heldout_loss_base": get("base", "heldout_loss"),
        "heldout_loss_sft": get("sft", "heldout_loss"),
        "heldout_loss_dpo": get("dpo", "heldout_loss"),
        "preference_accuracy_base": get("base", "preference_accuracy"),
        "preference_accuracy_before_dpo": get("sft", "preference_accuracy"),
        "preference_accuracy_after_dpo": get("dpo", "preference_accuracy"),
        "heldout_loss_mixed": get("mixed", "heldout_loss"),
        "preference_accuracy_after_mixed": get("mixed", "preference_accuracy"),
        # Length-normalised (mean log-prob per token): fair to defects that remove code.
        "preference_accuracy_norm_base": get("base", "preference_accuracy_norm"),
        "preference_accuracy_norm_before_dpo": get("sft", "preference_accuracy_norm"),
        "preference_accuracy_norm_after_dpo": get("dpo", "preference_accuracy_norm"),
        "preference_accuracy_norm_after_mixed": get("mixed", "preference_accuracy_norm"),
        "preference_by_kind_before_dpo": get("sft", "preference_by_kind"),
        "preference_by_kind_after_dpo": get("dpo", "preference_by_kind"),
        "syntax_valid_rate_base": get("base", "syntax_valid_rate"),
        "syntax_valid_rate_tuned": get(metrics["tuned"], "syntax_valid_rate"),
        "sft_lowers_heldout_loss": _lt(get("sft", "heldout_loss"), get("base", "heldout_loss")),
        "dpo_raises_preference_accuracy": _lt(
            get("sft", "preference_accuracy"), get("dpo", "preference_accuracy")
        ),
        "dpo_raises_preference_accuracy_norm": _lt(
            get("sft", "preference_accuracy_norm"), get("dpo", "preference_accuracy_norm")
        ),
        "tuned_model": metrics.get("tuned"),
        # Per metric: base, tuned, delta, CI (the paths quality gates name).
        "metrics": metrics.get("metrics", {}),
        # Each trained model vs the one before it, e.g. steps.dpo.metrics.
        # preference_accuracy_norm.delta: what DPO itself did.
        "steps": {
            k: {"vs": v["vs"], "metrics": v["metrics"]} for k, v in metrics.get("steps", {}).items()
        },
    }


def _lt(a: Any, b: Any) -> bool | None:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a < b
    return None
