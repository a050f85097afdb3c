"""A/B comparison of two models on the same prompts, with paired statistics.

Rows are per-prompt results (one JSON object per prompt and model), paired by a key (`id`,
`prompt_id` or `task_id`) or by position. Pass/fail metrics use McNemar's exact test: only the
discordant pairs carry information, and under "no difference" each is equally likely to favour
either model, so the count favouring B is Binomial(b + c, 1/2). Continuous metrics use a paired
bootstrap confidence interval of the mean difference. "B minus A" throughout: a positive delta
means B scored higher.

Each metric gets a verdict at the configured alpha (not corrected for testing several metrics)
and the number of prompts needed to detect the observed effect with the configured power.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from codetune.core.errors import UserError
from codetune.core.io import read_jsonl, write_json
from codetune.core.runs import DEPLOY_AB, EVAL_PER_PROMPT
from codetune.lib.stats import (
    mcnemar_exact,
    mcnemar_sample_size,
    paired_bootstrap_ci,
    paired_sample_size,
)
from codetune.stages.base import StageContext

PAIR_KEYS = ("id", "prompt_id", "task_id")
BETTER, WORSE, NO_DIFFERENCE = "better", "worse", "no significant difference"


def compare(
    rows_a: list[dict[str, Any]],
    rows_b: list[dict[str, Any]],
    binary_metrics: Iterable[str],
    continuous_metrics: Iterable[str],
    alpha: float = 0.05,
    *,
    n_boot: int = 10_000,
    seed: int = 0,
    power: float = 0.8,
    lower_is_better: Iterable[str] = (),
    key: str | None = None,
) -> dict[str, Any]:
    """Compare model B against model A metric by metric on the prompts both answered."""
    if not 0 < alpha < 1:
        raise UserError(f"alpha: must be between 0 and 1, got {alpha}")
    lower = set(lower_is_better)
    pairs, key_used, unpaired_a, unpaired_b = pair_rows(rows_a, rows_b, key)
    metrics: dict[str, Any] = {}
    for name in binary_metrics:
        values = _metric_pairs(pairs, name, binary=True)
        metrics[name] = _compare_binary(values, alpha, power, seed, n_boot, name in lower)
    for name in continuous_metrics:
        values = _metric_pairs(pairs, name, binary=False)
        metrics[name] = _compare_continuous(values, alpha, power, seed, n_boot, name in lower)
    return {
        "alpha": alpha,
        "power": power,
        "direction": "B minus A (positive delta: B scored higher)",
        "pair_key": key_used,
        "n_pairs": len(pairs),
        "unpaired_a": unpaired_a,
        "unpaired_b": unpaired_b,
        "metrics": metrics,
    }


def pair_rows(
    rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]], key: str | None = None
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], str | None, int, int]:
    """(pairs, key used or None for position, rows of A without a partner, same for B)."""
    if key is None:
        key = next(
            (k for k in PAIR_KEYS if all(k in r for r in rows_a) and all(k in r for r in rows_b)),
            None,
        )
    if key is None:
        if len(rows_a) != len(rows_b):
            raise UserError(
                f"A has {len(rows_a)} rows and B has {len(rows_b)}: give each row an 'id' "
                "(or prompt_id/task_id) so prompts can be paired"
            )
        pairs = list(zip(rows_a, rows_b, strict=True))
        if not pairs:
            raise UserError("no rows to compare")
        return pairs, None, 0, 0
    index_a, index_b = _index(rows_a, key, "A"), _index(rows_b, key, "B")
    shared = [k for k in index_a if k in index_b]
    if not shared:
        raise UserError(f"A and B share no '{key}' values: were they run on the same prompts?")
    pairs = [(index_a[k], index_b[k]) for k in shared]
    return pairs, key, len(index_a) - len(shared), len(index_b) - len(shared)


def infer_metrics(rows: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(binary, continuous) metric names: fields that are bool/0-1 everywhere, or numbers."""
    if not rows:
        return [], []
    names = [k for k in rows[0] if k not in PAIR_KEYS and all(k in r for r in rows)]
    binary, continuous = [], []
    for name in names:
        values = [r[name] for r in rows]
        if any(v is None for v in values):
            values = [v for v in values if v is not None]
        if not values:
            continue
        if all(isinstance(v, bool) for v in values):
            binary.append(name)
        elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            if all(v in (0, 1) for v in values) and all(isinstance(v, int) for v in values):
                binary.append(name)
            else:
                continuous.append(name)
    return binary, continuous


def _index(rows: list[dict[str, Any]], key: str, side: str) -> dict[Any, dict[str, Any]]:
    index: dict[Any, dict[str, Any]] = {}
    for i, row in enumerate(rows, 1):
        if key not in row:
            raise UserError(f"{side} row {i}: no '{key}' field to pair on")
        value = row[key]
        if value in index:
            raise UserError(f"{side}: '{key}' value {value!r} appears twice")
        index[value] = row
    return index


def _metric_pairs(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]], name: str, binary: bool
) -> list[tuple[float, float]]:
    """Values of one metric for each pair; pairs missing it on either side are left out."""
    out = []
    for row_a, row_b in pairs:
        a, b = row_a.get(name), row_b.get(name)
        if a is None or b is None:
            continue
        for value in (a, b):
            if isinstance(value, str) or not isinstance(value, int | float):
                raise UserError(f"metric '{name}': expected numbers, got {value!r}")
            if binary and value not in (0, 1):
                raise UserError(f"metric '{name}': pass/fail values must be 0/1 or bool")
        out.append((float(a), float(b)))
    if not out:
        raise UserError(f"metric '{name}': no prompt has it on both sides")
    return out


