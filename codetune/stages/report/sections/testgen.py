"""Test generation examples, from eval/generations.jsonl: a few held-out functions with each
model's test file and what the sandbox made of it (valid on the real function, mutants killed,
lines and branches run, boundary values tried, mocks made)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codetune.stages.report.parts import code_block, esc, ordered_models

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts

EXAMPLES = 3


def _badge(ok: bool, text: str) -> str:
    return f'<span class="badge {"ok" if ok else "fail"}">{esc(text)}</span>'


def _badges(row: dict[str, Any]) -> str:
    if not row.get("valid"):
        return _badge(False, "invalid: fails or errors on the real function")
    killed, mutants = int(row.get("killed", 0)), int(row.get("mutants", 0))
    out = _badge(True, f"valid, {row.get('tests', 0)} tests")
    out += _badge(killed > 0, f"{killed}/{mutants} mutants killed")
    out += _badge(True, f"lines {row.get('lines_run', 0)}/{row.get('lines', 0)}")
    if row.get("branches"):
        out += _badge(True, f"branches {row.get('branches_run', 0)}/{row['branches']}")
    if row.get("boundary_tests"):
        out += _badge(True, f"{row['boundary_tests']} boundary-value tests")
    if row.get("mocks"):
        out += _badge(True, "mocks " + ", ".join(map(str, row["mocks"][:3])))
    return out


def _rank(group: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """Functions where the models differ first, then those with a valid file."""
    outcomes = {(bool(r.get("valid")), int(r.get("killed", 0))) for r in group.values()}
    return (len(outcomes) == 1, not any(r.get("valid") for r in group.values()))


def testgen_section(run: RunArtifacts) -> str:
    rows = [
        r for r in run.generations if isinstance(r, dict) and r.get("source") == "test_generation"
    ]
    if not rows:
        return ""  # eval.test_generation was off: no section
    by_id: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        by_id.setdefault(str(row.get("id")), {})[str(row.get("model", "?"))] = row
    models = ordered_models({m: None for group in by_id.values() for m in group})
    picked = sorted(by_id, key=lambda key: _rank(by_id[key]))[:EXAMPLES]
    blocks = []
    for key in picked:
        group = by_id[key]
        first = next(iter(group.values()))
        cols = [
            f"<div><h4>{esc(m)}</h4><p>{_badges(group[m])}</p>"
            f"{code_block(group[m].get('completion'))}</div>"
            for m in models
            if m in group
        ]
        blocks.append(
            f'<div class="gen"><h4><code>{esc(key.removeprefix("testgen:"))}</code></h4>'
            f"{code_block(first.get('prompt'))}"
            f'<div class="gen-row">{"".join(cols)}</div></div>'
        )
    return (
        f'<p class="note">{len(blocks)} of {len(by_id)} held-out functions, those where the '
        "models' test files fare differently first. A file is valid when it imports, runs at "
        "least one test and every test passes on the real function; mutants, lines and "
        "branches count only for valid files. Generated tests ran only in the sandbox; they are "
        "untrusted model output, shown as text.</p>" + "".join(blocks)
    )
