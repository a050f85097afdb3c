"""The page's building blocks: escaped tables and cells, number formatting, matplotlib figures.

Every section of the report (sections/, headline.py) renders through these, so escaping and
formatting happen in one place: a cell or caption is escaped here, whatever section it comes
from. Figures are SVG (text drawn as paths) in `data:` URIs, written without a
date and with a fixed hash salt, so the same run folder gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MODEL_ORDER = ("base", "sft", "dpo", "mixed", "tuned")
MAX_CODE_CHARS = 4000
MAX_GENERIC_ROWS = 60
PALETTE = ("#1f5fbf", "#e07b00", "#2a9d4b", "#c62828", "#7b4fb5", "#6b7785", "#0097a7")

# Direction of improvement for the metrics whose meaning we know; others get no colour.
# "empty" (the share of empty answers) is checked before "rate" matches it as higher-is-better.
LOWER_IS_BETTER = (
    "loss",
    "perplexity",
    "ttft",
    "tpot",
    "latency",
    "complexity",
    "findings",
    "empty",
)
HIGHER_IS_BETTER = (
    "accuracy",
    "rate",
    "pass@",
    "pass_at",
    "bleu",
    "tokens_per_second",
    "compliance",
)


# ------------------------------------------------------------------------------------ plots


def new_figure(width: float, height: float, ncols: int = 1) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    for ax in axes:
        ax.grid(True, alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    return fig, axes


def figure_html(fig: Any, alt: str, caption: str) -> str:
    import matplotlib

    buf = io.BytesIO()
    # A fixed hash salt and no date keep the SVG, and so the report, byte-for-byte reproducible.
    with matplotlib.rc_context({"svg.hashsalt": "codetune-report", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (
        f'<figure><img alt="{esc(alt)}" src="data:image/svg+xml;base64,{data}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def line_figure(
    series: Sequence[tuple[str, list[tuple[float, float]]]],
    *,
    title: str,
    ylabel: str,
    alt: str,
    caption: str,
) -> str:
    fig, (ax,) = new_figure(5.6, 3.2)
    plot_lines(ax, series)
    ax.set_title(title)
    ax.set_xlabel("step")
    ax.set_ylabel(ylabel)
    return figure_html(fig, alt, caption)


def panels_figure(
    panels: Sequence[tuple[str, Sequence[tuple[str, list[tuple[float, float]]]]]],
    *,
    title: str,
    alt: str,
    caption: str,
) -> str:
    fig, axes = new_figure(4.0 * len(panels), 3.2, ncols=len(panels))
    for ax, (label, series) in zip(axes, panels, strict=True):
        plot_lines(ax, series)
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("step")
    fig.suptitle(title)
    return figure_html(fig, alt, caption)


def plot_lines(ax: Any, series: Sequence[tuple[str, list[tuple[float, float]]]]) -> None:
    for i, (label, pts) in enumerate(series):
        xs, ys = zip(*pts, strict=True)
        # Markers keep short runs (a handful of logs) visible as points, not invisible lines.
        ax.plot(xs, ys, marker="o", markersize=3, color=PALETTE[i % len(PALETTE)], label=label)
    ax.legend(fontsize=8)


def bar_figure(
    categories: Sequence[str],
    groups: dict[str, Sequence[Any]],
    *,
    title: str,
    alt: str,
    caption: str,
    horizontal: bool = False,
    log_scale: bool = False,
) -> str:
    import numpy as np

    n_groups = max(len(groups), 1)
    if horizontal:
        # Rows grow with the groups, but less than linearly: grouped bars sit closer together.
        height = 1.2 + len(categories) * (0.18 + 0.08 * n_groups)
        fig, (ax,) = new_figure(6.4, max(2.4, height))
    else:
        fig, (ax,) = new_figure(max(4.2, 0.7 * len(categories) * n_groups + 2.0), 3.2)
    positions = np.arange(len(categories))
    width = 0.8 / n_groups
    for i, (label, values) in enumerate(groups.items()):
        vals = [float(v) if is_number(v) else math.nan for v in values]
        offset = positions - 0.4 + width * (i + 0.5)
        color = PALETTE[i % len(PALETTE)]
        if horizontal:
            bars = ax.barh(offset, vals, height=width, label=label, color=color)
        else:
            bars = ax.bar(offset, vals, width=width, label=label, color=color)
        if len(categories) * n_groups <= 8:
            # Few bars: print the values, small differences (a loss of 11.99 vs 11.61) show.
            ax.bar_label(
                bars,
                labels=[fmt(v) if math.isfinite(v) else "" for v in vals],
                fontsize=7,
                padding=2,
            )
    labels = [shorten(c, 32) for c in categories]
    if horizontal:
        ax.set_yticks(positions, labels, fontsize=8)
        ax.invert_yaxis()
        if log_scale:
            ax.set_xscale("log")
    else:
        ax.set_xticks(positions, labels, fontsize=8, rotation=20 if len(categories) > 3 else 0)
        if log_scale:
            ax.set_yscale("log")
    if len(groups) > 1:
        ax.legend(fontsize=8)
    ax.set_title(title)
    return figure_html(fig, alt, caption)


# ------------------------------------------------------------------------------------ helpers


@dataclass(frozen=True)
class Cell:
    """A table cell with a CSS class (delta and verdict colours)."""

    text: str
    css: str = ""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def not_run(message: str) -> str:
    return f'<p class="not-run">Not run. {esc(message)}</p>'


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return fmt_int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
            return f"{value:.3g}"
        return f"{value:.4g}"
    if isinstance(value, dict | list):
        return shorten(json.dumps(value, default=str), 120)
    return str(value)


def fmt_int(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else fmt(value)


def fmt_seconds(value: Any) -> str:
    if not is_number(value):
        return ""
    if value < 120:
        return f"{value:.1f} s"
    return f"{value / 60:.1f} min"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def numeric_items(value: Any) -> dict[str, float]:
    """The numeric entries of a dict (counts by reason, by language...), or {}."""
    return {str(k): v for k, v in as_dict(value).items() if is_number(v)}


def flatten_numbers(obj: Any, prefix: str = "", skip: Iterable[str] = ()) -> dict[str, float]:
    """Numeric leaves of nested dicts as dotted keys (lists and strings are left out)."""
    out: dict[str, float] = {}
    skipped = set(skip)
    for k, v in as_dict(obj).items():
        if k in skipped:
            continue
        key = f"{prefix}{k}"
        if is_number(v):
            out[key] = v
        elif isinstance(v, dict):
            out.update(flatten_numbers(v, f"{key}."))
    return out


def points(
    rows: list[dict[str, Any]], key: str, exclude: str | None = None
) -> list[tuple[float, float]]:
    """(step, value) for rows carrying `key`; duplicates of a step keep the first value.

    The trainer logs a final evaluation at the last step again after training; keeping the
    first keeps the curve from doubling back.
    """
    seen: dict[float, float] = {}
    for row in rows:
        value, step = row.get(key), row.get("step")
        if exclude and exclude in row:
            continue
        if is_number(value) and is_number(step) and step not in seen:
            seen[step] = value
    return sorted(seen.items())


def ordered_models(models: dict[str, Any]) -> list[str]:
    known = [m for m in MODEL_ORDER if m in models]
    return known + sorted(m for m in models if m not in MODEL_ORDER)


def model_columns(obj: Any) -> dict[str, dict[str, Any]]:
    """Per-model dicts of a deploy result: {"models": {m: {...}}} or {m: {...}, ...}."""
    source = as_dict(obj).get("models", obj)
    columns = {
        k: v for k, v in as_dict(source).items() if isinstance(v, dict) and flatten_numbers(v)
    }
    return columns


def cwe_number(cwe: str) -> int:
    try:
        return int(str(cwe).split("-")[1])
    except (IndexError, ValueError):
        return 1 << 30


def is_timing(metric: str) -> bool:
    """A duration (plotted together on the latency chart); throughputs are not."""
    name = metric.lower()
    units = ("_ms", "_s", "_sec", "_seconds")
    return any(k in name for k in ("ttft", "tpot", "latency")) or any(
        name.endswith(u) or f"{u}_" in name for u in units
    )


def direction(metric: str) -> int:
    """+1 higher is better, -1 lower is better, 0 unknown."""
    name = metric.lower()
    if any(k in name for k in LOWER_IS_BETTER):
        return -1
    if any(k in name for k in HIGHER_IS_BETTER):
        return 1
    return 0


def delta_cell(metric: str, before: Any, after: Any) -> Cell | str:
    if not (is_number(before) and is_number(after)):
        return ""
    delta = after - before
    sign = direction(metric)
    css = ""
    if delta and sign:
        css = "better" if (delta > 0) == (sign > 0) else "worse"
    return Cell(f"{delta:+.4g}", css)


def better_direction(metric: str, higher_is_better: Any = None) -> bool | None:
    """A row's own `higher_is_better` where it has one, else what the metric's name says."""
    if isinstance(higher_is_better, bool):
        return higher_is_better
    sign = direction(metric)
    return None if sign == 0 else sign > 0


def ci_bounds(ci: Any) -> tuple[float, float] | None:
    """(lo, hi) of a `ci95` field, or None when it is absent or malformed."""
    if isinstance(ci, list | tuple) and len(ci) == 2 and all(is_number(x) for x in ci):
        return float(ci[0]), float(ci[1])
    return None


def ci_verdict(ci: Any, higher_is_better: bool | None) -> str:
    """'better' / 'worse' when the 95% interval of a delta excludes 0 that way, else ''.

    A delta whose interval includes 0, or that has none, is no evidence either way however
    large it is: colouring it would make noise look like a result.
    """
    bounds = ci_bounds(ci)
    if bounds is None or higher_is_better is None:
        return ""
    lo, hi = bounds
    if lo > 0:
        return "better" if higher_is_better else "worse"
    if hi < 0:
        return "worse" if higher_is_better else "better"
    return ""


def ci_text(ci: Any) -> str:
    bounds = ci_bounds(ci)
    return f"[{fmt(bounds[0])}, {fmt(bounds[1])}]" if bounds else ""


def fmt_signed(value: Any) -> str:
    """A delta with its sign: +0.125, -0.38."""
    if not is_number(value):
        return ""
    text = fmt(float(value))
    return text if text.startswith("-") else f"+{text}"


def table(header: Sequence[str] | None, rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header or ())
    thead = f"<thead><tr>{head}</tr></thead>" if header else ""
    body = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Cell):
                cls = f"num {value.css}".strip()
                cells.append(f'<td class="{cls}">{esc(value.text)}</td>')
            elif is_number(value):
                cells.append(f'<td class="num">{esc(fmt(value))}</td>')
            else:
                cells.append(f"<td>{esc(fmt(value))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>{thead}<tbody>{''.join(body)}</tbody></table>"


def key_value_table(values: dict[str, Any]) -> str:
    return table(None, [[k, v] for k, v in values.items()])


def generic_table(obj: Any) -> str:
    """Any JSON as a table of its leaves (a format this report does not know yet)."""
    rows: list[list[Any]] = []

    def walk(value: Any, key: str) -> None:
        if len(rows) >= MAX_GENERIC_ROWS:
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}" if key else str(k))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, v in enumerate(value):
                walk(v, f"{key}[{i}]")
        else:
            rows.append([key or "value", value])

    walk(obj, "")
    note = (
        f'<p class="note">First {MAX_GENERIC_ROWS} values shown.</p>'
        if len(rows) >= MAX_GENERIC_ROWS
        else ""
    )
    return table(["field", "value"], rows) + note


def code_block(text: Any) -> str:
    value = "" if text is None else str(text)
    if len(value) > MAX_CODE_CHARS:
        value = value[:MAX_CODE_CHARS] + f"\n… ({len(value) - MAX_CODE_CHARS} more characters)"
    return f"<pre>{esc(value)}</pre>"
