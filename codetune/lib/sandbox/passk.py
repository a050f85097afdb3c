"""Unbiased pass@k (Chen et al., 2021): the chance that at least one of k samples drawn from n
generated ones, c of them correct, passes the tests."""

from __future__ import annotations

from collections.abc import Iterable


def pass_at_k(n: int, c: int, k: int) -> float:
    """`1 - C(n-c, k) / C(n, k)`, computed as a product so large n never overflows.

    C(n-c, k) / C(n, k) = prod_{i=n-c+1..n} (1 - k / i); with fewer than k wrong samples every
    draw of k contains a correct one, so the estimate is exactly 1.
    """
    if k < 1:
        raise ValueError(f"pass@k needs k >= 1, got k={k}")
    if n < k:
        raise ValueError(f"pass@{k} needs at least {k} samples per task, got n={n}")
    if not 0 <= c <= n:
        raise ValueError(f"correct count c={c} must lie between 0 and n={n}")
    if n - c < k:
        return 1.0
    prob_all_wrong = 1.0
    for i in range(n - c + 1, n + 1):
        prob_all_wrong *= 1.0 - k / i
    return 1.0 - prob_all_wrong


def mean_pass_at_k(counts: Iterable[tuple[int, int]], k: int) -> float:
    """Mean pass@k over tasks given (n, c) per task."""
    values = [pass_at_k(n, c, k) for n, c in counts]
    if not values:
        raise ValueError("pass@k over no tasks is undefined")
    return sum(values) / len(values)
