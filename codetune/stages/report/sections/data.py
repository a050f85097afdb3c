"""The data stage, from data/stats.json: why functions were dropped, files and functions per
language, the splits, duplicates, secrets, benchmark contamination and timing.

Older and hand-made stats files name some figures differently (`dropped` / `drops` at the top,
`languages`), so each figure is looked up under the names it has had; a stats file with none of
them still shows as a generic table of its numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codetune.core.runs import DATA_STATS
from codetune.stages.report.parts import (
    as_dict,
    bar_figure,
    esc,
    fmt_int,
    generic_table,
    is_number,
    key_value_table,
    not_run,
    numeric_items,
    table,
)

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts


def data_section(run: RunArtifacts) -> str:
    """Two figures (drops by reason, languages) above one small table per kind of figure."""
    stats = run.data_stats
    if stats is None:
        return not_run(f"The data stage has not run (no {DATA_STATS}).")
    if not isinstance(stats, dict):
        return generic_table(stats)
    files = as_dict(stats.get("files"))
    functions = as_dict(stats.get("functions"))
    figures, tables = [], []

    drops = numeric_items(functions.get("dropped") or stats.get("dropped") or stats.get("drops"))
    if drops:
        drops = dict(sorted(drops.items(), key=lambda kv: -kv[1]))
        figures.append(
            bar_figure(
                list(drops),
                {"functions": list(drops.values())},
                title="Functions dropped, by reason",
                horizontal=True,
                alt="functions dropped by reason",
                caption=f"{fmt_int(functions.get('extracted'))} functions extracted, "
                f"{fmt_int(functions.get('kept'))} kept.",
            )
        )
    by_language = {
        label: numeric_items(source)
        for label, source in (
            ("files", files.get("by_language")),
            ("functions extracted", functions.get("extracted_by_language")),
            ("functions kept", functions.get("kept_by_language")),
        )
    }
    by_language = {k: v for k, v in by_language.items() if v}
    if not by_language and numeric_items(stats.get("languages")):
        by_language = {"count": numeric_items(stats.get("languages"))}
    if by_language:
        languages = sorted({lang for v in by_language.values() for lang in v})
        figures.append(
            bar_figure(
                languages,
                {k: [v.get(lang, 0) for lang in languages] for k, v in by_language.items()},
                title="Languages",
                log_scale=True,
                alt="files and functions per language",
                caption="Files read, functions extracted and functions kept per language "
                "(log scale).",
            )
        )
    if drops:
        tables.append(
            "<div><h3>Dropped functions</h3>"
            + table(["reason", "functions"], drops.items())
            + "</div>"
        )
    skipped = numeric_items(files.get("skipped"))
    if skipped:
        tables.append(
            "<div><h3>Skipped files</h3>"
            + table(["reason", "files"], sorted(skipped.items(), key=lambda kv: -kv[1]))
            + "</div>"
        )
    splits = as_dict(stats.get("splits"))
    if splits:
        columns = sorted({k for v in splits.values() for k in as_dict(v)})
        tables.append(
            "<div><h3>Splits (grouped by file)</h3>"
            + table(
                ["split", *columns],
                [[s, *(as_dict(v).get(c, "") for c in columns)] for s, v in splits.items()],
            )
            + "</div>"
        )
    dedup = as_dict(stats.get("dedup"))
    dedup_numbers = {k: v for k, v in dedup.items() if is_number(v)}
    if dedup_numbers:
        tables.append("<div><h3>Duplicates</h3>" + key_value_table(dedup_numbers) + "</div>")
    secrets = as_dict(stats.get("secrets"))
    if secrets:
        rows = [[k, v] for k, v in secrets.items() if is_number(v) or isinstance(v, str)]
        rows += [[f"found: {k}", v] for k, v in numeric_items(secrets.get("by_type")).items()]
        tables.append("<div><h3>Secrets and personal data</h3>" + table(None, rows) + "</div>")
    contamination = as_dict(stats.get("contamination"))
    if contamination:
        hits = numeric_items(contamination.get("hits"))
        benchmarks = contamination.get("benchmarks") or []
        text = ", ".join(str(b) for b in benchmarks) if isinstance(benchmarks, list) else ""
        tables.append(
            "<div><h3>Benchmark contamination</h3>"
            f"<p>Checked against: {esc(text or 'nothing')}.</p>"
            + (
                table(["benchmark:match", "functions dropped"], sorted(hits.items()))
                if hits
                else ""
            )
            + "</div>"
        )
    timing = numeric_items(stats.get("timing"))
    if timing:
        tables.append("<div><h3>Timing</h3>" + key_value_table(timing) + "</div>")
    if not figures and not tables:
        tables.append("<div>" + generic_table(stats) + "</div>")
    return (
        f'<div class="figures">{"".join(figures)}</div><div class="tables">{"".join(tables)}</div>'
    )
