"""Typer command functions `scan` and `ab` (registered in `codetune/cli.py`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from codetune.core.errors import GateFailed, UserError
from codetune.core.io import iter_jsonl, write_json
from codetune.core.text import counted

if TYPE_CHECKING:
    from codetune.stages.scan.security import Finding, Sample

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
            "--fail-on",
            help="Exit 3 (a failed gate) when a finding at or above this severity "
            "(low/medium/high).",
        ),
    ] = None,
    exclude_rule: Annotated[
        list[str] | None,
        typer.Option("--exclude-rule", help="Rule id to ignore, e.g. bandit-B108 (repeatable)."),
    ] = None,
) -> None:
    """Scan code for vulnerabilities (CWE-mapped): bandit + our rules, Java/Go/JS, secrets."""
    import codetune.stages.scan.security as security  # tree-sitter and bandit: only when used

    if fail_on is not None and fail_on not in SEVERITIES:
        raise UserError(f"--fail-on {fail_on!r}: expected one of {', '.join(SEVERITIES)}")
    if out is not None:
        _check_out_file(out)
    files = list(security.iter_files(paths))
    samples = [s for path, explicit in files for s in security.samples_of_file(path, explicit)]
    findings, incomplete = security.scan_samples_with_coverage(samples, exclude_rule or [])
    if out is not None:
        write_json(out, [f.to_dict() for f in findings])
    _print_scan(samples, findings)
    console = Console(stderr=True)
    for coverage in incomplete:  # a half-scanned file must not pass for a clean one
        console.print(
            f"warning: {coverage.describe()}", highlight=False, markup=False, soft_wrap=True
        )
    not_full = ""
    if incomplete:
        unscanned = sum(c.status == "unscanned" for c in incomplete)
        not_full = (
            f"; {len(incomplete) - unscanned} scanned around a syntax error, {unscanned} not "
            "scanned"
        )
    # Said even when nothing was found: an empty input must not look like a silent no-op.
    Console().print(
        f"scanned {counted(len(files), 'file')} ({counted(len(samples), 'sample')}): "
        f"{counted(len(findings), 'finding') if findings else 'no findings'}{not_full}",
        highlight=False,
    )
    if fail_on is not None:
        failing = security.at_or_above(findings, fail_on)
        if failing:
            raise GateFailed(
                f"scan --fail-on {fail_on}: {counted(len(failing), 'finding')} at or above {fail_on}"
            )


def _check_out_file(out: Path) -> None:
    """Refuse an --out that is a folder before any work: the write would fail only at the end."""
    if out.is_dir():
        raise UserError(f"--out {out}: is a folder; give a file path such as {out / 'out.json'}")


def _print_scan(samples: list[Sample], findings: list[Finding]) -> None:
    import codetune.stages.scan.security as security

    if not findings:
        return  # an empty table says less than the line that follows it
    console = Console()
    for f in findings:
        console.print(
            f"{f.file}:{f.line}: [bold]{f.cwe}[/] {f.severity} ({f.rule}) {f.message}",
            markup=True,
            highlight=False,
        )
    group_of = {s.origin: s.group for s in samples}
    n_by_group = Counter(s.group for s in samples)
    by_group: dict[str, list[Finding]] = defaultdict(list)
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
        typer.Option(
            "--lower-is-better",
            help="Metric where smaller wins (repeatable). Names with latency, ttft, tpot, itl, "
            "time, ms, loss, memory, error, fail, ... as a word already are.",
        ),
    ] = None,
    higher_is_better: Annotated[
        list[str] | None,
        typer.Option(
            "--higher-is-better",
            help="Metric where larger wins although its name reads as lower-is-better "
            "(repeatable).",
        ),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", help="Field pairing rows (default: id/prompt_id/task_id)."),
    ] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level.")] = 0.05,
    power: Annotated[float, typer.Option("--power", help="Power for the n-needed figure.")] = 0.8,
    n_bootstrap: Annotated[
        int, typer.Option("--n-bootstrap", min=100, help="Bootstrap resamples.")
    ] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = 0,
    out: Annotated[Path, typer.Option("--out", help="Where to write the comparison.")] = Path(
        "deploy/ab.json"
    ),
) -> None:
    """Compare two models on the same prompts: McNemar for pass/fail, paired bootstrap else."""
    import codetune.stages.ab as ab_stats  # scipy takes seconds: only when `ab` runs

    for path in (results_a, results_b):
        if not path.is_file():
            raise UserError(f"{path}: no such file")
    _check_out_file(out)
    lines_a, lines_b = list(iter_jsonl(results_a)), list(iter_jsonl(results_b))
    rows_a, rows_b = [r for _, r in lines_a], [r for _, r in lines_b]
    # The same prompts on both sides, or the comparison silently covers only the overlap.
    if len(rows_a) != len(rows_b):
        raise UserError(
            f"{results_a} has {len(rows_a)} rows and {results_b} has {len(rows_b)}: "
            "ab compares the same prompts on both sides; give both files the same prompts"
        )
    if binary is None and continuous is None:
        binary, continuous = ab_stats.infer_metrics(rows_a)
        if key is not None:
            binary = [m for m in binary if m != key]
            continuous = [m for m in continuous if m != key]
    if not (binary or continuous):
        raise UserError(f"{results_a}: no metric to compare (give --binary or --continuous)")
    for path, lines in ((results_a, lines_a), (results_b, lines_b)):
        ab_stats.check_values(lines, str(path), binary or [], continuous or [])
    # Checked before the bootstrap: same counts can still hide prompts that differ.
    _, pair_key, unpaired_a, unpaired_b = ab_stats.pair_rows(rows_a, rows_b, key)
    if unpaired_a or unpaired_b:
        raise UserError(
            f"{results_a} and {results_b}: {unpaired_a} and {unpaired_b} rows have no partner "
            f"with the same '{pair_key}'; ab compares the same prompts on both sides"
        )
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
        higher_is_better=higher_is_better or [],
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
        arrow = "↓" if m["better_when"] == "lower" else "↑"
        table.add_row(
            f"{name} {arrow}",
            f"{a_value:.4g}",
            f"{b_value:.4g}",
            f"{m['delta']:+.4g}",
            f"[{m['ci'][0]:+.3g}, {m['ci'][1]:+.3g}]",
            f"{m['p_value']:.3g}" if "p_value" in m else "-",
            m["verdict"],
            str(m["n_needed"] or "-"),
        )
    Console().print(table)
