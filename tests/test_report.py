"""report.html: built from the run folder alone, self-contained, escaped, and it renders.

The fixture `tests/fixtures/report_run` holds the small files of a real ci-tiny run (config,
manifest, summary, metrics logs, data and pairs stats, eval results and generations). The deploy
results are made here by the deploy modules' own functions, so the report is checked against the
formats they really write.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from codetune.errors import UserError
from codetune.report import build_report

FIXTURE = Path(__file__).parent / "fixtures" / "report_run"
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
    from codetune.deploy import ab, security
    from codetune.io import write_json

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
