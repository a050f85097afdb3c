"""The run as a whole: every stage's status from the manifest, the quality gates' verdicts, and
the resolved config.yaml the run was made with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codetune.core.runs import CONFIG_FILE, MANIFEST_FILE
from codetune.stages.report.headline import headline_cards
from codetune.stages.report.parts import (
    Cell,
    as_dict,
    esc,
    fmt,
    fmt_seconds,
    is_number,
    not_run,
    table,
)

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts


def overview_section(run: RunArtifacts) -> str:
    """The headline cards, the gates, one row per stage recorded, and any unreadable file."""
    parts = [headline_cards(run), gates_table(run)]
    stages = run.manifest.get("stages", {})
    if isinstance(stages, dict) and stages:
        rows = []
        for name, rec in stages.items():
            rec = rec if isinstance(rec, dict) else {}
            metrics = rec.get("metrics") if isinstance(rec.get("metrics"), dict) else {}
            status = rec.get("status", "?")
            if name == "report" and status == "running":
                status = "writing this report"  # the report stage renders while it runs
            rows.append(
                [
                    name,
                    status,
                    fmt_seconds(metrics.get("wall_time_s")),
                    rec.get("started") or "",
                    rec.get("finished") or "",
                    (rec.get("output_hash") or "")[:12],
                    rec.get("error") or "",
                ]
            )
        parts.append(
            table(
                ["stage", "status", "wall time", "started", "finished", "output hash", "error"],
                rows,
            )
        )
    else:
        parts.append(not_run(f"No stage recorded in {MANIFEST_FILE}."))
    if run.problems:
        parts.append(
            "<h3>Problems reading the run folder</h3><ul>"
            + "".join(f"<li>{esc(p)}</li>" for p in run.problems)
            + "</ul>"
        )
    return "\n".join(parts)


def gates_table(run: RunArtifacts) -> str:
    """summary.json's `gates`, one row per gate; '' when the run checked none."""
    gates = as_dict(run.summary.get("gates")).get("gates")
    if not isinstance(gates, list) or not gates:
        return ""
    rows = []
    for g in gates:
        if not isinstance(g, dict):
            continue
        bound = " ".join(
            f"{op} {fmt(g.get(k))}" for op, k in (("≥", "min"), ("≤", "max")) if is_number(g.get(k))
        )
        ok = bool(g.get("passed"))
        verdict = Cell("passed" if ok else "FAILED", "better" if ok else "worse")
        rows.append([g.get("name", ""), g.get("metric", ""), fmt(g.get("value")), bound, verdict])
    return "<h3>Quality gates</h3>" + table(["gate", "figure", "value", "bound", "verdict"], rows)


def config_section(run: RunArtifacts) -> str:
    """The config text as written, folded: the page's last word on how the run was made."""
    if not run.config_text:
        return not_run(f"No {CONFIG_FILE} in the run folder.")
    return (
        f"<details><summary>Resolved {CONFIG_FILE}</summary>"
        f"<pre>{esc(run.config_text)}</pre></details>"
    )
