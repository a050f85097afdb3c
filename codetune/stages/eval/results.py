"""Base vs tuned, metric by metric: the `metrics` table of eval/results.json and its rendering.

Every metric is measured per prompt (per test sample, pair or HumanEval task), so the two models
can be compared on the same prompts: the interval is a paired bootstrap of the difference,
resampling prompts. What a metric's per-prompt items look like depends on how it aggregates:

- "mean": one number per prompt (pass/fail, a pair's win, a task's pass@k); the aggregate is
  their mean and the interval is `codetune.stages.ab.paired_bootstrap_ci`. Pass/fail metrics
  also get McNemar's exact p-value (`mcnemar_exact`).
- "ratio": (numerator, denominator) per prompt, the aggregate being sum / sum, e.g. held-out
  loss = NLL / tokens, naming compliance = compliant / checked names. Averaging per-prompt
  ratios would weigh a 3-token prompt like a 300-token one, so the bootstrap recomputes the
  ratio of sums on each resample instead.
- "bleu": sacrebleu's sufficient statistics per prompt; corpus BLEU is recomputed per resample
  (Koehn 2004's paired bootstrap), because corpus BLEU is not a mean of sentence BLEUs.
- "p90": the list of values per prompt (function complexities); the 90th percentile of the
  pooled values is recomputed per resample.
- "none": an aggregate only (CodeBLEU), no interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from codetune.lib.codemetrics import percentile
from codetune.lib.stats import mcnemar_exact, paired_bootstrap_ci

Kind = Literal["mean", "ratio", "bleu", "p90", "corpus", "none"]
N_BOOT = 2000  # resamples: enough for a stable 95% percentile interval, cheap for 10+ metrics
# Resamples for "corpus" measures, each a full corpus scoring (CodeBLEU on 164 HumanEval-sized
# functions takes tens of ms): a coarser interval, still paired.
CORPUS_BOOT = 300
ALPHA = 0.05


@dataclass
class Measure:
    """One metric of one model: per-prompt items keyed by prompt id, and how they aggregate.

    `empty` is the aggregate when a ratio's denominator sums to 0 (e.g. naming compliance 1.0
    when no names were declared, as `metrics.naming_report` defines it).
    """

    kind: Kind
    higher_is_better: bool
    items: dict[str, Any] = field(default_factory=dict)
    binary: bool = False  # items are 0/1 outcomes: McNemar applies
    empty: float | None = None
    value: float | None = None  # "none" kind: the aggregate, computed elsewhere
    # "corpus" kind: the metric of a list of items (with repeats), for corpus-level scores that
    # have no sufficient statistics to sum (CodeBLEU); each resample calls it once.
    corpus: Callable[[list[Any]], float | None] | None = None
    note: str = ""  # why there is no value or no interval

    def aggregate(self, ids: Sequence[str] | None = None) -> float | None:
        """The metric over `ids` (default: all items)."""
        if self.kind == "none":
            return self.value
        ids = list(self.items) if ids is None else list(ids)
        if not ids:
            return None
        weights = np.ones((1, len(ids)))
        return _finite(_statistic(self, ids)(weights)[0])


@dataclass
class ModelEval:
    """Everything measured for one model."""

    metrics: dict[str, Any] = field(default_factory=dict)  # results.json "models"[label]
    measures: dict[str, Measure] = field(default_factory=dict)  # per-prompt, for the CIs
    generations: list[dict[str, Any]] = field(default_factory=list)
    per_prompt: list[dict[str, Any]] = field(default_factory=list)


def _finite(x: float) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def _statistic(m: Measure, ids: Sequence[str]) -> Callable[[np.ndarray], np.ndarray]:
    """A function of resampling weights (n_resamples x n_prompts) -> the metric per resample.

    Weights are how often each prompt was drawn, so all-ones is the metric itself.
    """
    items = [m.items[i] for i in ids]
    if m.kind == "mean":
        values = np.asarray(items, dtype=float)
        return lambda w: (w @ values) / w.sum(axis=1)
    if m.kind == "ratio":
        num = np.asarray([n for n, _ in items], dtype=float)
        den = np.asarray([d for _, d in items], dtype=float)
        empty = np.nan if m.empty is None else m.empty

        def ratio(w: np.ndarray) -> np.ndarray:
            top, bottom = w @ num, w @ den
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), empty)

        return ratio
    if m.kind == "bleu":
        stats = np.asarray(items, dtype=float).reshape(len(items), -1)
        return lambda w: np.asarray([bleu_from_stats(row) for row in w @ stats])
    if m.kind == "corpus":
        if m.corpus is None:
            raise ValueError("a 'corpus' measure needs its corpus function")
        score = m.corpus

        def corpus(w: np.ndarray) -> np.ndarray:
            out = np.empty(len(w))
            for r, row in enumerate(w):
                drawn = [
                    item for item, k in zip(items, row.astype(int), strict=True) for _ in range(k)
                ]
                value = score(drawn) if drawn else None
                out[r] = np.nan if value is None else value
            return out

        return corpus
    if m.kind == "p90":
        pooled = np.asarray([v for values in items for v in values], dtype=float)
        owner = np.asarray([i for i, values in enumerate(items) for _ in values], dtype=int)
        empty = 0.0 if m.empty is None else m.empty

        def p90(w: np.ndarray) -> np.ndarray:
            out = np.empty(len(w))
            for r, row in enumerate(w):
                drawn = np.repeat(pooled, row[owner].astype(int))
                out[r] = percentile(drawn.tolist(), 90) if drawn.size else empty
            return out

        return p90
    raise ValueError(f"no statistic for kind {m.kind!r}")


# ---------------------------------------------------------------------------------------------
# BLEU sufficient statistics
# ---------------------------------------------------------------------------------------------


def bleu_stats(hyp: str, ref: str) -> list[float]:
    """[sys_len, ref_len, 4 n-gram matches, 4 n-gram totals] of one hypothesis (13a tokens).

    Summed over prompts and fed to `bleu_from_stats`, these give exactly sacrebleu's
    corpus BLEU (`metrics.bleu`), which is what makes a per-prompt bootstrap of it possible.
    """
    import sacrebleu

    s = sacrebleu.corpus_bleu([hyp], [[ref]], tokenize="13a")
    return [float(s.sys_len), float(s.ref_len), *map(float, s.counts), *map(float, s.totals)]


def bleu_from_stats(stats: Sequence[float]) -> float:
    """Corpus BLEU (0-100, sacrebleu's default exp smoothing) from summed `bleu_stats`."""
    from sacrebleu.metrics import BLEU

    counts = np.rint(np.asarray(stats, dtype=float)).astype(int).tolist()  # sums of counts
    sys_len, ref_len, correct, total = counts[0], counts[1], counts[2:6], counts[6:10]
    if sys_len == 0:
        return 0.0
    score = BLEU.compute_bleu(correct, total, sys_len, ref_len, smooth_method="exp").score
    return min(100.0, float(score))


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------


def compare_metric(
    base: Measure, tuned: Measure, *, n_boot: int = N_BOOT, seed: int = 0, alpha: float = ALPHA
) -> dict[str, Any]:
    """{base, tuned, delta, ci95, higher_is_better, n[, p_value][, note]} on the shared prompts.

    delta is tuned - base; ci95 the paired bootstrap interval of that difference (None when
    fewer than 2 shared prompts or the metric has no per-prompt items).
    """
    row: dict[str, Any] = {"higher_is_better": tuned.higher_is_better}
    if tuned.kind == "none" or base.kind == "none":
        b, t = base.aggregate(), tuned.aggregate()
        row.update(base=b, tuned=t, delta=_delta(b, t), ci95=None, n=0)
        note = tuned.note or base.note or "no per-prompt values: no interval"
        row["note"] = note
        return row
    ids = [i for i in base.items if i in tuned.items]
    b, t = base.aggregate(ids), tuned.aggregate(ids)
    row.update(base=b, tuned=t, delta=_delta(b, t), ci95=None, n=len(ids))
    if row["delta"] is None or len(ids) < 2:
        row["note"] = "fewer than 2 prompts with a value for both models: no interval"
        return row
    if base.kind == "mean":
        a_vals = [float(base.items[i]) for i in ids]
        b_vals = [float(tuned.items[i]) for i in ids]
        _, lo, hi = paired_bootstrap_ci(a_vals, b_vals, alpha, n_boot, seed)
        if base.binary and tuned.binary:
            a_only = sum(1 for x, y in zip(a_vals, b_vals, strict=True) if x and not y)
            b_only = sum(1 for x, y in zip(a_vals, b_vals, strict=True) if y and not x)
            row["p_value"] = mcnemar_exact(a_only, b_only)
            row["test"] = "McNemar exact"
    else:
        if base.kind == "corpus":  # one corpus-level scoring per resample: fewer of them
            n_boot = min(n_boot, CORPUS_BOOT)
        lo, hi = _bootstrap_ci(base, tuned, ids, n_boot, seed, alpha)
    row["ci95"] = None if lo is None or hi is None else [lo, hi]
    return row


def _delta(b: float | None, t: float | None) -> float | None:
    return None if b is None or t is None else t - b


def _bootstrap_ci(
    base: Measure, tuned: Measure, ids: list[str], n_boot: int, seed: int, alpha: float
) -> tuple[float | None, float | None]:
    """Percentile interval of statistic(tuned) - statistic(base) over prompt resamples.

    Both models see the same resampled prompts (that is what pairs them).
    """
    n = len(ids)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(n_boot, n))
    # Counts per prompt per resample, without a Python loop: offset each row's draws.
    offsets = (np.arange(n_boot)[:, None] * n + draws).ravel()
    weights = np.bincount(offsets, minlength=n_boot * n).reshape(n_boot, n).astype(float)
    diffs = _statistic(tuned, ids)(weights) - _statistic(base, ids)(weights)
    diffs = diffs[np.isfinite(diffs)]
    if diffs.size == 0:
        return None, None
    lo, hi = np.quantile(diffs, [alpha / 2, 1 - alpha / 2])
    return float(lo), float(hi)


