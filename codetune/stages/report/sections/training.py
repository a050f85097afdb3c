"""The training stages (sft, dpo, mixed), from each stage's metrics.jsonl: the loss curves with
the learning rate and gradient norm beside them, throughput and peak memory, and for the
preference stages the implicit-reward curves TRL logs (margins, accuracies, chosen vs
rejected) with the DPO summary's final validation figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codetune.core.runs import METRICS_LOG, metrics_log
from codetune.stages.report.curves import loss_terms, optimiser_figure
from codetune.stages.report.parts import (
    fmt,
    fmt_int,
    is_number,
    key_value_table,
    line_figure,
    not_run,
    panels_figure,
    points,
    table,
)

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts

PREFERENCE_STAGES = ("dpo", "mixed")  # the stages whose logs carry rewards/* rows

# The reward figures drawn one panel each: (metrics.jsonl key, panel label); the validation
# value of each is logged under `eval_<key>`.
REWARD_PANELS = (
    ("rewards/margins", "reward margin (chosen − rejected)"),
    ("rewards/accuracies", "reward accuracy"),
)


def training_section(run: RunArtifacts) -> str:
    """Per training stage: its loss curve (train and validation), its optimiser curves, and a
    row of throughput and peak memory."""
    if not run.training_logs:
        return not_run(f"No training stage has run (no sft/dpo/mixed {METRICS_LOG}).")
    figures, throughput_rows = [], []
    for stage, rows in run.training_logs.items():
        train = points(rows, "loss", exclude="eval_loss")
        val = points(rows, "eval_loss")
        series = [s for s in (("train", train), ("validation", val)) if s[1]]
        # DPO with rpo_alpha and the mixed stage log a sum of two terms: the label says which.
        terms = loss_terms(stage, run.config)
        loss = f"loss ({terms[0]})" if terms else "loss"
        weight = f" The NLL weight is {terms[1]}." if terms else ""
        if series:
            figures.append(
                line_figure(
                    [(label, pts) for label, pts in series],
                    title=f"{stage.upper()} {loss}",
                    ylabel="loss",
                    alt=f"{stage} loss curve",
                    caption=f"{stage}: training {loss} per logging step and validation loss "
                    f"per evaluation (from {METRICS_LOG}).{weight}",
                )
            )
        else:
            figures.append(not_run(f"{stage}: {METRICS_LOG} has no loss rows."))
        optimiser = optimiser_figure(stage, rows, run.config)
        if optimiser:
            figures.append(optimiser)
        speeds = [r["tokens_per_second"] for r in rows if is_number(r.get("tokens_per_second"))]
        rss = [r["peak_rss_mb"] for r in rows if is_number(r.get("peak_rss_mb"))]
        cuda = [r["peak_cuda_mb"] for r in rows if is_number(r.get("peak_cuda_mb"))]
        steps = [r["step"] for r in rows if is_number(r.get("step"))]
        throughput_rows.append(
            [
                stage,
                fmt_int(max(steps)) if steps else "",
                fmt(speeds[-1]) if speeds else "",
                fmt(max(rss)) if rss else "",
                fmt(max(cuda)) if cuda else "",
            ]
        )
    return (
        f'<div class="figures">{"".join(figures)}</div>\n<h3>Throughput and memory</h3>\n'
        + table(
            ["stage", "last step", "tokens/s (last log)", "peak RSS MB", "peak CUDA MB"],
            throughput_rows,
        )
    )


def dpo_section(run: RunArtifacts) -> str:
    """Per preference stage: one figure of reward panels (train and validation), then the DPO
    summary's final validation figures."""
    stages = [s for s in PREFERENCE_STAGES if s in run.training_logs]
    figures = []
    for stage in stages:
        rows = run.training_logs[stage]
        panels = []
        for key, label in REWARD_PANELS:
            series = [
                (name, pts)
                for name, pts in (
                    ("train", points(rows, key)),
                    ("validation", points(rows, f"eval_{key}")),
                )
                if pts
            ]
            if series:
                panels.append((label, series))
        chosen_rejected = [
            (name, pts)
            for name, pts in (
                ("chosen (train)", points(rows, "rewards/chosen")),
                ("rejected (train)", points(rows, "rewards/rejected")),
                ("chosen (val)", points(rows, "eval_rewards/chosen")),
                ("rejected (val)", points(rows, "eval_rewards/rejected")),
            )
            if pts
        ]
        if chosen_rejected:
            panels.append(("implicit reward", chosen_rejected))
        if panels:
            figures.append(
                panels_figure(
                    panels,
                    title=f"{stage.upper()} rewards",
                    alt=f"{stage} reward margins and accuracies",
                    caption=f"{stage}: margins, accuracies and rewards of chosen vs rejected "
                    "completions (β-scaled log-ratio against the reference model).",
                )
            )
    dpo_summary = run.summary.get("dpo") if isinstance(run.summary.get("dpo"), dict) else {}
    extra = ""
    if dpo_summary:
        extra = "<h3>Final validation figures</h3>" + key_value_table(dpo_summary)
    if not figures and not extra:
        return not_run(f"DPO has not run (no reward rows in {metrics_log('dpo')}).")
    return f'<div class="figures">{"".join(figures)}</div>{extra}'
