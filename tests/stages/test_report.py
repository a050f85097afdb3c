"""report.html: built from the run folder alone, self-contained, escaped, and it renders.

The fixture `tests/fixtures/report_run` holds the small files of a real ci-tiny run (config,
manifest, summary, metrics logs, data and pairs stats, eval results and generations). The deploy
results are made here by the deploy modules' own functions, so the report is checked against the
formats they really write.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from codetune.core.errors import UserError
from codetune.stages.report import build_report
from codetune.stages.report.parts import ci_verdict

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report_run"
HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)></pre></textarea>'


class PageParts(HTMLParser):
    """Tags, attributes and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.scripts = 0
        self.urls: list[str] = []
        self.text: list[str] = []
        self.meta_csp: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        if tag == "script":
            self.scripts += 1
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy":
            self.meta_csp = attributes.get("content")
        for name in ("src", "href", "action", "data", "poster"):
            if attributes.get(name):
                self.urls.append(attributes[name] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> PageParts:
    parts = PageParts()
    parts.feed(page)
    return parts


def write_deploy_results(run_dir: Path) -> None:
    """deploy/security.json, ab.json and bench.json as the deploy stage writes them."""
    import codetune.stages.ab as ab
    import codetune.stages.scan.security as security
    from codetune.core.io import write_json

    def finding(i: int, cwe: str, severity: str) -> security.Finding:
        return security.Finding(f"g.jsonl#{i}", 3, cwe, "rule", severity, "message")

    findings = {
        "base": [
            finding(1, "CWE-78", "high"),
            finding(2, "CWE-78", "high"),
            finding(2, "CWE-89", "medium"),
        ],
        "tuned": [finding(1, "CWE-89", "medium"), finding(3, "CWE-502", "high")],
    }
    write_json(
        run_dir / "deploy" / "security.json",
        security.compare_models(findings, {"base": 20, "tuned": 20}),
    )
    rows_a = [{"id": i, "passed": i % 3 == 0, "latency_ms": 100.0 + i} for i in range(30)]
    rows_b = [{"id": i, "passed": i % 2 == 0, "latency_ms": 90.0 + i} for i in range(30)]
    result = ab.compare(
        rows_a, rows_b, ["passed"], ["latency_ms"], n_boot=200, lower_is_better=["latency_ms"]
    )
    write_json(run_dir / "deploy" / "ab.json", result)
    write_json(
        run_dir / "deploy" / "bench.json",
        {
            "prompts": 8,
            "models": {
                "base": {"ttft_ms_p50": 41.5, "tpot_ms_p50": 12.25, "tokens_per_second": 80.1},
                "tuned": {"ttft_ms_p50": 43.0, "tpot_ms_p50": 12.5, "tokens_per_second": 78.4},
            },
        },
    )


def make_run(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder)
    write_deploy_results(folder)
    return folder


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """A run folder of its own, for tests that change it."""
    return make_run(tmp_path / "run")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One report built for the tests that only read it: (run folder, report)."""
    run = make_run(tmp_path_factory.mktemp("built") / "run")
    return run, build_report(run)


def test_report_has_every_section_with_plots_from_the_run(built: tuple[Path, Path]) -> None:
    run_dir, out = built
    assert out == run_dir / "report.html"
    page = out.read_text(encoding="utf-8")
    parts = parse(page)
    alts = {img["alt"] for img in parts.images}
    for alt in (
        "sft loss curve",
        "dpo loss curve",
        "dpo reward margins and accuracies",
        "functions dropped by reason",
        "files and functions per language",
        "held-out loss per model",
        "preference accuracy per defect kind",
        "security findings per CWE",
        "latency per model",
    ):
        assert alt in alts, alt
    for img in parts.images:
        src = img["src"] or ""
        assert src.startswith("data:image/svg+xml;base64,"), src[:60]
        svg = ET.fromstring(base64.b64decode(src.split(",", 1)[1]))
        assert svg.tag.endswith("svg") and float(svg.attrib["width"].rstrip("pt")) > 0

    text = " ".join(" ".join(parts.text).split())
    results = json.loads((run_dir / "eval" / "results.json").read_text())
    base_loss = results["models"]["base"]["heldout_loss"]
    assert f"{base_loss:.4g}" in text
    stats = json.loads((run_dir / "data" / "stats.json").read_text())
    for reason in stats["functions"]["dropped"]:
        assert reason in text
    for cwe in ("CWE-78", "CWE-89", "CWE-502"):
        assert cwe in text
    assert "ttft_ms_p50" in text
    ab = json.loads((run_dir / "deploy" / "ab.json").read_text())
    for name, metric in ab["metrics"].items():
        assert f"{name} {metric['kind']}" in text and metric["verdict"] in text
    generations = [
        json.loads(line)
        for line in (run_dir / "eval" / "generations.jsonl").read_text().splitlines()
    ]
    assert generations[0]["completion"].strip().splitlines()[0] in page.replace("&quot;", '"')
    assert "Not run" not in text


def test_report_is_self_contained(built: tuple[Path, Path]) -> None:
    parts = parse(built[1].read_text(encoding="utf-8"))
    # Every resource is inline: only in-page anchors and data: images, nothing to fetch.
    assert parts.urls and all(u.startswith(("#", "data:")) for u in parts.urls), parts.urls
    assert parts.meta_csp is not None and "default-src 'none'" in parts.meta_csp
    assert (
        "img-src data:" in parts.meta_csp
        and "unsafe-inline" not in parts.meta_csp.split("script-src")[1]
    )
    assert parts.scripts == 1


def add_hostile_generations(run_dir: Path) -> None:
    """A prompt every model answered with markup; first in the file, so the report shows it."""
    gens = run_dir / "eval" / "generations.jsonl"
    hostile = [
        {
            "model": m,
            "id": "hostile",
            "prompt": f"def f():  # {HOSTILE}",
            "completion": HOSTILE,
            "reference": HOSTILE,
            "syntax_valid": False,
        }
        for m in ("base", "sft", "dpo")
    ]
    gens.write_text("".join(json.dumps(r) + "\n" for r in hostile) + gens.read_text())


def test_untrusted_generations_are_escaped(run_dir: Path) -> None:
    add_hostile_generations(run_dir)
    page = build_report(run_dir).read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    parts = parse(page)
    assert parts.scripts == 1  # only the page's own script
    assert HOSTILE in "".join(parts.text)  # shown as text, verbatim


def test_the_run_folder_alone_rebuilds_the_same_report(run_dir: Path, tmp_path: Path) -> None:
    first = build_report(run_dir, tmp_path / "first.html")
    moved = tmp_path / "elsewhere" / "renamed-run"
    shutil.copytree(run_dir, moved)
    second = build_report(moved)
    assert first.read_bytes() == second.read_bytes()
    assert str(run_dir) not in second.read_text(encoding="utf-8")
    assert not list(moved.glob(".report.html.*"))  # atomic write left no temp file


def test_missing_stages_get_a_note_not_a_crash(tmp_path: Path) -> None:
    run = tmp_path / "early"
    (run / "data").mkdir(parents=True)
    shutil.copy(FIXTURE / "config.yaml", run / "config.yaml")
    shutil.copy(FIXTURE / "data" / "stats.json", run / "data" / "stats.json")
    manifest = json.loads((FIXTURE / "manifest.json").read_text())
    manifest["stages"] = {"data": manifest["stages"]["data"]}
    (run / "manifest.json").write_text(json.dumps(manifest))
    (run / "sft").mkdir()
    # A run killed mid-write leaves a torn last line in the metrics log.
    (run / "sft" / "metrics.jsonl").write_text(
        '{"stage": "sft", "step": 2, "loss": 3.5}\n{"stage": "sft", "step": 4, "loss": 3.1}\n'
        '{"stage": "sft", "st'
    )
    page = build_report(run).read_text(encoding="utf-8")
    parts = parse(page)
    text = " ".join(" ".join(parts.text).split())
    for missing in (
        "no eval/results.json",
        "no deploy/security.json",
        "no deploy/bench.json",
        "no deploy/ab.json",
        "no eval/generations.jsonl",
        "no pairs/stats.json",
    ):
        assert missing in text, missing
    assert "1 unreadable line(s) skipped" in text
    assert {img["alt"] for img in parts.images} >= {"sft loss curve", "functions dropped by reason"}


def test_unknown_deploy_format_is_shown_as_a_table(run_dir: Path) -> None:
    (run_dir / "deploy" / "bench.json").write_text(json.dumps({"p99_ms": 12.5, "note": "<b>x</b>"}))
    page = build_report(run_dir).read_text(encoding="utf-8")
    assert "p99_ms" in page and "12.5" in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_files_of_unexpected_shape_are_shown_not_fatal(run_dir: Path) -> None:
    odd = {
        "data/stats.json": [],
        "pairs/stats.json": {"train": 5},
        "eval/results.json": {"models": [], "tuned": 3, "marker_eval": 1.5},
        "deploy/security.json": "marker-security",
        "deploy/bench.json": [1, 2],
        "deploy/ab.json": {"metrics": {"marker_ab": 1}},
        "summary.json": [1, 2],
        "manifest.json": {"stages": {"sft": "weird", "x": {"metrics": 5}}},
    }
    for rel, value in odd.items():
        (run_dir / rel).write_text(json.dumps(value))
    (run_dir / "sft" / "metrics.jsonl").write_text('[1]\n"s"\n{"step": "a", "loss": "b"}\n')
    (run_dir / "eval" / "generations.jsonl").write_text('{"model": null}\n[3]\n')
    (run_dir / "config.yaml").write_text("name: [unclosed\n")
    text = " ".join(parse(build_report(run_dir).read_text(encoding="utf-8")).text)
    for marker in ("marker_eval", "marker-security", "marker_ab", "[1, 2]"):
        assert marker in text, marker


def test_a_folder_that_is_not_a_run_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a run folder"):
        build_report(tmp_path)
    with pytest.raises(UserError, match="no such run folder"):
        build_report(tmp_path / "absent")


# ------------------------------------------------------------------------ verdicts and evidence


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


def set_gates(run_dir: Path, verdicts: list[dict[str, Any]] | None) -> None:
    """summary.json's `gates` section as pipeline.enforce_gates writes it (None: no section)."""
    summary = read_json(run_dir / "summary.json")
    summary.pop("gates", None)
    if verdicts is not None:
        summary["gates"] = {"passed": all(v["passed"] for v in verdicts), "gates": verdicts}
    write(run_dir / "summary.json", summary)


def edit_config(run_dir: Path, **sections: dict[str, Any]) -> None:
    """Update sections of the run's config.yaml (e.g. dpo={"rpo_alpha": 0.2})."""
    path = run_dir / "config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, values in sections.items():
        if isinstance(values, dict):
            config[name] = {**(config.get(name) or {}), **values}
        else:
            config[name] = values
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def banner(page: str) -> tuple[str, str]:
    """(kind, visible text) of the page's gates banner."""
    found = re.search(r'<div class="banner ([\w-]+)" role="status">(.*?)</div>', page, re.S)
    assert found, "no banner"
    return found.group(1), " ".join("".join(parse(found.group(2)).text).split())


def cards(page: str) -> dict[str, tuple[str, str]]:
    """Headline cards by metric: (colour class, visible text)."""
    found = re.findall(
        r'<div class="card (\w+)" data-metric="([^"]+)">(.*?</div>)</div>', page, re.S
    )
    return {
        metric: (css, " ".join(" ".join(parse(body).text).split())) for css, metric, body in found
    }


def table_row(page: str, first_cell: str) -> str:
    """The <tr> of the first table row whose first cell is `first_cell` (escaped)."""
    cell = f"<td>{html.escape(first_cell, quote=True)}</td>"
    rows = [r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if r.startswith(f"<tr>{cell}")]
    assert rows, first_cell
    return rows[0]


def row(base: float, tuned: float, ci: list[float] | None, n: int, higher: bool) -> dict:
    """A results.json `metrics` row as evaluate/results.py compare_metric writes it."""
    return {
        "higher_is_better": higher,
        "base": base,
        "tuned": tuned,
        "delta": tuned - base,
        "ci95": ci,
        "n": n,
    }


def add_current_eval_fields(run_dir: Path) -> dict[str, Any]:
    """eval/results.json with the fields the eval stage writes now (the fixture predates them):
    metrics rows with intervals, length-normalised preference accuracy overall and per kind,
    metrics_by_kind, HumanEval and empty rates. The old fields stay."""
    path = run_dir / "eval" / "results.json"
    results = read_json(path)
    results["min_headline_pairs"] = 20
    for label, norm, humaneval in (
        ("base", 0.5, {"pass@1": 0.5, "syntax_valid_rate": 0.75, "empty_rate": 0.25}),
        ("dpo", 0.6875, {"pass@1": 0.25, "syntax_valid_rate": 0.5, "empty_rate": 0.5}),
    ):
        model = results["models"][label]
        model["preference_accuracy_norm"] = norm
        model["empty_rate"] = 0.5 if label == "base" else 0.25
        model["humaneval"] = {**humaneval, "n_tasks": 4, "n_samples": 4}
        kinds = model["preference_by_kind"]
        kinds["swallowed_exception"]["pairs"] = 24
        kinds[HOSTILE] = {"accuracy": 0.5, "pairs": 2}
        for entry in kinds.values():
            entry |= {
                "accuracy_norm": entry["accuracy"],
                "ci95": [0.1, 0.9],
                "ci95_norm": [0.1, 0.9],
                "headline": entry["pairs"] >= 20,
            }
    results["metrics"] = {
        # Lower is better and the interval lies below 0: an improvement.
        "heldout_loss": row(11.9902, 11.6087, [-0.52, -0.24], 16, higher=False),
        # Up by 0.125, but the interval crosses 0: no call either way.
        "preference_accuracy": row(0.4375, 0.5625, [-0.1, 0.35], 16, higher=True)
        | {"p_value": 0.45, "test": "McNemar exact"},
        "preference_accuracy_norm": row(0.5, 0.6875, [0.06, 0.31], 16, higher=True),
        # Down, and the interval lies below 0: a regression.
        "humaneval_pass@1": row(0.5, 0.25, [-0.5, -0.05], 4, higher=True),
        # An interval that touches 0 does not exclude it.
        "syntax_valid_rate": row(0.0, 0.25, [0.0, 0.75], 4, higher=True),
        "empty_rate": row(0.5, 0.25, [-0.75, 0.25], 4, higher=False),
    }
    kinds = sorted(results["models"]["base"]["preference_by_kind"])
    results["metrics_by_kind"] = {
        kind: {
            "preference_accuracy": row(0.25, 0.5, [0.05, 0.45], 2, higher=True),
            "preference_accuracy_norm": row(0.25, 0.75, [0.1, 0.9], 2, higher=True),
        }
        for kind in kinds
    }
    results["metrics_by_kind"]["swallowed_exception"] = {
        "preference_accuracy": row(0.25, 0.5, [-0.1, 0.5], 24, higher=True),
        "preference_accuracy_norm": row(0.3, 0.6, [0.12, 0.48], 24, higher=True),
    }
    write(path, results)
    return results


def test_banner_says_ship_when_every_gate_passed(run_dir: Path) -> None:
    set_gates(
        run_dir,
        [
            {"name": "loss", "metric": "eval.metrics.heldout_loss.delta", "value": -0.4,
             "min": None, "max": 0.0, "passed": True, "reason": "ok"},
            {"name": "ttft", "metric": "bench.ttft_p50_ratio", "value": 1.1,
             "min": None, "max": 1.25, "passed": True, "reason": "ok"},
        ],
    )  # fmt: skip
    page = build_report(run_dir).read_text(encoding="utf-8")
    kind, text = banner(page)
    assert kind == "ship" and text == "Ship All 2 quality gate(s) passed."
    # At the top of the page, before the first section.
    assert page.index('class="banner') < page.index("<section")


def test_banner_says_dont_ship_naming_the_failed_gates(run_dir: Path) -> None:
    set_gates(
        run_dir,
        [
            {"name": "loss", "metric": "eval.metrics.heldout_loss.delta", "value": -0.4,
             "min": None, "max": 0.0, "passed": True, "reason": "ok"},
            {"name": HOSTILE, "metric": "bench.ttft_p50_ratio", "value": 1.5, "min": None,
             "max": 1.25, "passed": False, "reason": "bench.ttft_p50_ratio = 1.5 > 1.25"},
            {"name": "syntax", "metric": "eval.metrics.syntax_valid_rate.tuned", "value": None,
             "min": 0.99, "max": None, "passed": False,
             "reason": "eval.metrics.syntax_valid_rate.tuned is missing or not a number"},
        ],
    )  # fmt: skip
    page = build_report(run_dir).read_text(encoding="utf-8")
    kind, text = banner(page)
    assert kind == "no-ship"
    assert text.startswith("Don't ship 2 of 3 quality gate(s) failed:")
    assert f"{HOSTILE}: bench.ttft_p50_ratio = 1.5 > 1.25" in text
    assert "syntax: eval.metrics.syntax_valid_rate.tuned is missing or not a number" in text
    assert "loss:" not in text  # a gate that passed is not named
    assert HOSTILE not in page and parse(page).scripts == 1


def test_banner_is_neutral_without_gates(run_dir: Path) -> None:
    page = build_report(run_dir).read_text(encoding="utf-8")  # the fixture: no gates at all
    kind, text = banner(page)
    assert kind == "neutral" and text.startswith("No gates configured")
    # Gates in the config but no verdicts in summary.json: not checked, not "no gates".
    edit_config(run_dir, gates=[{"name": "loss", "metric": "eval.metrics.heldout_loss.delta",
                                 "max": 0.0}])  # fmt: skip
    kind, text = banner(build_report(run_dir).read_text(encoding="utf-8"))
    assert kind == "neutral" and text.startswith("Gates not checked config.yaml sets 1")


@pytest.mark.parametrize(
    ("ci", "higher", "verdict"),
    [
        ([0.01, 0.2], True, "better"),
        ([0.01, 0.2], False, "worse"),
        ([-0.2, -0.01], True, "worse"),
        ([-0.2, -0.01], False, "better"),
        ([-0.1, 0.3], True, ""),  # crosses 0
        ([0.0, 0.3], True, ""),  # touches 0: does not exclude it
        (None, True, ""),  # no interval
        ([0.01, 0.2], None, ""),  # direction unknown
    ],
)
def test_a_delta_is_coloured_only_when_its_interval_excludes_zero(
    ci: list[float] | None, higher: bool | None, verdict: str
) -> None:
    assert ci_verdict(ci, higher) == verdict


def test_headline_cards_show_n_and_ci_and_colour_by_the_interval(run_dir: Path) -> None:
    add_current_eval_fields(run_dir)
    write(
        run_dir / "deploy" / "bench_base.json",
        {"levels": [{"concurrency": 1, "num_requests": 8, "ttft_ms": {"p50": 40.0}}]},
    )
    write(
        run_dir / "deploy" / "bench.json",
        {"levels": [{"concurrency": 1, "num_requests": 8, "ttft_ms": {"p50": 44.0}},
                    {"concurrency": 4, "num_requests": 8, "ttft_ms": {"p50": 90.0}}]},
    )  # fmt: skip
    page = build_report(run_dir).read_text(encoding="utf-8")
    found = cards(page)
    assert {m: css for m, (css, _) in found.items()} == {
        "heldout_loss": "improved",
        "preference_accuracy": "neutral",
        "preference_accuracy_norm": "improved",
        "humaneval_pass@1": "regressed",
        "syntax_valid_rate": "neutral",
        "security_findings_per_100": "neutral",
        "ttft_p50_ratio": "neutral",
        "sft_val_loss": "neutral",
    }
    text = found["preference_accuracy"][1]
    assert "0.4375 → 0.5625" in text and "Δ +0.125 · 95% CI [-0.1, 0.35]" in text
    assert "n = 16 pairs" in text and "inconclusive" in text
    assert "p = 0.45 (McNemar exact)" in text
    assert "Δ -0.3815 · 95% CI [-0.52, -0.24]" in found["heldout_loss"][1]
    assert "n = 4 tasks" in found["humaneval_pass@1"][1]
    # The empty share beside every syntax-valid rate.
    assert "empty answers 0.5 → 0.25 (95% CI of Δ [-0.75, 0.25])" in found["syntax_valid_rate"][1]
    assert "syntax-valid answers 0.75 → 0.5" in found["humaneval_pass@1"][1]
    assert "empty answers 0.25 → 0.5" in found["humaneval_pass@1"][1]
    # The deploy figures have no interval: shown, never judged.
    assert "15 → 10" in found["security_findings_per_100"][1]
    assert "n = 20 samples" in found["security_findings_per_100"][1]
    ttft = found["ttft_p50_ratio"][1]
    assert "40 → 44" in ttft and "tuned / base ×1.1" in ttft and "n = 8 requests" in ttft
    assert "no 95% CI: not judged" in ttft
    # The CI table colours by the same rule as the cards.
    assert 'class="num better">-0.3815' in table_row(page, "heldout_loss")
    assert 'class="num">+0.125' in table_row(page, "preference_accuracy")


def test_cards_of_a_run_without_intervals_are_neutral(built: tuple[Path, Path]) -> None:
    page = built[1].read_text(encoding="utf-8")
    found = cards(page)
    assert {"heldout_loss", "preference_accuracy", "syntax_valid_rate"} <= set(found)
    assert {css for css, _ in found.values()} == {"neutral"}
    assert "11.99 → 11.61" in found["heldout_loss"][1]
    assert "n = 16 prompts" in found["heldout_loss"][1]
    assert "no 95% CI: not judged" in found["heldout_loss"][1]


def test_learning_rate_and_grad_norm_curves_per_training_stage(run_dir: Path) -> None:
    # A mixed stage too: its log in the DPO log's format.
    (run_dir / "mixed").mkdir()
    (run_dir / "mixed" / "metrics.jsonl").write_text(
        (run_dir / "dpo" / "metrics.jsonl")
        .read_text()
        .replace('"stage": "dpo"', '"stage": "mixed"')
        + '{"stage": "mixed", "step": 9, "loss": 1.0, "grad_norm": NaN}\n'
    )
    page = build_report(run_dir).read_text(encoding="utf-8")
    alts = [img["alt"] for img in parse(page).images]
    for stage in ("sft", "dpo", "mixed"):
        assert alts.count(f"{stage} learning rate and grad norm") == 1, stage
    text = " ".join(" ".join(parse(page).text).split())
    assert "dashed: max_grad_norm = 1" in text
    assert "1 non-finite gradient norm(s) not drawn" in text


def test_preference_loss_curves_name_their_nll_term(run_dir: Path) -> None:
    text = " ".join(" ".join(parse(build_report(run_dir).read_text()).text).split())
    assert "NLL" not in text  # the fixture's DPO has no rpo_alpha: a plain DPO loss

    edit_config(run_dir, dpo={"rpo_alpha": 0.2}, mixed={"loss_type": "sigmoid", "sft_ratio": 0.5})
    (run_dir / "mixed").mkdir()
    shutil.copy(run_dir / "dpo" / "metrics.jsonl", run_dir / "mixed" / "metrics.jsonl")
    text = " ".join(" ".join(parse(build_report(run_dir).read_text()).text).split())
    assert (
        "dpo: training loss (DPO + 0.2 × NLL on chosen) per logging step and validation loss "
        "per evaluation (from metrics.jsonl). The NLL weight is dpo.rpo_alpha." in text
    )
    assert "mixed: training loss (DPO + 0.5 × NLL on chosen)" in text
    assert "The NLL weight is mixed.sft_ratio." in text


def test_preference_accuracy_per_kind_base_vs_tuned(run_dir: Path) -> None:
    add_current_eval_fields(run_dir)
    page = build_report(run_dir).read_text(encoding="utf-8")
    assert HOSTILE not in page and parse(page).scripts == 1
    header = re.search(r"<h3>Preference accuracy per defect kind</h3><table>.*?</tr>", page, re.S)
    assert header and "Δ norm (dpo − base)" in header.group(0)
    # A kind with enough pairs: the interval of Δ norm excludes 0, so it is coloured.
    swallowed = table_row(page, "swallowed_exception")
    assert re.findall(r"<td[^>]*>([^<]*)</td>", swallowed) == [
        "swallowed_exception", "24", "0.25", "0.5", "0.3", "0.6", "+0.3", "[0.12, 0.48]", "yes",
    ]  # fmt: skip
    assert 'class="num better">+0.3' in swallowed
    # Kinds with few pairs: shown, marked, never coloured even when the interval excludes 0.
    for kind in ("off_by_one", HOSTILE):
        few = table_row(page, kind)
        assert "few pairs (&lt; 20)" in few and 'class="num">+0.5' in few
    rows = re.findall(
        r"<tr><td>([^<]*)</td>", page.split("Preference accuracy per defect kind</h3>")[1]
    )
    assert rows[0] == "swallowed_exception"  # the kind that can carry a verdict comes first


def test_per_kind_table_of_an_older_eval_is_the_raw_accuracy_per_model(
    built: tuple[Path, Path],
) -> None:
    page = built[1].read_text(encoding="utf-8")
    section = page.split("<h3>Preference accuracy per defect kind</h3>")[1]
    header = re.search(r"<thead>.*?</thead>", section, re.S)
    assert header and re.findall(r"<th>([^<]*)</th>", header.group(0)) == [
        "kind", "pairs", "base", "sft", "dpo",
    ]  # fmt: skip
    assert "few pairs" not in page


def test_empty_rate_is_shown_beside_the_syntax_valid_rate(run_dir: Path) -> None:
    add_current_eval_fields(run_dir)
    gens = run_dir / "eval" / "generations.jsonl"
    empty = {"model": "dpo", "id": "empty", "prompt": "def f():\n", "completion": '    """x"""\n',
             "syntax_valid": False, "answer": "empty"}  # fmt: skip
    gens.write_text(
        "".join(json.dumps(empty | {"model": m}) + "\n" for m in ("base", "sft", "dpo"))
        + gens.read_text()
    )
    page = build_report(run_dir).read_text(encoding="utf-8")
    # In the per-model table the empty share follows the syntax-valid rate.
    metrics = re.findall(r"<tr><td>([\w.@]+)</td>", page)
    for prefix in ("", "humaneval."):
        i = metrics.index(f"{prefix}syntax_valid_rate")
        assert metrics[i + 1] == f"{prefix}empty_rate", metrics
    # An empty body parses but is no answer: badged as empty, not as a syntax error.
    block = page.split("<h4>prompt <code>empty</code></h4>")[1].split('<div class="gen">')[0]
    assert block.count("empty answer</span>") == 3 and "syntax error" not in block


# ------------------------------------------------------------------------ headless Chromium


def chromium_binary() -> str | None:
    for name in (
        os.environ.get("CODETUNE_CHROMIUM"),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def render_in_chromium(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM after load, and the console messages (errors, CSP violations, exceptions).

    The flags keep a root, sandbox-less, offline Chromium from reaching for the network;
    --enable-logging=stderr prints every console message as a `CONSOLE` log line.
    """
    cmd = [
        chromium_binary() or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=5000",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if re.search(r"CONSOLE[(:]", line)]
    return proc.stdout, console


def image_counts(dom: str) -> dict[str, str]:
    root = re.search(r"<html[^>]*>", dom)
    assert root, dom[:500]
    return dict(re.findall(r'(data-images[\w-]*)="([^"]*)"', root.group(0)))


needs_chromium = pytest.mark.skipif(
    chromium_binary() is None,
    reason="headless Chromium not installed (apt-get install chromium; `make test` installs it)",
)


@needs_chromium
def test_report_renders_in_chromium_without_console_errors(run_dir: Path, tmp_path: Path) -> None:
    add_hostile_generations(run_dir)
    report = build_report(run_dir)
    n_images = len(parse(report.read_text(encoding="utf-8")).images)
    assert n_images >= 9

    # The harness must see what it checks for: a broken image and a console message (here the
    # CSP blocking an injected script, as it would block a generation that escaped escaping).
    broken = tmp_path / "broken.html"
    page = report.read_text(encoding="utf-8")
    page = page.replace('src="data:image/svg+xml;base64,', 'src="data:image/svg+xml;base64,AAAA', 1)
    broken.write_text(page.replace("</main>", '<script>console.error("injected")</script></main>'))
    dom, console = render_in_chromium(broken, tmp_path / "profile-broken")
    counts = image_counts(dom)
    assert int(counts["data-images-decoded"]) == n_images - 1 and counts["data-images-broken"]
    assert any("Content Security Policy" in line for line in console), console

    dom, console = render_in_chromium(report, tmp_path / "profile")
    assert console == []
    counts = image_counts(dom)
    assert counts == {
        "data-images": str(n_images),
        "data-images-decoded": str(n_images),
        "data-images-broken": "",
    }


def test_the_eval_section_says_which_sandbox_isolation_ran(run_dir: Path) -> None:
    results_path = run_dir / "eval" / "results.json"
    results = json.loads(results_path.read_text())
    for label, mode in (("base", "root"), ("dpo", "none")):
        results["models"][label]["humaneval"] = {"pass@1": 0.25, "n_tasks": 4, "sandbox": mode}
    results_path.write_text(json.dumps(results))
    page = build_report(run_dir).read_text(encoding="utf-8")
    assert "Generated code ran in the sandbox with namespaces (PID, network" in page
    assert "rlimits and a process-group kill only: no namespaces" in page


def test_translation_headline_shows_pass_rate_with_the_build_rate_beside_it(run_dir: Path) -> None:
    results = add_current_eval_fields(run_dir)
    results["metrics"]["translation_pass@1"] = row(0.125, 0.25, [0.03, 0.22], 32, higher=True)
    results["metrics"]["translation_build_rate"] = row(0.5, 0.75, [0.05, 0.45], 32, higher=True)
    write(run_dir / "eval" / "results.json", results)
    found = cards(build_report(run_dir).read_text(encoding="utf-8"))
    css, text = found["translation_pass@1"]
    assert css == "improved"
    assert "Java → Go translations passing the Go tests" in text and "n = 32 problems" in text
    assert "translations that build 0.5 → 0.75" in text


def test_migration_examples_show_each_models_verdict_and_only_in_migration_runs(
    run_dir: Path,
) -> None:
    from codetune.core.io import write_jsonl

    page = build_report(run_dir).read_text(encoding="utf-8")
    assert 'id="migration"' not in page  # no migration in this run: no section
    rows = []
    for model, left, passed in (
        ("base", ["G010: Logging statement uses `warn`"], True),
        ("dpo", [], True),
    ):
        rows.append(
            {
                "model": model,
                "source": "migration",
                "id": "lib/cart.py:3:close::migrate",
                "prompt": "# Migrate this Python function ...\n# Before:\ndef close(): ...\n",
                "completion": "def close():\n    log.warning('x')\n",
                "defines_function": True,
                "deprecated_left": left,
                "tests_passed": passed,
            }
        )
    rows.append(
        {
            "model": "base",
            "source": "translation",
            "id": "Go/3",
            "prompt": "// Java",
            "completion": "func F() {}",
            "status": "build_failed",
        }
    )
    write_jsonl(run_dir / "eval" / "generations.jsonl", rows)
    page = build_report(run_dir).read_text(encoding="utf-8")
    section = page[page.index('<section id="migration">') :]
    section = section[: section.index("</section>")]
    assert "Deprecated-API migration" in section and "Java → Go translation" in section
    assert "1 deprecated" in section and "no deprecated API left" in section
    assert "test passes" in section and "build failed" in section
    assert '<a href="#migration">' in page


def test_test_generation_headline_and_examples(run_dir: Path) -> None:
    from codetune.core.io import write_jsonl

    page = build_report(run_dir).read_text(encoding="utf-8")
    assert 'id="testgen"' not in page  # eval.test_generation off: no section
    results = add_current_eval_fields(run_dir)
    results["metrics"]["testgen_mutation_score"] = row(0.2, 0.3, [-0.05, 0.25], 12, higher=True)
    results["metrics"]["testgen_branch_coverage"] = row(0.4, 0.6, [0.05, 0.35], 12, higher=True)
    write(run_dir / "eval" / "results.json", results)
    base = {
        "source": "test_generation",
        "id": "testgen:shop/numbers.py:3:clamp",
        "prompt": "def clamp(x, lo, hi): ...\n# Tests:\n",
        "completion": "import unittest\n<script>x</script>\n",
        "valid": False,
        "tests": 1,
        "mutants": 3,
        "killed": 0,
    }
    tuned = base | {
        "valid": True,
        "killed": 2,
        "lines": 5,
        "lines_run": 4,
        "branches": 4,
        "branches_run": 3,
        "boundary_tests": 1,
        "mocks": ["mock.patch('os.remove')"],
    }
    write_jsonl(
        run_dir / "eval" / "generations.jsonl",
        [base | {"model": "base"}, tuned | {"model": "dpo"}],
    )
    page = build_report(run_dir).read_text(encoding="utf-8")
    css, text = cards(page)["testgen_mutation_score"]
    assert css == "neutral" and "mutants killed by the generated tests" in text
    assert "branch coverage 0.4 → 0.6" in text and "n = 12 functions" in text
    section = page[page.index('<section id="testgen">') :]
    section = section[: section.index("</section>")]
    assert "invalid: fails or errors on the real function" in section
    assert "2/3 mutants killed" in section and "branches 3/4" in section
    assert "1 boundary-value tests" in section and "mock.patch" in section
    assert "<script>x</script>" not in section  # model output is escaped
    assert '<a href="#testgen">' in page