def build_metrics(
    base: Mapping[str, Measure], tuned: Mapping[str, Measure], *, seed: int = 0
) -> dict[str, dict[str, Any]]:
    """The `metrics` table of results.json: every metric both models have, in base's order."""
    return {
        name: compare_metric(m, tuned[name], seed=seed) for name, m in base.items() if name in tuned
    }


def subset(measure: Measure, ids: Sequence[str]) -> Measure:
    """The same metric over some prompts only (one defect kind's pairs, say)."""
    keep = set(ids)
    return Measure(
        measure.kind,
        measure.higher_is_better,
        items={k: v for k, v in measure.items.items() if k in keep},
        binary=measure.binary,
        empty=measure.empty,
    )


def wilson_interval(successes: float, n: int, alpha: float = ALPHA) -> list[float] | None:
    """Wilson score interval of a proportion (ties counted as half a success).

    Unlike the normal approximation it stays inside [0, 1] and is honest at 0/n and n/n, which
    is where per-kind accuracies of 10-30 pairs often sit."""
    if n <= 0:
        return None
    from scipy.stats import norm

    z = float(norm.ppf(1 - alpha / 2))
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [max(0.0, centre - half), min(1.0, centre + half)]


# ---------------------------------------------------------------------------------------------
# Terminal rendering
# ---------------------------------------------------------------------------------------------


