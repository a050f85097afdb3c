"""`codetune` command line: one subcommand per stage, plus run / status / generate.

Exit codes: 0 success, 2 bad input (config, paths, data), 1 internal failure, 3 a quality gate
failed, 130 interrupted (Ctrl-C). Errors are one line on stderr (set CODETUNE_DEBUG=1 for the
traceback).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated, Any


def _interrupted() -> None:
    """Ctrl-C outside `main`'s try (importing the CLI, exiting the interpreter): one line, no
    KeyboardInterrupt traceback; a second Ctrl-C must not interrupt this exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("error: interrupted", file=sys.stderr, flush=True)
    raise SystemExit(130)


def _on_sigint(handler: Any) -> Any:
    """Set the SIGINT handler where Python allows it (the main thread); return the old one."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, handler)


# Importing the CLI takes seconds (typer, rich, pydantic, the commands): a Ctrl-C then exits
# quietly. The handler before this import is back at the end of this module.
_SIGINT_BEFORE_IMPORT = _on_sigint(lambda signum, frame: _interrupted())

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.logging import RichHandler  # noqa: E402
from rich.table import Table  # noqa: E402

from codetune.core.runtime import set_wait_policy  # noqa: E402

set_wait_policy()  # before anything imports torch: OpenMP reads it once, at start-up

from codetune.core.config import load_config  # noqa: E402
from codetune.core.errors import GateFailed, UserError  # noqa: E402

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Fine-tune code LLMs on your repositories with SFT and DPO, with evidence.",
)
console = Console(stderr=True)

ConfigArg = Annotated[Path, typer.Argument(help="Run config (YAML).", show_default=False)]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override a config value: --set sft.learning_rate=1e-4 (YAML)."),
]

ResumeOpt = Annotated[
    bool, typer.Option("--resume", help="Continue an interrupted run from its last checkpoint.")
]


def _setup_logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, rich_tracebacks=False)],
    )
    for noisy in ("httpx", "urllib3", "datasets", "filelock"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _stage(
    name: str, config: Path, overrides: list[str] | None, force: bool = False, resume: bool = False
) -> None:
    from codetune.pipeline import run_stage

    cfg = load_config(config, overrides)
    metrics = run_stage(cfg, name, force=force, resume=resume)
    if name == "eval":
        from codetune.core.io import read_json
        from codetune.stages.eval.results import print_results

        # From the file, so an eval skipped as unchanged prints its table all the same.
        print_results(read_json(cfg.run_dir / "eval" / "results.json"), Console())
        return
    from codetune.stages.base import REGISTRY

    # The flat metrics, and the stage's summary.json figures (data's counts live in nested
    # stats that the table would otherwise leave out).
    _print_metrics(name, {**metrics, **(REGISTRY[name].summary(metrics) or {})})


def _print_metrics(name: str, metrics: dict) -> None:
    table = Table(title=f"{name}", show_header=True)
    table.add_column("metric")
    table.add_column("value")
    for k, v in metrics.items():
        if isinstance(v, dict | list):
            continue
        table.add_row(k, f"{v:.4g}" if isinstance(v, float) else str(v))
    Console().print(table)


@app.command()
def run(
    config: ConfigArg,
    set_: SetOpt = None,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Run only this stage (repeatable).")
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Rerun this stage and every later one, even if unchanged."),
    ] = None,
) -> None:
    """Run the configured stages in order, skipping those whose inputs and config are unchanged,
    then check the quality gates (exit code 3 when one fails)."""
    from codetune.core.dist import is_main_process
    from codetune.core.runlock import is_run_folder
    from codetune.pipeline import run_pipeline

    cfg = load_config(config, set_)
    summary = cfg.run_dir / "summary.json"
    timings: list[dict] = []
    try:
        run_pipeline(cfg, only=only, from_stage=from_, timings=timings)
    finally:
        # Under torchrun, rank 0 alone speaks for the run.
        if is_main_process():
            _print_stage_times(timings)
            # Not from a folder the run refused to enter: that summary.json is the user's.
            if summary.is_file() and is_run_folder(cfg.run_dir):
                _print_gates(summary)
    if is_main_process():
        Console().print(f"[bold green]done[/]: {cfg.run_dir} (summary: {summary})")


def _print_stage_times(timings: list[dict]) -> None:
    """Wall time of each stage of this `codetune run` (a skipped stage takes next to none)."""
    if not timings:
        return
    table = Table(title="stages")
    table.add_column("stage")
    table.add_column("status")
    table.add_column("seconds", justify="right")
    style = {"ran": "green", "skipped unchanged": "dim", "failed": "red"}
    for t in timings:
        status = f"[{style[t['status']]}]{t['status']}[/]"
        table.add_row(t["stage"], status, f"{t['seconds']:.1f}")
    table.add_section()
    table.add_row("total", "", f"{sum(t['seconds'] for t in timings):.1f}")
    Console().print(table)


def _print_gates(summary_path: Path) -> None:
    import json

    gates = json.loads(summary_path.read_text()).get("gates", {}).get("gates", [])
    if not gates:
        return
    table = Table(title="quality gates")
    for col in ("gate", "metric", "value", "bound", "verdict"):
        table.add_column(col)
    for g in gates:
        bound = " ".join(
            f"{op} {g[k]}" for op, k in ((">=", "min"), ("<=", "max")) if g.get(k) is not None
        )
        value = g.get("value")
        table.add_row(
            g["name"],
            g["metric"],
            f"{value:.4g}" if isinstance(value, float) else str(value),
            bound,
            "[green]passed[/]" if g["passed"] else "[red]FAILED[/]",
        )
    Console().print(table)


@app.command()
def data(config: ConfigArg, set_: SetOpt = None, force: bool = False) -> None:
    """Extract, clean, deduplicate and split functions into SFT datasets."""
    _stage("data", config, set_, force)


@app.command()
def sft(
    config: ConfigArg,
    set_: SetOpt = None,
    force: bool = False,
    debug_masking: Annotated[
        bool, typer.Option("--debug-masking", help="Print samples token by token with labels.")
    ] = False,
    resume: ResumeOpt = False,
) -> None:
    """Supervised fine-tuning (LoRA + last N layers)."""
    if debug_masking:
        _debug_masking(config, set_)
        return
    _stage("sft", config, set_, force, resume)


def _debug_masking(config: Path, overrides: list[str] | None, n: int = 3) -> None:
    from codetune.core.runs import Run
    from codetune.lib.masking import eos_for_format, render_masking, sample_of_row
    from codetune.lib.models import load_tokenizer, resolve_model_path
    from codetune.stages.sft import load_split

    cfg = load_config(config, overrides)
    path = resolve_model_path(cfg.model.name_or_path, cfg.model.cache_dir, cfg.model.revision)
    tok = load_tokenizer(path, revision=cfg.model.revision)
    fmt = cfg.sft.train_format
    rows = load_split(Run(cfg.run_dir).data_dir, fmt, "train", n)
    for row in rows:
        sample = sample_of_row(
            row, fmt, tok, eos=eos_for_format(fmt), max_length=cfg.sft.max_length
        )
        print(f"--- {row.get('id', '?')} ({fmt})")
        print(render_masking(sample, tok))


@app.command()
def pairs(config: ConfigArg, set_: SetOpt = None, force: bool = False) -> None:
    """Build preference pairs (clean vs defective code)."""
    _stage("pairs", config, set_, force)


@app.command()
def dpo(
    config: ConfigArg,
    set_: SetOpt = None,
    force: bool = False,
    resume: ResumeOpt = False,
) -> None:
    """DPO on top of the SFT model (the SFT model is the reference)."""
    _stage("dpo", config, set_, force, resume)


@app.command()
def rm(
    config: ConfigArg,
    set_: SetOpt = None,
    force: bool = False,
    resume: ResumeOpt = False,
) -> None:
    """Bradley-Terry reward model on the pairs (TRL RewardTrainer), from the SFT model."""
    _stage("rm", config, set_, force, resume)


@app.command()
def mixed(
    config: ConfigArg,
    set_: SetOpt = None,
    force: bool = False,
    resume: ResumeOpt = False,
) -> None:
    """Preference loss plus an SFT term (NLL on chosen, weight mixed.sft_ratio) after DPO."""
    _stage("mixed", config, set_, force, resume)


@app.command(
    name="eval",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def eval_(
    ctx: typer.Context,
    config: Annotated[
        str,
        typer.Argument(
            help="Run config (YAML), or 'humaneval' to score a samples file: "
            "codetune eval humaneval --samples FILE [--k 1,10] [--out results.json].",
            show_default=False,
        ),
    ],
    set_: SetOpt = None,
    force: bool = False,
) -> None:
    """Compare the base and the tuned models on held-out data (or score HumanEval samples)."""
    if config == "humaneval":
        import codetune.commands.eval as eval_commands

        sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        sub.command()(eval_commands.eval_humaneval)
        typer.main.get_command(sub).main(
            list(ctx.args), prog_name="codetune eval humaneval", standalone_mode=False
        )
        return
    if ctx.args:
        raise UserError(f"eval: unexpected arguments {' '.join(ctx.args)}")
    _stage("eval", Path(config), set_, force)


@app.command()
def export(
    run_dir: Annotated[Path, typer.Argument(help="Run folder.")],
    merge: Annotated[
        bool,
        typer.Option("--merge/--adapter-only", help="Merged HF model folder, or the PEFT adapter."),
    ] = True,
    stage: Annotated[
        str | None,
        typer.Option(
            help="sft, dpo or mixed (earlier adapters are merged in); default: the run's final "
            "model (final_model in its config.yaml).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Output folder (default RUN/export/...); refused if it holds files."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace a non-empty --out folder, files and all.")
    ] = False,
) -> None:
    """Export the tuned model: merged into the base (loads with from_pretrained) or adapter only."""
    from codetune.commands.export import export_run

    path = export_run(run_dir, stage=stage, merge=merge, out=out, overwrite=overwrite)
    Console().print(f"exported: {path}")


@app.command()
def report(
    run_dir: Annotated[Path, typer.Argument(help="Run folder.")],
    out: Annotated[Path | None, typer.Option(help="Output file (default RUN/report.html).")] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an --out file that is not a report.")
    ] = False,
) -> None:
    """Build the self-contained HTML report of a run from its folder alone."""
    from codetune.stages.report.build import build_report

    path = build_report(run_dir, out, overwrite=overwrite)
    Console().print(f"report: {path}")


@app.command()
def status(run_dir: Annotated[Path, typer.Argument(help="Run folder.")]) -> None:
    """Print a run's manifest as a table (a stage `running` with no live process holding the
    folder shows as `interrupted`)."""
    from codetune.core.runlock import holder_pid
    from codetune.core.runs import Run

    run = Run(run_dir)
    if not run.manifest_path.is_file():
        raise UserError(f"{run.manifest_path}: not found (is {run_dir} a run folder?)")
    # Read-only: the manifest is corrected by the next process that takes the folder.
    alive = holder_pid(run_dir) is not None
    table = Table(title=str(run_dir))
    for col in ("stage", "status", "started", "finished", "wall s"):
        table.add_column(col)
    for name, rec in run.manifest().get("stages", {}).items():
        wall = rec.get("metrics", {}).get("wall_time_s", "")
        state = rec.get("status", "")
        table.add_row(
            name,
            "interrupted" if state == "running" and not alive else state,
            rec.get("started", ""),
            rec.get("finished") or "",
            str(wall),
        )
    Console().print(table)


@app.command()
def generate(
    config: Annotated[
        Path, typer.Argument(help="Run config (YAML) or run folder.", show_default=False)
    ],
    prompt: Annotated[str, typer.Option(help="Prompt text ('-' reads stdin).")],
    set_: SetOpt = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="base, sft, dpo or mixed; default: the run's final model (final_model).",
            show_default=False,
        ),
    ] = None,
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    presence_penalty: float = 0.0,
) -> None:
    """Stream the model's completion of a prompt."""
    from codetune.core.runs import Run, load_run_config
    from codetune.lib.chain import load_stage_model
    from codetune.lib.generate import SamplingConfig, stream

    if config.is_dir():  # a run folder: the config it was trained with
        cfg, run = load_run_config(config, set_), Run(config)
    else:
        cfg = load_config(config, set_)
        run = Run(cfg.run_dir)
    text = sys.stdin.read() if prompt == "-" else prompt
    which = model or run.final_model(cfg)
    m, tok, _, chain = load_stage_model(cfg, run, which)
    console.print(
        f"model: {' + '.join(['base', *chain])} ({run.root})", highlight=False, soft_wrap=True
    )
    sampling = SamplingConfig(
        max_new_tokens=max_new_tokens, temperature=temperature, presence_penalty=presence_penalty
    )
    for chunk in stream(m, tok, text, sampling):
        sys.stdout.write(chunk)
        sys.stdout.flush()
    sys.stdout.write("\n")


