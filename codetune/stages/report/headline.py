"""The top of the report: the ship / don't-ship banner and the headline cards.

The banner restates summary.json's `gates` section, which `codetune run` writes before the
report stage (codetune/core/gates.py): green "Ship" when every gate passed, red "Don't ship" naming
the failed ones, neutral when there is nothing to decide on.

A headline card shows one key figure base → tuned with its delta, the n it rests on and the 95%
interval of the delta, taken from eval/results.json `metrics` (codetune/stages/eval/results.py
`compare_metric`) and from the deploy results. It is green only when the interval excludes 0 in
the better direction, red only when it excludes 0 in the worse one, neutral otherwise: a figure
without an interval (an older run, a latency p50 of one benchmark) is shown but never judged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from codetune.core.runs import CONFIG_FILE, SUMMARY_FILE
from codetune.stages.report.parts import (
    as_dict,
    better_direction,
    ci_text,
    ci_verdict,
    esc,
    fmt,
    fmt_int,
    fmt_signed,
    is_number,
    not_run,
)

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts

# The eval figures that headline the page, in this order: (results.json `metrics` key, label,
# what its n counts).
EVAL_HEADLINES = (
    ("heldout_loss", "held-out loss", "prompts"),
    ("preference_accuracy", "preference accuracy", "pairs"),
    ("preference_accuracy_norm", "preference accuracy, length-normalised", "pairs"),
    ("humaneval_pass@1", "HumanEval pass@1", "tasks"),
    ("syntax_valid_rate", "syntax-valid rate", "prompts"),
    ("conventions_compliance", "names in the team's conventions", "prompts"),
    ("repo_tests_pass_rate", "bodies passing the repository's own tests", "functions"),
    ("translation_pass@1", "Java → Go translations passing the Go tests", "problems"),
    (
        "parallel_translation_agreement",
        "Java → Go translations of the team's code agreeing with the Java",
        "functions",
    ),
    ("migration_clean_rate", "migrations with no deprecated API left", "functions"),
    ("testgen_mutation_score", "mutants killed by the generated tests", "functions"),
)

# Figures shown on another figure's card: the syntax-valid rate counts only non-empty answers
# that parse, so it reads right only beside the share of empty answers.
COMPANIONS = {
    "syntax_valid_rate": (("empty_rate", "empty answers"),),
    "humaneval_pass@1": (
        ("humaneval_syntax_valid_rate", "syntax-valid answers"),
        ("humaneval_empty_rate", "empty answers"),
    ),
    "translation_pass@1": (("translation_build_rate", "translations that build"),),
    "migration_clean_rate": (("migration_tests_pass", "migrated tests still passing"),),
    "testgen_mutation_score": (
        ("testgen_valid_rate", "test files passing on the real function"),
        ("testgen_line_coverage", "line coverage"),
        ("testgen_branch_coverage", "branch coverage"),
    ),
}

# Where an older results.json (no `metrics` rows) records how many items a figure rests on.
FALLBACK_N = {
    "heldout_loss": "test_samples",
    "preference_accuracy": "test_pairs",
    "preference_accuracy_norm": "test_pairs",
    "humaneval_pass@1": "humaneval_problems",
}

CARD_CLASS = {"better": "improved", "worse": "regressed", "": "neutral"}
VERDICT_TEXT = {
    "better": "improved: the 95% CI excludes 0",
    "worse": "regressed: the 95% CI excludes 0",
    "": "inconclusive: the 95% CI includes 0",
}


# ------------------------------------------------------------------------------------ banner


def gates_banner(run: RunArtifacts) -> str:
    verdicts = as_dict(run.summary.get("gates")).get("gates")
    verdicts = [v for v in verdicts if isinstance(v, dict)] if isinstance(verdicts, list) else []
    if not verdicts:
        configured = configured_gates(run.config)
        if configured:
            # The gates are checked just before the report stage; a report built after a single
            # stage (or by `codetune report` on an unfinished run) has no verdicts yet.
            return _banner(
                "neutral",
                "Gates not checked",
                f"{CONFIG_FILE} sets {configured} quality gate(s) but {SUMMARY_FILE} records no "
                "verdict: `codetune run CONFIG` checks them.",
            )
        return _banner(
            "neutral",
            "No gates configured",
            "Nothing here decides ship or don't ship: add `gates:` to the config.",
        )
    # A verdict without an explicit pass is a failure, as a missing figure is in gates.py.
    failed = [v for v in verdicts if v.get("passed") is not True]
    if not failed:
        return _banner("ship", "Ship", f"All {len(verdicts)} quality gate(s) passed.")
    items = "".join(
        f"<li><b>{esc(v.get('name') or v.get('metric') or '?')}</b>: "
        f"{esc(v.get('reason') or 'failed')}</li>"
        for v in failed
    )
    return _banner(
        "no-ship",
        "Don't ship",
        f"{len(failed)} of {len(verdicts)} quality gate(s) failed:",
        f"<ul>{items}</ul>",
    )


def configured_gates(config: dict[str, Any]) -> int:
    """How many gates the run's config sets (its `gates` and the scan's `fail_on` gate)."""
    gates = config.get("gates")
    count = len(gates) if isinstance(gates, list) else 0
    stages = config.get("stages")
    if as_dict(config.get("scan")).get("fail_on") and isinstance(stages, list) and "scan" in stages:
        count += 1
    return count


def _banner(kind: str, title: str, message: str, extra: str = "") -> str:
    return (
        f'<div class="banner {kind}" role="status"><strong>{esc(title)}</strong> '
        f"<span>{esc(message)}</span>{extra}</div>"
    )


# ------------------------------------------------------------------------------------ cards


@dataclass(frozen=True)
class Headline:
    """One card: a figure of the base and the tuned model and what the delta rests on."""

    key: str  # stable name (the metrics row), written as data-metric for tools and tests
    label: str
    base: Any = None
    tuned: Any = None
    delta: Any = None
    ci95: Any = None
    n: Any = None
    unit: str = ""  # what n counts: prompts, pairs, tasks, samples, requests
    higher_is_better: bool | None = None
    change: str | None = None  # shown instead of "Δ delta" (a latency ratio)
    details: tuple[str, ...] = ()


def headline_cards(run: RunArtifacts) -> str:
    results = as_dict(run.eval_results)
    cards = [
        *eval_headlines(results),
        *(c for c in (security_headline(run), latency_headline(run)) if c is not None),
        *training_headlines(as_dict(run.summary.get("sft"))),
    ]
    extra = _trainable_card(as_dict(run.summary.get("sft")))
    if not cards and not extra:
        return not_run("No headline figures yet (no eval results, deploy results or SFT summary).")
    tuned = results.get("tuned")
    label = tuned if isinstance(tuned, str) else "?"
    intro = (
        f'<p class="note">Each card: base → tuned model ({esc(label)}), the delta with its 95% '
        "interval and the n it rests on. Green only when the interval excludes 0 in the better "
        "direction, red only when it excludes 0 in the worse one; neutral otherwise.</p>"
    )
    policy = as_dict(run.summary.get("sft")).get("policy")
    note = f'<p class="note">Training policy: {esc(policy)}</p>' if policy else ""
    body = "".join(card_html(c) for c in cards) + extra
    return f'{intro}<div class="cards">{body}</div>{note}'


def eval_headlines(results: dict[str, Any]) -> list[Headline]:
    """The eval figures both models have: from `metrics` rows where the run has them, else from
    the models' own figures (an older results.json), then without n or interval."""
    models = as_dict(results.get("models"))
    tuned_label = results.get("tuned")
    base = as_dict(models.get("base"))
    tuned = as_dict(models.get(tuned_label)) if tuned_label != "base" else {}
    rows = as_dict(results.get("metrics"))
    cards = []
    for key, label, unit in EVAL_HEADLINES:
        row = as_dict(rows.get(key))
        if row:
            notes = []
            if is_number(row.get("p_value")):
                notes.append(f"p = {fmt(row['p_value'])} ({row.get('test') or 'paired test'})")
            if row.get("note"):
                notes.append(str(row["note"]))
            card = Headline(
                key,
                label,
                base=row.get("base"),
                tuned=row.get("tuned"),
                delta=row.get("delta"),
                ci95=row.get("ci95"),
                n=row.get("n"),
                unit=unit,
                higher_is_better=better_direction(key, row.get("higher_is_better")),
                details=tuple(notes),
            )
        else:
            b, t = model_figure(base, key), model_figure(tuned, key)
            if not (is_number(b) or is_number(t)):
                continue
            n = results.get(FALLBACK_N[key]) if key in FALLBACK_N else tuned.get("generations")
            card = Headline(
                key,
                label,
                base=b,
                tuned=t,
                delta=t - b if is_number(b) and is_number(t) else None,
                n=n,
                unit=unit,
                higher_is_better=better_direction(key),
                details=("results.json has no interval for it (an older eval)",),
            )
        cards.append(replace(card, details=card.details + companions(key, rows, base, tuned)))
    return cards


