"""Paired statistics shared by the eval stage (base vs tuned per metric) and the ab stage.

McNemar's exact test for pass/fail: only the discordant pairs carry information, and under "no
difference" each is equally likely to favour either model, so the count favouring B is
Binomial(b + c, 1/2). A paired bootstrap interval of the mean difference for numbers. The
sample-size helpers say how many prompts would detect the observed effect at a given power.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value from the discordant counts b (A only) and c (B only)."""
    if b < 0 or c < 0:
        raise ValueError("discordant counts must be non-negative")
    n = b + c
    if n == 0:
        return 1.0
    # Binomial(n, 1/2) is symmetric: the two-sided p-value is twice the smaller tail.
    return float(min(1.0, 2.0 * stats.binom.cdf(min(b, c), n, 0.5)))


def paired_bootstrap_ci(
    a: Sequence[float],
    b: Sequence[float],
    alpha: float = 0.05,
    n_boot: int = 10_000,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Mean of (b - a) and its percentile bootstrap (1 - alpha) interval, resampling prompts."""
    diffs = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    if diffs.ndim != 1 or len(a) != len(b):
        raise ValueError("a and b must be 1-D and of equal length (one value per prompt)")
    if diffs.size == 0:
        raise ValueError("no pairs to compare")
    rng = np.random.default_rng(seed)
    means = np.empty(n_boot)
    # Chunks keep memory bounded for many prompts x many resamples.
    chunk = max(1, 2_000_000 // diffs.size)
    for start in range(0, n_boot, chunk):
        stop = min(n_boot, start + chunk)
        idx = rng.integers(0, diffs.size, size=(stop - start, diffs.size))
        means[start:stop] = diffs[idx].mean(axis=1)
    lo, hi = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return float(diffs.mean()), float(lo), float(hi)


def mcnemar_sample_size(
    p_b: float, p_c: float, alpha: float = 0.05, power: float = 0.8
) -> int | None:
    """Pairs needed to detect discordance rates p_b (A only) vs p_c (B only); None if equal.

    Connor (1987) normal approximation for McNemar's test.
    """
    delta, discordant = abs(p_c - p_b), p_b + p_c
    if delta == 0 or discordant == 0:
        return None
    z_a, z_b = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    n = (z_a * math.sqrt(discordant) + z_b * math.sqrt(discordant - delta**2)) ** 2 / delta**2
    return math.ceil(n)


def paired_sample_size(
    mean_diff: float, sd_diff: float, alpha: float = 0.05, power: float = 0.8
) -> int | None:
    """Pairs needed to detect a mean difference with this spread (normal approximation)."""
    if mean_diff == 0:
        return None
    if sd_diff == 0:
        return 2  # no spread: any pair shows the difference
    z_a, z_b = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    return max(2, math.ceil(((z_a + z_b) * sd_diff / abs(mean_diff)) ** 2))
