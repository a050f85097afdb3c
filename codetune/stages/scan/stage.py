"""The scan stage: the code each model generated for the eval prompts (eval/generations.jsonl),
base vs the tuned model, per CWE -> deploy/security.json; its summary section feeds the gates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

import codetune.stages.scan.security as security
from codetune.core.errors import UserError
from codetune.core.io import write_json
from codetune.core.runs import DEPLOY_SECURITY, EVAL_GENERATIONS
from codetune.stages.base import StageContext


def run(ctx: StageContext) -> dict[str, Any]:
    """Scan base and tuned generations; write deploy/security.json."""
    cfg, run = ctx.cfg, ctx.run

    generations = run.root / EVAL_GENERATIONS
    if not generations.is_file():
        raise UserError(f"{generations}: not found; run the eval stage first")
    tuned = run.tuned_label()
    samples = [s for s in security.iter_samples([generations]) if s.group in ("base", tuned)]
    # The same label for the tuned model whichever stage produced it, so gates read one path.
    group_of = {
        s.origin: ("tuned" if s.group == tuned and tuned != "base" else s.group) for s in samples
    }
    findings, incomplete = security.scan_samples_with_coverage(samples, cfg.scan.exclude_rules)
    by_model: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        by_model[group_of[f.file]].append(f)
    n_by_model: dict[str, int] = defaultdict(int)
    for s in samples:
        n_by_model[group_of[s.origin]] += 1
    report = security.compare_models(dict(by_model), dict(n_by_model))
    models = report["models"]
    high = {m: models.get(m, {}).get("by_severity", {}).get("high", 0) for m in ("base", "tuned")}
    summary: dict[str, Any] = {
        "tuned_model": tuned,
        "samples": dict(n_by_model),
        "findings": {m: models[m]["n_findings"] for m in models},
        "findings_per_100_samples": {m: models[m]["findings_per_100_samples"] for m in models},
        "high_findings": high,
        "new_high_findings": max(0, high["tuned"] - high["base"]),
        "new_findings": max(
            0,
            models.get("tuned", {}).get("n_findings", 0)
            - models.get("base", {}).get("n_findings", 0),
        ),
        "by_cwe": {
            m: {cwe: row["findings"] for cwe, row in models[m]["by_cwe"].items()} for m in models
        },
        # Generations cut by their token budget end in a syntax error: scanned up to it.
        "scanned_around_a_syntax_error": {
            m: sum(group_of[c.origin] == m and c.status == "partial" for c in incomplete)
            for m in n_by_model
        },
        "not_scanned": {
            m: sum(group_of[c.origin] == m and c.status == "unscanned" for c in incomplete)
            for m in n_by_model
        },
    }
    if cfg.scan.fail_on:
        summary["tuned_at_or_above_fail_on"] = len(
            security.at_or_above(by_model.get("tuned", []), cfg.scan.fail_on)
        )
    out = {
        **report,
        "summary": summary,
        "findings": [{**f.to_dict(), "model": group_of[f.file]} for f in findings],
        "incomplete": [{**asdict(c), "model": group_of[c.origin]} for c in incomplete],
    }
    write_json(run.root / DEPLOY_SECURITY, out)
    return summary


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in metrics.items() if k != "wall_time_s"}