def _register_tool_commands() -> None:
    """Commands whose code lives beside their stage."""
    import codetune.commands.deploy as deploy_commands

    app.command("scan")(deploy_commands.scan)
    app.command("ab")(deploy_commands.ab)

    import codetune.commands.bench as bench_commands

    app.command("bench")(bench_commands.bench)

    from codetune.scale.commands import plan

    app.command("plan")(plan)

    import codetune.commands.eval as eval_commands

    review = typer.Typer(help="Blind human review of base vs tuned answers.", no_args_is_help=True)
    review.command("export")(eval_commands.review_export)
    review.command("import")(eval_commands.review_import)
    app.add_typer(review, name="review")


_register_tool_commands()
if _SIGINT_BEFORE_IMPORT is not None:  # None: set outside Python, or not the main thread
    _on_sigint(_SIGINT_BEFORE_IMPORT)


def _exit_now(signum: int, frame: Any) -> None:
    # After main: only interpreter shutdown is left (atexit, joins), where an exception
    # would be printed as "Exception ignored"; leave at once instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("error: interrupted", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(130)


def main() -> None:
    # KeyboardInterrupt from here on, so that a stage records itself interrupted and the
    # atomic writes clean up on the way out.
    _on_sigint(signal.default_int_handler)
    try:
        _main()
    except KeyboardInterrupt:  # also one that came while another error was being reported
        _interrupted()
    finally:
        _on_sigint(_exit_now)


def _main() -> None:
    try:
        _setup_logging()
        # Without standalone mode, typer/click hand back `typer.Exit(n)` and an interrupt as a
        # return code instead of exiting: it must become the process's exit status.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            if code == 130:
                print("error: interrupted", file=sys.stderr)
            sys.exit(code)
    except (UserError, GateFailed) as exc:
        if os.environ.get("CODETUNE_DEBUG"):
            raise
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _interrupted()
    except Exception as exc:
        # Usage errors (typer may vendor its own click, so match by shape, not class).
        if callable(getattr(exc, "show", None)) and isinstance(
            getattr(exc, "exit_code", None), int
        ):
            exc.show()
            sys.exit(exc.exit_code or 2)
        if os.environ.get("CODETUNE_DEBUG"):
            raise
        print(
            f"error: internal failure: {type(exc).__name__}: {exc} "
            "(set CODETUNE_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