def _verdict(significant: bool, delta: float, lower_is_better: bool) -> str:
    if not significant or delta == 0:
        return NO_DIFFERENCE
    return BETTER if (delta > 0) != lower_is_better else WORSE


def _compare_binary(
    values: list[tuple[float, float]],
    alpha: float,
    power: float,
    seed: int,
    n_boot: int,
    lower_is_better: bool,
) -> dict[str, Any]:
    n = len(values)
    a_only = sum(1 for a, b in values if a and not b)
    b_only = sum(1 for a, b in values if b and not a)
    p = mcnemar_exact(a_only, b_only)
    delta, lo, hi = paired_bootstrap_ci(
        [a for a, _ in values], [b for _, b in values], alpha, n_boot, seed
    )
    return {
        "kind": "binary",
        "test": "McNemar exact (binomial on discordant pairs)",
        "n": n,
        "rate_a": sum(a for a, _ in values) / n,
        "rate_b": sum(b for _, b in values) / n,
        "delta": delta,
        "ci": [lo, hi],
        "a_only": a_only,
        "b_only": b_only,
        "p_value": p,
        "verdict": _verdict(p < alpha, delta, lower_is_better),
        "n_needed": mcnemar_sample_size(a_only / n, b_only / n, alpha, power),
    }


def _compare_continuous(
    values: list[tuple[float, float]],
    alpha: float,
    power: float,
    seed: int,
    n_boot: int,
    lower_is_better: bool,
) -> dict[str, Any]:
    a = [x for x, _ in values]
    b = [y for _, y in values]
    delta, lo, hi = paired_bootstrap_ci(a, b, alpha, n_boot, seed)
    diffs = np.asarray(b) - np.asarray(a)
    sd = float(diffs.std(ddof=1)) if len(diffs) > 1 else 0.0
    significant = lo > 0 or hi < 0
    return {
        "kind": "continuous",
        "test": "paired bootstrap CI of the mean difference",
        "n": len(values),
        "mean_a": float(np.mean(a)),
        "mean_b": float(np.mean(b)),
        "delta": delta,
        "ci": [lo, hi],
        "sd_diff": sd,
        "verdict": _verdict(significant, delta, lower_is_better),
        "n_needed": paired_sample_size(delta, sd, alpha, power),
    }


# The pipeline stage: the eval stage's per-prompt results (eval/per_prompt.jsonl), tuned against
# base, McNemar for pass/fail and paired bootstrap for numbers, per source -> deploy/ab.json.

NON_METRIC_FIELDS = {"model", "source", "id", "task_id", "prompt_id", "language", "status"}


def on_both_sides(metric: str, rows_a: list[dict], rows_b: list[dict]) -> bool:
    """Whether some prompt has a value of `metric` for both models."""
    have_a = {r.get("id") for r in rows_a if r.get(metric) is not None}
    return any(r.get("id") in have_a and r.get(metric) is not None for r in rows_b)


def run(ctx: StageContext) -> dict[str, Any]:
    """Tuned vs base on the eval stage's per-prompt results; write deploy/ab.json."""
    cfg, run = ctx.cfg, ctx.run
    path: Path = run.root / EVAL_PER_PROMPT
    if not path.is_file():
        raise UserError(f"{path}: not found; run the eval stage first (codetune eval CONFIG)")
    tuned = run.tuned_label()
    if tuned == "base":
        raise UserError(f"{path}: the run has no tuned model to compare with the base")
    rows = read_jsonl(path)
    by_source: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_source[str(row.get("source", "test"))][str(row.get("model"))].append(row)
    ab = cfg.ab
    results: dict[str, Any] = {}
    for source, models in sorted(by_source.items()):
        rows_a, rows_b = models.get("base", []), models.get(tuned, [])
        if not rows_a or not rows_b:
            continue
        binary, continuous = infer_metrics(
            [{k: v for k, v in r.items() if k not in NON_METRIC_FIELDS - {"id"}} for r in rows_a]
        )
        binary = [m for m in binary if m not in NON_METRIC_FIELDS]
        continuous = [m for m in continuous if m not in NON_METRIC_FIELDS]
        binary += [m for m in ab.binary_metrics if m not in binary and all(m in r for r in rows_a)]
        continuous += [
            m for m in ab.continuous_metrics if m not in continuous and all(m in r for r in rows_a)
        ]
        # A metric the tuned model never has (complexity when none of its code parsed) cannot
        # be compared on this source; the others still can.
        binary = [m for m in binary if on_both_sides(m, rows_a, rows_b)]
        continuous = [m for m in continuous if on_both_sides(m, rows_a, rows_b)]
        if not (binary or continuous):
            continue
        results[source] = compare(
            rows_a,
            rows_b,
            binary,
            continuous,
            ab.alpha,
            n_boot=ab.n_bootstrap,
            seed=ab.seed,
            power=ab.power,
            lower_is_better=ab.lower_is_better,
            key="id",
        )
    if not results:
        raise UserError(f"{path}: no metric present for both base and {tuned} on the same prompts")
    out = {"a": "base", "b": tuned, "by_source": results}
    write_json(run.root / DEPLOY_AB, out)
    summary = {
        "tuned_model": tuned,
        "verdicts": {
            f"{source}.{name}": m["verdict"]
            for source, res in results.items()
            for name, m in res["metrics"].items()
        },
        "worse": sum(
            m["verdict"] == WORSE for res in results.values() for m in res["metrics"].values()
        ),
    }
    return summary


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in metrics.items() if k != "wall_time_s"}