def model_figure(model: dict[str, Any], key: str) -> Any:
    """A model's own figure: HumanEval's live under models[label]["humaneval"]."""
    if key.startswith("humaneval_"):
        return as_dict(model.get("humaneval")).get(key.removeprefix("humaneval_"))
    return model.get(key)


def companions(
    key: str, rows: dict[str, Any], base: dict[str, Any], tuned: dict[str, Any]
) -> tuple[str, ...]:
    lines = []
    for name, label in COMPANIONS.get(key, ()):
        row = as_dict(rows.get(name))
        if row:
            b, t = row.get("base"), row.get("tuned")
        else:
            b, t = model_figure(base, name), model_figure(tuned, name)
        if not (is_number(b) or is_number(t)):
            continue
        line = f"{label} {fmt(b) or '—'} → {fmt(t) or '—'}"
        if ci_text(row.get("ci95")):
            line += f" (95% CI of Δ {ci_text(row.get('ci95'))})"
        lines.append(line)
    return tuple(lines)


def security_headline(run: RunArtifacts) -> Headline | None:
    """Findings per 100 generated samples (samples differ per model, so counts alone mislead)."""
    models = as_dict(as_dict(run.security).get("models"))
    scan = as_dict(run.summary.get("scan"))
    base, tuned = as_dict(models.get("base")), as_dict(models.get("tuned"))
    details = []
    if base and tuned:
        b, t = base.get("findings_per_100_samples"), tuned.get("findings_per_100_samples")
        n = tuned.get("n_samples")
        details.append(
            f"findings {fmt_int(base.get('n_findings'))} in {fmt_int(base.get('n_samples'))} → "
            f"{fmt_int(tuned.get('n_findings'))} in {fmt_int(n)} samples"
        )
    else:
        per_100 = as_dict(scan.get("findings_per_100_samples"))
        b, t = per_100.get("base"), per_100.get("tuned")
        n = as_dict(scan.get("samples")).get("tuned")
    if not (is_number(b) or is_number(t)):
        return None
    if is_number(scan.get("new_high_findings")):
        details.append(f"new high-severity findings: {fmt_int(scan['new_high_findings'])}")
    return Headline(
        "security_findings_per_100",
        "security findings per 100 samples",
        base=b,
        tuned=t,
        delta=t - b if is_number(b) and is_number(t) else None,
        n=n,
        unit="samples",
        higher_is_better=False,
        details=tuple(details),
    )


