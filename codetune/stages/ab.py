"""A/B comparison of two models on the same prompts, with paired statistics.

Rows are per-prompt results (one JSON object per prompt and model), paired by a key (`id`,
`prompt_id` or `task_id`) or by position. Pass/fail metrics use McNemar's exact test: only the
discordant pairs carry information, and under "no difference" each is equally likely to favour
either model, so the count favouring B is Binomial(b + c, 1/2). Continuous metrics use a paired
bootstrap confidence interval of the mean difference. "B minus A" throughout: a positive delta
means B scored higher. Whether higher is better comes from the metric's name (latency, loss,
errors, ... are lower-is-better: `LOWER_IS_BETTER_WORDS`) unless the caller says otherwise, and
each metric's result records which way it was judged (`better_when`).

Each metric gets a verdict at the configured alpha (not corrected for testing several metrics)
and the number of prompts needed to detect the observed effect with the configured power.
"""

from __future__ import annotations

import math
import re
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

# Words of a metric's name (split at anything not a letter or digit) that make smaller the
# better value: calling a doubled latency "better" is the mistake this guards against.
LOWER_IS_BETTER_WORDS = frozenset(
    {
        # time: latencies of serving (bench's TTFT, TPOT, inter-token, end-to-end) and durations
        "latency", "ttft", "tpot", "itl", "e2e", "time", "duration", "elapsed", "wall", "ms",
        "seconds", "sec",
        # training/eval losses
        "loss", "nll", "perplexity", "ppl",
        # memory
        "memory", "mem", "rss", "vram", "bytes", "mb", "gb", "mib", "gib",
        # errors and failures
        "error", "errors", "err", "fail", "fails", "failed", "failure", "failures", "timeout",
        "timeouts", "crash", "crashes",
        # the eval and scan stages' lower-is-better figures
        "empty", "complexity", "findings", "vulnerabilities", "violations", "ruff",
    }
)  # fmt: skip
# "tokens_per_s", "requests_per_sec": per unit of time is a rate, where more is better.
_TIME_UNITS = frozenset({"s", "sec", "second", "seconds", "ms", "min", "minute", "hour"})


def lower_is_better_by_name(name: str) -> bool:
    """Whether a metric's name says smaller wins (latency_ms, heldout_loss, error_rate)."""
    words = [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]
    for i, word in enumerate(words[:-1]):
        if word == "per" and words[i + 1] in _TIME_UNITS:
            return False
    return any(w in LOWER_IS_BETTER_WORDS for w in words)


def directions(
    metrics: Iterable[str], lower: Iterable[str] = (), higher: Iterable[str] = ()
) -> dict[str, str]:
    """'lower' or 'higher' (the better value) per metric: as given, else from the name."""
    lower, higher = set(lower), set(higher)
    both = sorted(lower & higher)
    if both:
        raise UserError(
            f"{', '.join(both)}: named both lower- and higher-is-better; give each metric one "
            "direction"
        )
    out = {}
    for name in metrics:
        if name in lower or (name not in higher and lower_is_better_by_name(name)):
            out[name] = "lower"
        else:
            out[name] = "higher"
    return out


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
    higher_is_better: Iterable[str] = (),
    key: str | None = None,
) -> dict[str, Any]:
    """Compare model B against model A metric by metric on the prompts both answered.

    `lower_is_better` / `higher_is_better` override the direction read from a metric's name
    (`lower_is_better_by_name`)."""
    if not 0 < alpha < 1:
        raise UserError(f"alpha: must be between 0 and 1, got {alpha}")
    if not 0 < power < 1:
        raise UserError(f"power: must be between 0 and 1, got {power}")
    binary_metrics, continuous_metrics = list(binary_metrics), list(continuous_metrics)
    better_when = directions(binary_metrics + continuous_metrics, lower_is_better, higher_is_better)
    pairs, key_used, unpaired_a, unpaired_b = pair_rows(rows_a, rows_b, key)
    metrics: dict[str, Any] = {}
    for name in binary_metrics:
        values = _metric_pairs(pairs, name, binary=True, key=key_used)
        lower = better_when[name] == "lower"
        metrics[name] = _compare_binary(values, alpha, power, seed, n_boot, lower)
    for name in continuous_metrics:
        values = _metric_pairs(pairs, name, binary=False, key=key_used)
        lower = better_when[name] == "lower"
        metrics[name] = _compare_continuous(values, alpha, power, seed, n_boot, lower)
    for name, result in metrics.items():
        result["better_when"] = better_when[name]
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
    """(binary, continuous) metric names: fields that are bool/0-1 everywhere, or numbers.

    A field holding numbers in some rows and text in others counts as continuous, so that
    `check_values` names the bad rows instead of the metric vanishing from the comparison."""
    if not rows:
        return [], []
    names = [k for k in rows[0] if k not in PAIR_KEYS and all(k in r for r in rows)]
    binary, continuous = [], []
    for name in names:
        values = [r[name] for r in rows if r[name] is not None]
        if not values:
            continue
        # bools, or ints that are all 0/1 (a bool is an int too)
        if all(isinstance(v, int) and v in (0, 1) for v in values):
            binary.append(name)
        elif any(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            continuous.append(name)
    return binary, continuous


def value_problem(value: Any, binary: bool) -> str | None:
    """What is wrong with one metric value (None: nothing; a missing value is allowed)."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, int | float):
        return f"is {value!r}, not a number"
    if math.isnan(value):
        return "is NaN"
    if math.isinf(value):
        return f"is {value}"
    if binary and value not in (0, 1):
        return f"is {value!r}; a pass/fail metric takes 0/1 or true/false"
    return None


def check_values(
    rows: Iterable[tuple[int, dict[str, Any]]],
    source: str,
    binary_metrics: Iterable[str],
    continuous_metrics: Iterable[str],
) -> None:
    """Refuse a metric value that is not a finite number (or 0/1 for pass/fail), naming the
    file, line and field: NaN would otherwise poison every statistic of its metric."""
    kinds = [(m, True) for m in binary_metrics] + [(m, False) for m in continuous_metrics]
    for lineno, row in rows:
        for name, binary in kinds:
            problem = value_problem(row.get(name), binary)
            if problem:
                raise UserError(
                    f"{source}:{lineno}: field '{name}' {problem}; give a number, or null to "
                    "leave this prompt out of that metric"
                )


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
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    name: str,
    binary: bool,
    key: str | None = None,
) -> list[tuple[float, float]]:
    """Values of one metric for each pair; pairs missing it on either side are left out."""
    out = []
    for i, (row_a, row_b) in enumerate(pairs, 1):
        a, b = row_a.get(name), row_b.get(name)
        for side, row, value in (("A", row_a, a), ("B", row_b, b)):
            problem = value_problem(value, binary)
            if problem:
                where = f"'{key}' {row.get(key)!r}" if key else f"row {i}"
                raise UserError(f"metric '{name}': {side} {where} {problem}")
        if a is None or b is None:
            continue
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
            higher_is_better=ab.higher_is_better,
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
