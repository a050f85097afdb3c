"""Typer command functions `scan` and `ab` (registered in `codetune/cli.py`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import codetune.stages.ab as ab_stats
import codetune.stages.scan.security as security
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl, write_json

SEVERITIES = ("low", "medium", "high")


def scan(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files, folders, or .jsonl files whose rows carry code in 'completion'/'code'.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the findings as a JSON list here.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="Exit 1 when a finding at or above this severity (low/medium/high)."
        ),
    ] = None,
    exclude_rule: Annotated[
        list[str] | None,
        typer.Option("--exclude-rule", help="Rule id to ignore, e.g. bandit-B108 (repeatable)."),
    ] = None,
) -> None:
    """Scan code for vulnerabilities (CWE-mapped): bandit + our rules, Java/Go/JS, secrets."""
    if fail_on is not None and fail_on not in SEVERITIES:
        raise UserError(f"--fail-on {fail_on!r}: expected one of {', '.join(SEVERITIES)}")
    samples = list(security.iter_samples(paths))
    findings = security.scan_samples(samples, exclude_rule or [])
    if out is not None:
        write_json(out, [f.to_dict() for f in findings])
    _print_scan(samples, findings)
    if fail_on is not None and security.at_or_above(findings, fail_on):
        raise typer.Exit(1)


def _print_scan(samples: list[security.Sample], findings: list[security.Finding]) -> None:
    console = Console()
    for f in findings:
        console.print(
            f"{f.file}:{f.line}: [bold]{f.cwe}[/] {f.severity} ({f.rule}) {f.message}",
            markup=True,
            highlight=False,
        )
    group_of = {s.origin: s.group for s in samples}
    n_by_group = Counter(s.group for s in samples)
    by_group: dict[str, list[security.Finding]] = defaultdict(list)
    for f in findings:
        by_group[group_of.get(f.file, "all")].append(f)
    report = security.compare_models(dict(by_group), dict(n_by_group))
    for group, summary in report["models"].items():
        title = f"{summary['n_findings']} findings in {summary['n_samples']} samples"
        table = Table(title=title if group == "all" else f"{group}: {title}")
        for column in ("CWE", "weakness", "findings", "per 100 samples", "samples affected"):
            table.add_column(column)
        for cwe, row in summary["by_cwe"].items():
            table.add_row(
                cwe,
                row["name"],
                str(row["findings"]),
                str(row["findings_per_100_samples"]),
                str(row["samples_affected"]),
            )
        console.print(table)


def ab(
    results_a: Annotated[
        Path, typer.Argument(help="Per-prompt results of model A (JSONL).", show_default=False)
    ],
    results_b: Annotated[
        Path, typer.Argument(help="Per-prompt results of model B (JSONL).", show_default=False)
    ],
    binary: Annotated[
        list[str] | None,
        typer.Option("--binary", help="Pass/fail field (repeatable). Default: inferred."),
    ] = None,
    continuous: Annotated[
        list[str] | None,
        typer.Option("--continuous", help="Numeric field (repeatable). Default: inferred."),
    ] = None,
    lower_is_better: Annotated[
        list[str] | None,
        typer.Option("--lower-is-better", help="Metric where smaller wins (repeatable)."),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", help="Field pairing rows (default: id/prompt_id/task_id)."),
    ] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level.")] = 0.05,
    power: Annotated[float, typer.Option("--power", help="Power for the n-needed figure.")] = 0.8,
    n_bootstrap: Annotated[
        int, typer.Option("--n-bootstrap", help="Bootstrap resamples.")
    ] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = 0,
    out: Annotated[Path, typer.Option("--out", help="Where to write the comparison.")] = Path(
        "deploy/ab.json"
    ),
) -> None:
    """Compare two models on the same prompts: McNemar for pass/fail, paired bootstrap else."""
    for path in (results_a, results_b):
        if not path.is_file():
            raise UserError(f"{path}: no such file")
    rows_a, rows_b = read_jsonl(results_a), read_jsonl(results_b)
    if binary is None and continuous is None:
        binary, continuous = ab_stats.infer_metrics(rows_a)
        if key is not None:
            binary = [m for m in binary if m != key]
            continuous = [m for m in continuous if m != key]
    if not (binary or continuous):
        raise UserError(f"{results_a}: no metric to compare (give --binary or --continuous)")
    result = ab_stats.compare(
        rows_a,
        rows_b,
        binary or [],
        continuous or [],
        alpha,
        n_boot=n_bootstrap,
        seed=seed,
        power=power,
        lower_is_better=lower_is_better or [],
        key=key,
    )
    result["a"], result["b"] = str(results_a), str(results_b)
    write_json(out, result)
    table = Table(title=f"B ({results_b.name}) vs A ({results_a.name}), {result['n_pairs']} pairs")
    for column in ("metric", "A", "B", "delta", "CI", "p", "verdict", "n needed"):
        table.add_column(column)
    for name, m in result["metrics"].items():
        a_value = m.get("rate_a", m.get("mean_a"))
        b_value = m.get("rate_b", m.get("mean_b"))
        table.add_row(
            name,
            f"{a_value:.4g}",
            f"{b_value:.4g}",
            f"{m['delta']:+.4g}",
            f"[{m['ci'][0]:+.3g}, {m['ci'][1]:+.3g}]",
            f"{m['p_value']:.3g}" if "p_value" in m else "-",
            m["verdict"],
            str(m["n_needed"] or "-"),
        )
    Console().print(table)
