"""Typer command function `bench` (registered in `codetune/cli.py` as `codetune bench CONFIG`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from codetune.core.errors import UserError


def bench(
    config: Annotated[Path, typer.Argument(help="Run config (YAML).", show_default=False)],
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a config value: --set bench.input_len=512 (YAML)."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="base, sft, dpo, mixed or tuned: the run's final model (default: bench.model).",
        ),
    ] = None,
    backend: Annotated[
        str | None,
        typer.Option("--backend", help="transformers or vllm (default: bench.backend)."),
    ] = None,
    concurrency: Annotated[
        list[int] | None,
        typer.Option("--concurrency", "-c", help="Concurrency level (repeatable)."),
    ] = None,
    input_len: Annotated[
        int | None, typer.Option("--input-len", help="Prompt tokens per request.")
    ] = None,
    output_len: Annotated[
        int | None, typer.Option("--output-len", help="Output tokens per request.")
    ] = None,
    num_prompts: Annotated[
        int | None, typer.Option("--num-prompts", help="Measured requests per level.")
    ] = None,
    warmup: Annotated[
        int | None, typer.Option("--warmup", help="Warm-up batches per level.")
    ] = None,
    device: Annotated[
        str | None, typer.Option("--device", help="auto, cpu or cuda (transformers backend).")
    ] = None,
) -> None:
    """Measure TTFT, TPOT, ITL, latency and tokens/s per concurrency level (deploy/bench.json)."""
    from codetune.core.config import load_config
    from codetune.core.runlock import run_lock
    from codetune.core.runs import Run
    from codetune.stages.bench.measure import run_bench

    cfg = load_config(config, set_)
    options = {
        "model": model,
        "backend": backend,
        "concurrency": concurrency,
        "input_len": input_len,
        "output_len": output_len,
        "num_prompts": num_prompts,
        "warmup": warmup,
        "device": device,
    }
    bench_cfg = bench_config_with(getattr(cfg, "bench", None), options)
    with run_lock(cfg.run_dir):  # it writes deploy/bench.json in the run folder
        report = run_bench(cfg, Run(cfg.run_dir), bench_cfg)
    print_bench(report)
    Console().print(f"wrote {Run(cfg.run_dir).stage_dir('deploy') / 'bench.json'}")


def bench_config_with(base: Any, options: dict[str, Any]):
    """The config's `bench` section (defaults when it has none) with the given options set."""
    from pydantic import ValidationError

    from codetune.stages.bench.measure import BenchConfig

    values = base.model_dump() if base is not None else {}
    values.update({k: v for k, v in options.items() if v is not None})
    try:
        return BenchConfig.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"])
        raise UserError(f"bench.{name}: {err['msg']}") from None


def _triple(dist: dict[str, float] | None) -> str:
    if not dist:
        return "-"
    return f"{dist['mean']:.1f} / {dist['p50']:.1f} / {dist['p99']:.1f}"


def _mib(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:,.0f}"


def print_bench(report: dict[str, Any]) -> None:
    """One column per concurrency level, so the table stays narrow however many levels."""
    levels = report["levels"]
    title = (
        f"{report.get('model', 'model')}, {report['backend']} ({report['dtype']}), "
        f"{report['input_len']} in / {report['output_len']} out tokens\n{report['device']}"
    )
    table = Table(title=title)
    table.add_column("concurrency")
    for lv in levels:
        table.add_column(str(lv["concurrency"]), justify="right")
    rows: list[tuple[str, Any]] = [
        ("requests", lambda lv: str(lv["num_requests"])),
        ("TTFT ms mean/p50/p99", lambda lv: _triple(lv["ttft_ms"])),
        ("TPOT ms mean/p50/p99", lambda lv: _triple(lv["tpot_ms"])),
        ("ITL ms mean/p50/p99", lambda lv: _triple(lv["itl_ms"])),
        ("E2E ms mean/p50/p99", lambda lv: _triple(lv["e2e_ms"])),
        ("output tokens/s", lambda lv: _number(lv["output_throughput"], ".1f")),
        ("requests/s", lambda lv: _number(lv["request_throughput"], ".2f")),
        ("peak memory MiB", lambda lv: _mib(lv["peak_memory_bytes"])),
    ]
    for name, cell in rows:
        table.add_row(name, *(cell(lv) for lv in levels))
    Console().print(table)


def _number(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)
