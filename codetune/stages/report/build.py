"""Build `report.html` from a run folder: one self-contained page, no network.

Everything the page shows is read from the run folder (manifest, summary, metrics logs, stats,
eval results and generations, deploy results; their names are the layout constants of
codetune/core/runs.py), so `build_report` can rebuild it anywhere from the folder alone. This
module reads the folder into `RunArtifacts` and assembles the page; each section is a module of
sections/ (one per stage it shows) that reads the keys it knows and skips what is missing.
The page opens with the quality gates' ship / don't-ship banner (headline.py); the shared
building blocks (escaping, tables, figures) are in parts.py.

Plots are drawn with matplotlib (no pyplot state) into SVG, embedded as `data:` URIs in `<img>`
tags: text in the SVG is drawn as paths and images cannot run scripts, and the page's
Content-Security-Policy allows only `data:` images and the one inline script (by its hash).
All text from the run, generations especially (untrusted model output), is HTML-escaped.
The output is deterministic: the same run folder gives the same bytes wherever it lies.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from codetune.core.config import TRAINED_STAGES
from codetune.core.errors import UserError
from codetune.core.io import write_text
from codetune.core.runs import (
    CONFIG_FILE,
    DATA_STATS,
    DEPLOY_AB,
    DEPLOY_BENCH,
    DEPLOY_BENCH_BASE,
    DEPLOY_SECURITY,
    EVAL_GENERATIONS,
    EVAL_RESULTS,
    MANIFEST_FILE,
    PAIRS_STATS,
    REPORT_FILE,
    SUMMARY_FILE,
    metrics_log,
)
from codetune.stages.report.headline import gates_banner
from codetune.stages.report.parts import esc
from codetune.stages.report.sections.data import data_section
from codetune.stages.report.sections.deploy import ab_section, latency_section, security_section
from codetune.stages.report.sections.eval import eval_section, generations_section
from codetune.stages.report.sections.migration import migration_section
from codetune.stages.report.sections.overview import config_section, overview_section
from codetune.stages.report.sections.pairs import pairs_section
from codetune.stages.report.sections.testgen import testgen_section
from codetune.stages.report.sections.training import dpo_section, training_section

# Waits for the page's images, then records on <html> how many decoded and which did not, so
# a headless browser can check the plots from the DOM it dumps.
PAGE_SCRIPT = """
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (img) { return !(img.complete && img.naturalWidth > 0); });
  var root = document.documentElement;
  root.setAttribute("data-images", String(images.length));
  root.setAttribute("data-images-decoded", String(images.length - broken.length));
  root.setAttribute("data-images-broken", broken.map(function (img) { return img.alt; }).join("|"));
});
"""


# ------------------------------------------------------------------------------------ loading


@dataclass
class RunArtifacts:
    """What the report reads from a run folder; None where the file is absent."""

    name: str
    config_text: str | None = None
    config: dict[str, Any] = field(default_factory=dict)  # config.yaml parsed; {} if unreadable
    manifest: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    training_logs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    data_stats: Any = None
    pairs_stats: Any = None
    eval_results: Any = None
    generations: list[dict[str, Any]] = field(default_factory=list)
    security: Any = None
    bench: Any = None
    bench_base: Any = None
    ab: Any = None
    problems: list[str] = field(default_factory=list)


def load_run(run_dir: Path) -> RunArtifacts:
    """Read every file the report uses; unreadable files are noted, not fatal."""
    if not run_dir.is_dir():
        raise UserError(f"{run_dir}: no such run folder")
    problems: list[str] = []

    def json_file(rel: str) -> Any:
        path = run_dir / rel
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{rel}: unreadable ({exc})")
            return None

    config_path = run_dir / CONFIG_FILE
    config_text = config_path.read_text(encoding="utf-8") if config_path.is_file() else None
    manifest = json_file(MANIFEST_FILE)
    summary = json_file(SUMMARY_FILE)
    if manifest is None and summary is None and config_text is None:
        raise UserError(
            f"{run_dir}: not a run folder (no {MANIFEST_FILE}, {SUMMARY_FILE} or {CONFIG_FILE})"
        )
    logs = {
        stage: _jsonl_rows(run_dir / metrics_log(stage), problems)
        for stage in TRAINED_STAGES
        if (run_dir / metrics_log(stage)).is_file()
    }
    config = _parse_config(config_text)
    return RunArtifacts(
        name=str(config.get("name") or "") or run_dir.name,
        config_text=config_text,
        config=config,
        manifest=manifest if isinstance(manifest, dict) else {},
        summary=summary if isinstance(summary, dict) else {},
        training_logs=logs,
        data_stats=json_file(DATA_STATS),
        pairs_stats=json_file(PAIRS_STATS),
        eval_results=json_file(EVAL_RESULTS),
        generations=_jsonl_rows(run_dir / EVAL_GENERATIONS, problems),
        security=json_file(DEPLOY_SECURITY),
        bench=json_file(DEPLOY_BENCH),
        bench_base=json_file(DEPLOY_BENCH_BASE),
        ab=json_file(DEPLOY_AB),
        problems=problems,
    )


def _jsonl_rows(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    """Rows of a JSONL log; a torn line (a run killed mid-write) is skipped and noted."""
    if not path.is_file():
        return []
    rows, bad = [], 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(row, dict):
            rows.append(row)
    if bad:
        problems.append(f"{path.parent.name}/{path.name}: {bad} unreadable line(s) skipped")
    return rows


def _parse_config(config_text: str | None) -> dict[str, Any]:
    """The run's config as a dict; {} when absent or not YAML (the page still shows its text)."""
    if not config_text:
        return {}
    import yaml

    try:
        config = yaml.safe_load(config_text)
    except yaml.YAMLError:
        return {}
    return config if isinstance(config, dict) else {}