def _fmt(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.4g}" if abs(x) < 1e4 else f"{x:.3e}"
    return str(x)


def print_results(report: Mapping[str, Any], console: Any = None) -> None:
    """Print eval/results.json's `metrics` as a table: metric | base | tuned | delta | 95% CI
    (| McNemar p | prompts).

    The delta is green when it moves the metric's better way and its interval excludes 0, red
    when it moves the worse way and excludes 0, plain otherwise. `console` is a rich Console
    (default: a new one on stdout).
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    tuned = report.get("tuned", "tuned")
    metrics = report.get("metrics") or {}
    table = Table(title=f"eval: base vs {tuned}", show_lines=False)
    table.add_column("metric", no_wrap=True)
    table.add_column("base", justify="right")
    table.add_column(str(tuned), justify="right")
    table.add_column("delta", justify="right")
    table.add_column("95% CI", justify="right")
    table.add_column("p", justify="right")  # McNemar, pass/fail metrics only
    table.add_column("n", justify="right")
    for name, row in metrics.items():
        arrow = "↑" if row.get("higher_is_better") else "↓"
        delta, ci = row.get("delta"), row.get("ci95")
        delta_text = "—" if delta is None else f"{delta:+.3g}"
        if delta is not None and ci is not None and (ci[0] > 0 or ci[1] < 0):
            better = (delta > 0) == bool(row.get("higher_is_better"))
            delta_text = f"[{'green' if better else 'red'}]{delta_text}[/]"
        ci_text = "—" if ci is None else f"[{ci[0]:+.3g}, {ci[1]:+.3g}]"
        p_text = f"{row['p_value']:.3g}" if row.get("p_value") is not None else ""
        table.add_row(
            escape(f"{name} {arrow}"),
            _fmt(row.get("base")),
            _fmt(row.get("tuned")),
            delta_text,
            ci_text,
            p_text,
            _fmt(row.get("n")),
        )
    console.print(table)
    notes = [f"{name}: {row['note']}" for name, row in metrics.items() if row.get("note")]
    for note in notes:
        console.print(f"[dim]{escape(note)}[/]")
    if not metrics:
        console.print("[dim]no base-vs-tuned metrics in this results file[/]")