def latency_headline(run: RunArtifacts) -> Headline | None:
    """TTFT p50 at the lowest concurrency, and tuned / base (what the `bench` gates read)."""
    base_level, tuned_level = first_level(run.bench_base), first_level(run.bench)
    b = as_dict(base_level.get("ttft_ms")).get("p50")
    t = as_dict(tuned_level.get("ttft_ms")).get("p50")
    ratio = as_dict(run.summary.get("bench")).get("ttft_p50_ratio")
    if not is_number(ratio) and is_number(b) and is_number(t) and b:
        ratio = t / b
    if not (is_number(b) or is_number(t) or is_number(ratio)):
        return None
    concurrency = tuned_level.get("concurrency")
    at = f" (concurrency {fmt_int(concurrency)})" if is_number(concurrency) else ""
    return Headline(
        "ttft_p50_ratio",
        f"time to first token p50, ms{at}",
        base=b,
        tuned=t,
        n=tuned_level.get("num_requests"),
        unit="requests",
        higher_is_better=False,
        change=f"tuned / base ×{fmt(ratio)}" if is_number(ratio) else None,
    )


def first_level(report: Any) -> dict[str, Any]:
    """The lowest-concurrency level of a `codetune bench` report, or {}."""
    levels = as_dict(report).get("levels")
    levels = [lv for lv in levels if isinstance(lv, dict)] if isinstance(levels, list) else []
    numbered = [lv for lv in levels if is_number(lv.get("concurrency"))]
    return min(numbered, key=lambda lv: lv["concurrency"]) if numbered else {}


def training_headlines(sft: dict[str, Any]) -> list[Headline]:
    before, after = sft.get("val_loss_before"), sft.get("val_loss_after")
    if not (is_number(before) or is_number(after)):
        return []
    return [
        Headline(
            "sft_val_loss",
            "SFT validation loss, before → after",
            base=before,
            tuned=after,
            delta=after - before if is_number(before) and is_number(after) else None,
            higher_is_better=False,
        )
    ]


def _trainable_card(sft: dict[str, Any]) -> str:
    trainable, total = sft.get("trainable_params"), sft.get("total_params")
    if not (is_number(trainable) and is_number(total)):
        return ""
    share = trainable / max(total, 1)
    return (
        '<div class="card info"><div class="label">trainable parameters</div>'
        f'<div class="value">{esc(fmt_int(trainable))} ({share:.1%})</div></div>'
    )


def card_html(card: Headline) -> str:
    interval = ci_text(card.ci95)
    verdict = ci_verdict(card.ci95, card.higher_is_better)
    change = card.change or (f"Δ {fmt_signed(card.delta)}" if is_number(card.delta) else "Δ —")
    if interval:
        change += f" · 95% CI {interval}"
        judged = VERDICT_TEXT[verdict]
    else:
        judged = "no 95% CI: not judged"
    n = f"n = {fmt_int(card.n)} {card.unit}".strip() if is_number(card.n) else "n not recorded"
    better = {True: "higher is better", False: "lower is better"}.get(card.higher_is_better)
    lines = [change, " · ".join(x for x in (n, better) if x), judged, *card.details]
    return (
        f'<div class="card {CARD_CLASS[verdict]}" data-metric="{esc(card.key)}">'
        f'<div class="label">{esc(card.label)}</div>'
        f'<div class="value">{esc(fmt(card.base) or "—")} → {esc(fmt(card.tuned) or "—")}</div>'
        + "".join(f'<div class="detail">{esc(line)}</div>' for line in lines)
        + "</div>"
    )
