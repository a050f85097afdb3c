"""Code migration examples, from eval/generations.jsonl: for deprecated-API migrations and
Java -> Go translations, a few held-out items with each model's answer and what judged it
(deprecated uses the tools still found, the test's verdict; the Go build and tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codetune.stages.report.parts import code_block, esc, ordered_models

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts

EXAMPLES_PER_KIND = 3
SOURCES = {"migration": "Deprecated-API migration", "translation": "Java → Go translation"}


def _badges(row: dict[str, Any]) -> str:
    def badge(ok: bool, text: str) -> str:
        return f'<span class="badge {"ok" if ok else "fail"}">{esc(text)}</span>'

    if row.get("source") == "translation":
        status = str(row.get("status", "?"))
        return badge(bool(row.get("passed")), status.replace("_", " "))
    if not row.get("defines_function"):
        return badge(False, "no function")
    left = row.get("deprecated_left") or []
    out = badge(not left, "no deprecated API left" if not left else f"{len(left)} deprecated")
    if row.get("tests_passed") is not None:
        out += badge(
            bool(row["tests_passed"]), "test passes" if row["tests_passed"] else "test fails"
        )
    return out


def _pick(ids: list[str], by_id: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """Items where the models' verdicts differ first (what tuning changed), then the rest."""

    def verdicts(key: str) -> set[str]:
        return {_badges(row) for row in by_id[key].values()}

    differing = [k for k in ids if len(verdicts(k)) > 1]
    return (differing + [k for k in ids if k not in differing])[:EXAMPLES_PER_KIND]


def migration_section(run: RunArtifacts) -> str:
    rows = [r for r in run.generations if isinstance(r, dict) and r.get("source") in SOURCES]
    if not rows:
        return ""  # not a migration run: no section
    parts = []
    for source, title in SOURCES.items():
        by_id: dict[str, dict[str, dict[str, Any]]] = {}
        for row in (r for r in rows if r["source"] == source):
            by_id.setdefault(str(row.get("id")), {})[str(row.get("model", "?"))] = row
        if not by_id:
            continue
        models = ordered_models({m: None for group in by_id.values() for m in group})
        blocks = []
        for key in _pick(list(by_id), by_id):
            group = by_id[key]
            first = next(iter(group.values()))
            cols = [
                f"<div><h4>{esc(m)}{_badges(group[m])}</h4>"
                f"{code_block(group[m].get('completion'))}</div>"
                for m in models
                if m in group
            ]
            blocks.append(
                f'<div class="gen"><h4>{esc(title)}: <code>{esc(key)}</code></h4>'
                f"{code_block(first.get('prompt'))}"
                f'<div class="gen-row">{"".join(cols)}</div></div>'
            )
        parts.append(
            f'<h3>{esc(title)}</h3><p class="note">{len(blocks)} of {len(by_id)} held-out '
            "items, those where the models' verdicts differ first; answers are untrusted "
            "model output, shown as text.</p>" + "".join(blocks)
        )
    return "".join(parts)
