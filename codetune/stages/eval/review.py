"""Blind human review of base vs tuned answers: export a review sheet, import the labels.

Export picks N random prompts, puts the two answers in a random left/right order per prompt,
and writes
- `review.html`: one self-contained page (no network) to label in a browser; its button
  downloads `labels.csv` (review_id, label);
- `review.csv`: the same sheet for a spreadsheet (fill the `label` column);
- `key.json`: which side is the tuned model, per review_id. Keep it away from reviewers.
Labels: `1` or `2` (the preferred answer), `tie`, or empty (skipped).

Import joins labels with the key and reports how often the tuned answer was preferred among
decisive labels, with a Wilson score interval.
"""

from __future__ import annotations

import csv
import html
import io
import math
import os
import random
from pathlib import Path
from statistics import NormalDist

from codetune.core.errors import UserError
from codetune.core.io import read_json, write_json, write_text

_LABELS = {
    "1": 1,
    "a": 1,
    "left": 1,
    "2": 2,
    "b": 2,
    "right": 2,
    "tie": "tie",
    "=": "tie",
    "both": "tie",
    "same": "tie",
    "": None,
    "skip": None,
}


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion; (0, 1) when n == 0."""
    if n == 0:
        return 0.0, 1.0
    if not 0 <= successes <= n:
        raise ValueError(f"successes={successes} must lie between 0 and n={n}")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, center - half), min(1.0, center + half)


def export_review(
    items: list[dict],
    out_dir: str | os.PathLike[str],
    n: int = 100,
    seed: int = 0,
) -> dict[str, Path]:
    """Write review.html, review.csv and key.json for up to `n` random items.

    Each item: `prompt`, `a` (the base model's answer), `b` (the tuned model's answer), and
    optionally `id` (defaults to its index). Returns the paths by name.
    """
    if n < 1:
        raise UserError(f"review export: n must be >= 1, got {n}")
    for i, item in enumerate(items):
        missing = [f for f in ("prompt", "a", "b") if not isinstance(item.get(f), str)]
        if missing:
            raise UserError(f"review export: item #{i} lacks string field(s) {', '.join(missing)}")
    if not items:
        raise UserError("review export: no items to review")
    rng = random.Random(seed)
    chosen = rng.sample(range(len(items)), min(n, len(items)))
    rows, key = [], {}
    for pos, index in enumerate(chosen, 1):
        item = items[index]
        tuned_first = rng.random() < 0.5
        review_id = f"R{pos:04d}"
        first, second = (item["b"], item["a"]) if tuned_first else (item["a"], item["b"])
        rows.append(
            {
                "review_id": review_id,
                "prompt": item["prompt"],
                "answer_1": first,
                "answer_2": second,
            }
        )
        key[review_id] = {"id": item.get("id", index), "tuned": 1 if tuned_first else 2}
    out = Path(out_dir)
    paths = {"html": out / "review.html", "csv": out / "review.csv", "key": out / "key.json"}
    write_text(paths["html"], _render_html(rows))
    write_text(paths["csv"], _render_csv(rows))
    write_json(paths["key"], {"seed": seed, "n": len(rows), "items": key})
    return paths


def import_review(
    labels_csv: str | os.PathLike[str],
    key_file: str | os.PathLike[str],
    confidence: float = 0.95,
) -> dict:
    """Preference rate of the tuned model among decisive labels, with a Wilson interval."""
    key_path, labels_path = Path(key_file), Path(labels_csv)
    if not key_path.is_file():
        raise UserError(f"{key_path}: key file not found")
    if not labels_path.is_file():
        raise UserError(f"{labels_path}: labels file not found")
    key = read_json(key_path).get("items")
    if not isinstance(key, dict):
        raise UserError(f"{key_path}: not a review key (no 'items' mapping)")
    labels = _read_labels(labels_path, key)
    wins = sum(1 for rid, lab in labels.items() if lab == key[rid]["tuned"])
    ties = sum(1 for lab in labels.values() if lab == "tie")
    losses = sum(1 for lab in labels.values() if lab in (1, 2)) - wins
    decisive = wins + losses
    low, high = wilson_interval(wins, decisive, confidence)
    labelled = decisive + ties
    return {
        "tuned_preference_rate": wins / decisive if decisive else None,
        "ci_low": low,
        "ci_high": high,
        "confidence": confidence,
        "method": "Wilson score interval over decisive labels (ties excluded)",
        "win_rate_ties_half": (wins + ties / 2) / labelled if labelled else None,
        "counts": {
            "tuned_preferred": wins,
            "base_preferred": losses,
            "ties": ties,
            "unlabelled": len(key) - labelled,
            "total": len(key),
        },
    }


def _read_labels(path: Path, key: dict) -> dict[str, int | str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        if "review_id" not in fields or "label" not in fields:
            raise UserError(f"{path}: needs columns 'review_id' and 'label' (found {fields})")
        labels: dict[str, int | str] = {}
        for line, row in enumerate(reader, 2):
            rid = (row.get("review_id") or "").strip()
            raw = (row.get("label") or "").strip()
            if not rid and not raw:
                continue
            if rid not in key:
                raise UserError(f"{path}:{line}: review_id {rid!r} is not in the key file")
            if rid in labels:
                raise UserError(f"{path}:{line}: review_id {rid!r} labelled twice")
            if raw.lower() not in _LABELS:
                raise UserError(f"{path}:{line}: label {raw!r} must be 1, 2, tie or empty")
            label = _LABELS[raw.lower()]
            if label is not None:
                labels[rid] = label
    return labels


def _render_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf,
        fieldnames=["review_id", "prompt", "answer_1", "answer_2", "label"],
        lineterminator="\n",
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "label": ""})
    return buf.getvalue()


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>codetune blind review</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; }}
.item {{ border: 1px solid #ccc; border-radius: 6px; margin: 1.5rem 0; padding: 1rem; }}
.answers {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }}
pre {{ background: #f6f8fa; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }}
.choice {{ margin-top: .5rem; }} label {{ margin-right: 1.5rem; }}
#bar {{ position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; }}
</style></head><body>
<div id="bar"><b>Blind review</b>: for each prompt pick the better answer (or tie).
<span id="progress"></span>
<button id="download">Download labels.csv</button></div>
<p>Answers are shown in random order; which model wrote which is hidden. Choices are kept in
this browser until downloaded.</p>
{items}
<script>
(function () {{
  var ids = {ids};
  var store = "codetune-review-" + document.title + "-" + ids.length + "-" + ids[0];
  var saved = {{}};
  try {{ saved = JSON.parse(localStorage.getItem(store) || "{{}}"); }} catch (e) {{}}
  function current() {{
    var out = {{}};
    ids.forEach(function (id) {{
      var el = document.querySelector('input[name="' + id + '"]:checked');
      out[id] = el ? el.value : "";
    }});
    return out;
  }}
  function update() {{
    var labels = current(), done = 0;
    ids.forEach(function (id) {{ if (labels[id]) done++; }});
    document.getElementById("progress").textContent = done + " / " + ids.length + " labelled";
    try {{ localStorage.setItem(store, JSON.stringify(labels)); }} catch (e) {{}}
  }}
  ids.forEach(function (id) {{
    if (saved[id]) {{
      var el = document.querySelector('input[name="' + id + '"][value="' + saved[id] + '"]');
      if (el) el.checked = true;
    }}
  }});
  document.addEventListener("change", update);
  document.getElementById("download").addEventListener("click", function () {{
    var labels = current(), lines = ["review_id,label"];
    ids.forEach(function (id) {{ lines.push(id + "," + labels[id]); }});
    var blob = new Blob([lines.join("\\n") + "\\n"], {{type: "text/csv"}});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = "labels.csv";
    document.body.appendChild(a); a.click(); a.remove();
  }});
  update();
}})();
</script></body></html>
"""

_ITEM = """<div class="item" id="{rid}"><h3>{rid}</h3>
<h4>Prompt</h4><pre>{prompt}</pre>
<div class="answers"><div><h4>Answer 1</h4><pre>{a1}</pre></div>
<div><h4>Answer 2</h4><pre>{a2}</pre></div></div>
<div class="choice">
<label><input type="radio" name="{rid}" value="1"> Answer 1 is better</label>
<label><input type="radio" name="{rid}" value="2"> Answer 2 is better</label>
<label><input type="radio" name="{rid}" value="tie"> Tie</label></div></div>"""


def _render_html(rows: list[dict]) -> str:
    items = "\n".join(
        _ITEM.format(
            rid=html.escape(r["review_id"]),
            prompt=html.escape(r["prompt"]),
            a1=html.escape(r["answer_1"]),
            a2=html.escape(r["answer_2"]),
        )
        for r in rows
    )
    # review ids are generated here (R0001...), so embedding them as JSON in the script is safe
    ids = "[" + ",".join(f'"{r["review_id"]}"' for r in rows) + "]"
    return _PAGE.format(items=items, ids=ids)
