"""Typer command function: `codetune plan CONFIG --gpus N --gpu-memory 80GB`.

Registered by codetune/cli.py: `app.command("plan")(plan)`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # the planner imports torch: only when `codetune plan` runs
    from codetune.scale.plan import MemoryPlan

GiB = 1024**3


def _gib(x: float) -> str:
    return f"{x / GiB:.2f}"


def _count(n: int) -> str:
    for unit, scale in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= scale:
            return f"{n / scale:.2f}{unit}"
    return str(n)


def render(plan: MemoryPlan, console: Console) -> None:
    f = plan.params
    head = Table(title=f"{plan.model} - {plan.stage}", show_header=False)
    head.add_column("what")
    head.add_column("value")
    head.add_row("architecture", f"{f.architecture} ({f.num_layers} x {f.layer_class})")
    experts = f" (MoE experts {_count(f.experts)}, active/token {_count(f.active_per_token)})"
    head.add_row("parameters", _count(f.total) + (experts if f.experts else ""))
    head.add_row(
        "trainable",
        f"{_count(f.trainable)}: LoRA {_count(f.lora)} + unfrozen layers "
        f"{_count(f.unfrozen_layers)} - {f.policy}",
    )
    head.add_row("precision", f"{plan.precision} compute, weights {plan.weights_dtype}")
    head.add_row(
        "batch",
        f"{plan.micro_batch} x {plan.max_length} tokens per GPU, accumulation "
        f"{plan.gradient_accumulation}, global {plan.global_batch} on {plan.gpus} GPU(s)",
    )
    head.add_row(
        "activations",
        f"{_gib(plan.activations_no_ckpt)} GiB, {_gib(plan.activations_ckpt)} GiB with "
        "gradient checkpointing",
    )
    console.print(head)
    table = Table(title=f"per GPU (GiB) on {plan.gpus} x {_gib(plan.gpu_memory)} GiB")
    cols = ("strategy", "ckpt", "weights", "grads", "optim", "activ", "other", "total", "fits")
    for col in cols:
        table.add_column(col, justify="left" if col == "strategy" else "right")
    table.add_column("host")
    notes: dict[str, str] = {}
    for e in plan.strategies:
        notes[e.strategy] = e.note
        table.add_row(
            e.strategy,
            "yes" if e.gradient_checkpointing else "no",
            _gib(e.weights),
            _gib(e.gradients),
            _gib(e.optimizer),
            _gib(e.activations),
            _gib(e.other),
            _gib(e.total),
            "[green]yes[/]" if e.fits else "[red]no[/]",
            _gib(e.host) if e.host else "",
        )
    console.print(table)
    for name, note in notes.items():
        console.print(f"  [bold]{name}[/]: {note}")
    if plan.recommendation:
        console.print(f"[bold green]recommended[/]: {plan.recommendation_reason}")
        from codetune.scale.plan import STRATEGY_LAUNCH

        launch = STRATEGY_LAUNCH.get(plan.recommendation)
        if launch and plan.gpus > 1:
            console.print(
                f"  accelerate launch --config_file {launch} --num_processes {plan.gpus} "
                f"-m codetune {plan.stage} CONFIG"
            )
    else:
        console.print(f"[bold red]no strategy fits[/]: {plan.recommendation_reason}")


def plan(
    config: Annotated[Path, typer.Argument(help="Run config (YAML).", show_default=False)],
    gpus: Annotated[int, typer.Option("--gpus", min=1, help="GPUs to plan for.")] = 1,
    gpu_memory: Annotated[
        str, typer.Option("--gpu-memory", help="Memory per GPU, e.g. 80GB, 24GiB.")
    ] = "80GB",
    stage: Annotated[str, typer.Option("--stage", help="Training stage: sft or dpo.")] = "sft",
    precision: Annotated[
        str | None,
        typer.Option("--precision", help="Compute precision (default: the stage's; auto=bf16)."),
    ] = None,
    weights_dtype: Annotated[
        str,
        typer.Option(
            "--weights-dtype", help="Dtype the weights are held in (codetune loads fp32)."
        ),
    ] = "fp32",
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a config value: --set sft.max_length=2048 (YAML)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Estimate per-GPU memory of a training stage under DDP / ZeRO / FSDP2 / device_map from
    the model config alone (no weights downloaded), and recommend the cheapest that fits."""
    from codetune.core.config import load_config
    from codetune.scale.plan import parse_memory, plan_memory

    cfg = load_config(config, set_)
    result = plan_memory(
        cfg,
        gpus=gpus,
        gpu_memory=parse_memory(gpu_memory),
        stage=stage,
        precision=precision,
        weights_dtype=weights_dtype,
    )
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2))
    else:
        render(result, Console())
