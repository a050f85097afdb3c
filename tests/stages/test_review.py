"""Blind review: export hides which model wrote what; import reports a Wilson interval."""

from __future__ import annotations

import csv
import json

import pytest
import typer
from scipy.stats import binomtest
from typer.testing import CliRunner

import codetune.lib.sandbox.humaneval as humaneval
from codetune.commands.eval import review_export, review_import
from codetune.core.errors import UserError
from codetune.core.io import write_jsonl
from codetune.stages.eval.review import export_review, import_review, wilson_interval


@pytest.fixture(scope="module")
def items() -> list[dict]:
    problems = list(humaneval.load_problems().values())[:40]
    return [
        {
            "id": p["task_id"],
            "prompt": p["prompt"],
            "a": BASE_ANSWER,
            "b": p["canonical_solution"],
        }
        for p in problems
    ]


BASE_ANSWER = "    return None\n"


def label_sheet(path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["review_id", "label"])
        writer.writerows(rows)


def test_export_samples_blinds_and_shuffles(items, tmp_path):
    paths = export_review(items, tmp_path, n=30, seed=7)
    page = paths["html"].read_text()
    key = json.loads(paths["key"].read_text())["items"]
    assert len(key) == 30
    assert len({v["id"] for v in key.values()}) == 30  # no prompt twice
    sides = [v["tuned"] for v in key.values()]
    assert 1 in sides and 2 in sides  # the tuned answer is not always on the same side
    assert "tuned" not in page.lower() and "base model" not in page.lower()
    assert "src=" not in page and "://" not in page  # self-contained: nothing fetched
    with paths["csv"].open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30 and all(r["label"] == "" for r in rows)
    for row in rows:  # the key says where the tuned (canonical) answer really is
        tuned_side = key[row["review_id"]]["tuned"]
        assert row[f"answer_{tuned_side}"] != BASE_ANSWER
        assert row[f"answer_{3 - tuned_side}"] == BASE_ANSWER
    # same seed, same sheet; another seed, another sample
    again = export_review(items, tmp_path / "again", n=30, seed=7)
    assert again["csv"].read_text() == paths["csv"].read_text()
    other = export_review(items, tmp_path / "other", n=30, seed=8)
    assert other["csv"].read_text() != paths["csv"].read_text()


def test_answers_are_escaped_in_the_page(tmp_path):
    hostile = [{"id": 0, "prompt": "p", "a": "</pre><script>alert(1)</script>", "b": "<b>x</b>"}]
    page = export_review(hostile, tmp_path)["html"].read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_import_reports_preference_rate_with_wilson_interval(items, tmp_path):
    paths = export_review(items, tmp_path, n=25, seed=3)
    key = json.loads(paths["key"].read_text())["items"]
    ids = list(key)
    # a reviewer who prefers tuned 14 times, base 6 times, ties twice, skips 3
    labels = []
    for i, rid in enumerate(ids):
        tuned, base = str(key[rid]["tuned"]), str(3 - key[rid]["tuned"])
        labels.append((rid, tuned if i < 14 else base if i < 20 else "tie" if i < 22 else ""))
    label_sheet(tmp_path / "labels.csv", labels)
    result = import_review(tmp_path / "labels.csv", paths["key"])
    assert result["counts"] == {
        "tuned_preferred": 14,
        "base_preferred": 6,
        "ties": 2,
        "unlabelled": 3,
        "total": 25,
    }
    assert result["tuned_preference_rate"] == pytest.approx(14 / 20)
    reference = binomtest(14, 20).proportion_ci(confidence_level=0.95, method="wilson")
    assert result["ci_low"] == pytest.approx(reference.low)
    assert result["ci_high"] == pytest.approx(reference.high)
    assert result["win_rate_ties_half"] == pytest.approx((14 + 1) / 22)


def test_wilson_interval_matches_scipy_across_counts():
    for n in (1, 7, 50, 400):
        for wins in {0, 1, n // 3, n - 1, n}:
            ref = binomtest(wins, n).proportion_ci(confidence_level=0.9, method="wilson")
            assert wilson_interval(wins, n, 0.9) == pytest.approx((ref.low, ref.high))
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_bad_labels_and_unknown_ids_name_the_line(items, tmp_path):
    paths = export_review(items, tmp_path, n=5)
    rid = next(iter(json.loads(paths["key"].read_text())["items"]))
    label_sheet(tmp_path / "bad.csv", [(rid, "maybe")])
    with pytest.raises(UserError, match=r"bad.csv:2: label 'maybe'"):
        import_review(tmp_path / "bad.csv", paths["key"])
    label_sheet(tmp_path / "unknown.csv", [("R9999", "1")])
    with pytest.raises(UserError, match="not in the key"):
        import_review(tmp_path / "unknown.csv", paths["key"])
    label_sheet(tmp_path / "twice.csv", [(rid, "1"), (rid, "2")])
    with pytest.raises(UserError, match="twice"):
        import_review(tmp_path / "twice.csv", paths["key"])


def test_review_cli_round_trip(items, tmp_path):
    generations = tmp_path / "generations.jsonl"
    write_jsonl(
        generations,
        [{"id": i["id"], "prompt": i["prompt"], "base": i["a"], "tuned": i["b"]} for i in items],
    )
    app = typer.Typer()
    app.command("export")(review_export)
    app.command("import")(review_import)
    runner = CliRunner()
    out = tmp_path / "review"
    result = runner.invoke(app, ["export", "--generations", str(generations), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "review.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(items)  # fewer items than the default 100: all of them
    # fill the spreadsheet itself: always prefer the answer that is not "return None"
    for row in rows:
        row["label"] = "2" if row["answer_1"] == BASE_ANSWER else "1"
    with (out / "review.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    res_path = tmp_path / "result.json"
    result = runner.invoke(
        app,
        ["import", "--labels", str(out / "review.csv"), "--key", str(out / "key.json"),
         "--out", str(res_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(res_path.read_text())
    assert data["tuned_preference_rate"] == 1.0
    assert data["counts"]["tuned_preferred"] == len(items)
