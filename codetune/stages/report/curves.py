"""Training curves beyond the loss: the learning rate and the gradient norm of each training
stage, and the name of what each stage's logged loss adds up, read from the run's config.yaml.

The loss TRL logs for DPO with `dpo.rpo_alpha` set is the preference loss plus rpo_alpha × the
NLL of the chosen completion (codetune/lib/preference.py passes it as a weighted loss list); the mixed
stage always trains preference loss + `mixed.sft_ratio` × that NLL (codetune/stages/mixed.py).
A curve labelled plainly "DPO loss" would hide that its level is not DPO's log(2) scale.
"""

from __future__ import annotations

import math
from typing import Any

from codetune.core.runs import METRICS_LOG
from codetune.stages.report.parts import (
    PALETTE,
    as_dict,
    figure_html,
    fmt,
    is_number,
    new_figure,
    plot_lines,
    points,
)

# TRL's loss_type names, as a reader knows them.
PREFERENCE_LOSS_NAMES = {
    "sigmoid": "DPO",
    "ipo": "IPO",
    "hinge": "hinge (SLiC)",
    "robust": "robust DPO",
    "apo_zero": "APO-zero",
    "sigmoid_norm": "length-normalised DPO",
}


def loss_terms(stage: str, config: dict[str, Any]) -> tuple[str, str] | None:
    """(what the stage's loss sums, the config key that weights its NLL term), e.g.
    ("DPO + 0.2 × NLL on chosen", "dpo.rpo_alpha"); None when the loss is a single term."""
    if stage not in ("dpo", "mixed"):
        return None
    section = as_dict(config.get(stage))
    loss_type = section.get("loss_type")
    preference = PREFERENCE_LOSS_NAMES.get(str(loss_type), str(loss_type or "preference loss"))
    if stage == "mixed":
        # The mixed stage has its SFT term whatever the config says (sft_ratio > 0).
        ratio = section.get("sft_ratio")
        weight = f"{fmt(ratio)} × " if is_number(ratio) else "sft_ratio × "
        return f"{preference} + {weight}NLL on chosen", "mixed.sft_ratio"
    alpha = section.get("rpo_alpha")
    # dpo.py adds the term only for a truthy rpo_alpha (None and 0 are off).
    if is_number(alpha) and alpha:
        return f"{preference} + {fmt(alpha)} × NLL on chosen", "dpo.rpo_alpha"
    return None


def optimiser_figure(stage: str, rows: list[dict[str, Any]], config: dict[str, Any]) -> str:
    """Learning rate and gradient norm per step, side by side; '' when neither was logged."""
    lr = points(rows, "learning_rate")
    grad = points(rows, "grad_norm")
    if not lr and not grad:
        return ""
    # A diverging step logs inf or NaN, which cannot be drawn: say how many were left out.
    non_finite = sum(
        1
        for r in rows
        if isinstance(r.get("grad_norm"), float) and not math.isfinite(r["grad_norm"])
    )
    clip = as_dict(config.get(stage)).get("max_grad_norm")
    panels = [p for p in (("learning rate", lr), ("grad norm", grad)) if p[1]]
    fig, axes = new_figure(4.0 * len(panels), 3.2, ncols=len(panels))
    for ax, (label, pts) in zip(axes, panels, strict=True):
        plot_lines(ax, [(label, pts)])
        if label == "grad norm" and is_number(clip) and clip > 0:
            # The logged norm is the one before clipping: above this line the update was
            # scaled down to max_grad_norm.
            ax.axhline(clip, linestyle="--", linewidth=1, color=PALETTE[3], label="max_grad_norm")
            ax.legend(fontsize=8)
        if label == "learning rate":
            ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 3))
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("step")
    fig.suptitle(f"{stage.upper()} optimiser")
    names = " and ".join(label for label, _ in panels)
    caption = f"{stage}: {names} per logging step (from {METRICS_LOG})."
    if grad:
        caption += " The gradient norm is measured before clipping"
        caption += (
            f"; dashed: max_grad_norm = {fmt(clip)}." if is_number(clip) and clip > 0 else "."
        )
    if non_finite:
        caption += f" {non_finite} non-finite gradient norm(s) not drawn."
    return figure_html(fig, f"{stage} {names}", caption)