# ------------------------------------------------------------------------------------ page

# The page's sections in reading order: (anchor, title in the nav and heading, section). The
# overview (headline cards, gates, stage table) comes first and the config last; in between,
# what was trained, on what data, and how the result compares and deploys.
SECTIONS: tuple[tuple[str, str, Callable[[RunArtifacts], str]], ...] = (
    ("overview", "Overview", overview_section),
    ("training", "Training", training_section),
    ("dpo", "DPO rewards", dpo_section),
    ("data", "Data", data_section),
    ("pairs", "Preference pairs", pairs_section),
    ("eval", "Base vs tuned", eval_section),
    ("security", "Security", security_section),
    ("latency", "Latency", latency_section),
    ("ab", "A/B test", ab_section),
    ("generations", "Generations", generations_section),
    ("migration", "Migration examples", migration_section),
    ("testgen", "Test generation examples", testgen_section),
    ("config", "Config", config_section),
)


# In the head of every page template.html makes: how an existing file is known to be a report.
REPORT_MARK = '<meta name="generator" content="codetune report">'


def build_report(run_dir: Path, out: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write the run's report (default `<run_dir>/report.html`) atomically; return its path.

    An `out` given that exists must be a report codetune wrote, unless `overwrite`: another
    file there is the user's and is not replaced."""
    run_dir = Path(run_dir)
    if out is not None:
        check_report_out(Path(out), overwrite)
    out = Path(out) if out is not None else run_dir / REPORT_FILE
    write_text(out, render_report(load_run(run_dir)))
    return out


def check_report_out(out: Path, overwrite: bool) -> None:
    """A one-line UserError when writing the report to `out` would replace what it should not."""
    if out.is_dir():
        raise UserError(f"--out {out}: is a folder; name the report file (e.g. {out}/report.html)")
    if out.exists() and not overwrite:
        try:
            with out.open("rb") as fh:
                head = fh.read(4096).decode("utf-8", errors="replace")
        except OSError as exc:
            raise UserError(
                f"--out {out}: cannot read the existing file ({exc.strerror})"
            ) from None
        if REPORT_MARK not in head:
            raise UserError(
                f"--out {out}: exists and is not a codetune report; refusing to replace it "
                "(choose another path, or pass --overwrite)"
            )


def render_report(run: RunArtifacts) -> str:
    """The whole page: banner, every section under its heading, the nav, in the template."""
    # A section with nothing to say about this kind of run (no migration in it) is left out.
    sections = [(anchor, title, section(run)) for anchor, title, section in SECTIONS]
    sections = [(anchor, title, content) for anchor, title, content in sections if content]
    body = gates_banner(run) + "\n".join(
        f'<section id="{anchor}">\n<h2>{esc(title)}</h2>\n{content}\n</section>'
        for anchor, title, content in sections
    )
    nav = "".join(f'<a href="#{anchor}">{esc(title)}</a>' for anchor, title, _ in sections)
    stages = run.manifest.get("stages", {}) if isinstance(run.manifest, dict) else {}
    finished = [r.get("finished") for r in stages.values() if isinstance(r, dict)]
    last = max((f for f in finished if isinstance(f, str)), default=None)
    subtitle = f"codetune run report · {len(stages)} stage(s) recorded"
    if last:
        subtitle += f" · last stage finished {last}"
    template = Template(
        resources.files("codetune.stages.report")
        .joinpath("template.html")
        .read_text(encoding="utf-8")
    )
    # The Content-Security-Policy names the one inline script by its hash.
    digest = base64.b64encode(hashlib.sha256(PAGE_SCRIPT.encode()).digest()).decode()
    return template.substitute(
        title=esc(f"codetune report: {run.name}"),
        subtitle=esc(subtitle),
        nav=nav,
        body=body,
        script=PAGE_SCRIPT,
        script_hash=f"sha256-{digest}",
    )
