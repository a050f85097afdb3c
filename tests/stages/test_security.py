"""Security scan: a corpus of known-vulnerable and known-safe snippets per CWE and language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import codetune.commands.deploy as commands
import codetune.stages.scan.security as security
from codetune.core.errors import GateFailed, UserError

CORPUS = Path(__file__).parents[1] / "fixtures" / "vulns"
CORPUS_FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file())
# The weaknesses issue #8 asks for; Python and Java must each have a vulnerable sample of all.
REQUIRED_CWES = {"CWE-22", "CWE-78", "CWE-79", "CWE-89", "CWE-94", "CWE-502", "CWE-798",
                 "CWE-328", "CWE-377"}  # fmt: skip


def expected_cwes(path: Path) -> set[str]:
    """Each corpus file says what it must produce on its first line: `expect: CWE-89` / none."""
    match = re.search(r"expect:\s*(.+)", path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path} has no 'expect:' header"
    text = match.group(1).strip()
    return set() if text == "none" else {c.strip() for c in text.split(",")}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_sample_gives_exactly_its_expected_cwes(path: Path) -> None:
    findings = security.scan_paths([path])
    assert {f.cwe for f in findings} == expected_cwes(path), [
        (f.line, f.cwe, f.rule) for f in findings
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in findings:
        assert f.file == str(path)
        assert 1 <= f.line <= len(lines) and lines[f.line - 1].strip(), f
        assert f.severity in {"low", "medium", "high"}


@pytest.mark.parametrize("language", ["python", "java"])
def test_corpus_covers_every_required_cwe_with_vulnerable_and_safe_samples(language: str) -> None:
    files = sorted((CORPUS / language).iterdir())
    covered = set().union(*(expected_cwes(p) for p in files))
    assert covered >= REQUIRED_CWES
    assert sum(not expected_cwes(p) for p in files) >= 8  # enough safe look-alikes


def test_whole_corpus_folder_scan_has_no_finding_in_safe_files() -> None:
    findings = security.scan_paths([CORPUS])
    flagged = {Path(f.file) for f in findings}
    safe = {p for p in CORPUS_FILES if not expected_cwes(p)}
    vulnerable = set(CORPUS_FILES) - safe
    assert not flagged & safe
    assert flagged == vulnerable


@pytest.mark.parametrize(
    ("language", "code", "cwe"),
    [
        # a query built earlier in the function, run later
        ("python", "def f(db, n):\n    q = 'DELETE FROM t WHERE n = %s' % n\n    x = 1\n"
         "    db.execute(q)\n", "CWE-89"),
        ("python", "import os as o\ndef f(h):\n    o.popen('ping ' + h)\n", "CWE-78"),
        ("python", "from os import system\ndef f(h):\n    system(f'ping {h}')\n", "CWE-78"),
        ("python", "import marshal\ndef f(b):\n    return marshal.loads(b)\n", "CWE-502"),
        ("java", "class A { void f(java.sql.Statement s, String n) throws Exception {"
         " s.execute(\"DELETE FROM t WHERE n = '\" + n + \"'\"); } }", "CWE-89"),
        ("go", "package a\nimport \"os/exec\"\nfunc f(c string) { exec.Command(\"/bin/bash\","
         " \"-c\", c).Run() }\n", "CWE-78"),
        ("javascript", "const cp = require('node:child_process');\nfunction f(d) {"
         " cp.execSync('ls ' + d); }\n", "CWE-78"),
        ("typescript", "export function f(el: HTMLElement, s: string) { el.innerHTML = "
         "`<p>${s}</p>`; }\n", "CWE-79"),
    ],
)  # fmt: skip
def test_variants_beyond_the_corpus_are_caught(language: str, code: str, cwe: str) -> None:
    assert cwe in {f.cwe for f in security.scan_code(code, language)}


def test_finding_points_at_the_sink_line_and_names_the_origin() -> None:
    code = (
        "import os\n\n\ndef read(name):\n    p = os.path.join('/srv', name)\n    return open(p)\n"
    )
    findings = security.scan_code(code, "python", origin="gen#7")
    assert [(f.file, f.line, f.cwe) for f in findings] == [("gen#7", 6, "CWE-22")]


def test_nosec_comment_in_generated_code_does_not_hide_a_finding() -> None:
    code = "def f(s):\n    return eval(s)  # nosec\n"
    assert {f.cwe for f in security.scan_code(code, "python")} == {"CWE-94"}


def test_truncated_generation_is_still_scanned() -> None:
    code = (
        "import pickle\n\ndef load(b):\n    return pickle.loads(b)\n\ndef other(x):\n    if x ==\n"
    )
    assert [(f.line, f.cwe) for f in security.scan_code(code, "python")] == [(4, "CWE-502")]


def test_chat_answer_with_markdown_fence_keeps_true_line_numbers() -> None:
    answer = (
        "Here is the code:\n\n```python\nimport os\n\ndef run(c):\n    os.system(c)\n```\nDone."
    )
    findings = security.scan_code(answer, "python")
    assert [(f.line, f.cwe) for f in findings] == [(7, "CWE-78")]


def test_jsonl_rows_scan_completion_with_prompt_and_count_lines_from_completion(
    tmp_path: Path,
) -> None:
    prompt = 'import os\nimport pickle\nBASE = "/srv"\n\ndef read(name):\n'
    rows = [
        # the parameter comes from the prompt: only prompt + completion shows the traversal
        {"id": 1, "model": "base", "prompt": prompt,
         "completion": "    return open(os.path.join(BASE, name)).read()\n"},
        {"id": 1, "model": "tuned", "prompt": prompt,
         "completion": "    return open(os.path.join(BASE, os.path.basename(name))).read()\n"},
        {"id": 2, "model": "base", "language": "javascript", "code": "eval(userInput);\n"},
        {"id": 3, "model": "tuned", "prompt": "def f(blob):\n    x = pickle.loads(blob)\n",
         "completion": "    return x\n"},
    ]  # fmt: skip
    path = tmp_path / "generations.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    findings = security.scan_paths([path])
    # row 4's pickle is in the prompt, not the model's doing
    assert [(f.file, f.line, f.cwe) for f in findings] == [
        (f"{path}#1", 1, "CWE-22"),
        (f"{path}#3", 1, "CWE-94"),
    ]
    samples = list(security.iter_samples([path]))
    assert [s.group for s in samples] == ["base", "tuned", "base", "tuned"]
    assert [s.language for s in samples] == ["python", "python", "javascript", "python"]


def test_jsonl_row_without_code_is_a_user_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"completion": "x = 1"}\n{"text": "y"}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"g\.jsonl:2"):
        security.scan_paths([path])


def test_folder_scan_skips_dependency_folders(tmp_path: Path) -> None:
    (tmp_path / "node_modules" / "lib").mkdir(parents=True)
    (tmp_path / "node_modules" / "lib" / "x.js").write_text("eval(a + b);\n")
    (tmp_path / "app.js").write_text("eval(a + b);\n")
    assert [Path(f.file).name for f in security.scan_paths([tmp_path])] == ["app.js"]


def test_summarize_counts_per_cwe_and_rates_per_100_samples() -> None:
    def finding(file: str, line: int, cwe: str) -> security.Finding:
        return security.Finding(file, line, cwe, "rule", "high", "m")

    findings = [finding("a", 1, "CWE-89"), finding("a", 9, "CWE-89"), finding("b", 2, "CWE-89"),
                finding("c", 3, "CWE-78")]  # fmt: skip
    summary = security.summarize(findings, n_samples=8)
    assert summary["n_findings"] == 4
    assert summary["samples_affected"] == 3
    sql = summary["by_cwe"]["CWE-89"]
    assert (sql["findings"], sql["samples_affected"]) == (3, 2)
    assert sql["findings_per_100_samples"] == pytest.approx(100 * 3 / 8)
    assert sql["samples_affected_per_100"] == pytest.approx(100 * 2 / 8)
    assert list(summary["by_cwe"]) == ["CWE-78", "CWE-89"]
    report = security.compare_models(
        {"base": findings, "tuned": findings[:1]}, {"base": 8, "tuned": 8}
    )
    assert report["tuned_minus_base_per_100"]["CWE-78"] == pytest.approx(-12.5)
    assert report["tuned_minus_base_per_100"]["all"] == pytest.approx(-37.5)


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command("scan")(commands.scan)
    app.command("ab")(commands.ab)
    return app


def test_scan_command_writes_findings_and_exit_code_follows_fail_on(tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    vulnerable = CORPUS / "python" / "eval_vuln.py"  # eval of a parameter: high
    result = CliRunner().invoke(_cli(), ["scan", str(vulnerable), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert [(r["cwe"], r["line"]) for r in written] == [("CWE-94", 3)]
    assert set(written[0]) == {"file", "line", "cwe", "rule", "severity", "message"}
    runner = CliRunner()
    failed = runner.invoke(_cli(), ["scan", str(vulnerable), "--fail-on", "high"])
    assert isinstance(failed.exception, GateFailed), failed.output
    medium_only = CORPUS / "python" / "path_join_param_vuln.py"  # path traversal: medium
    assert runner.invoke(_cli(), ["scan", str(medium_only), "--fail-on", "high"]).exit_code == 0
    failed = runner.invoke(_cli(), ["scan", str(medium_only), "--fail-on", "medium"])
    assert isinstance(failed.exception, GateFailed), failed.output
    safe = CORPUS / "python" / "literal_eval_safe.py"
    assert runner.invoke(_cli(), ["scan", str(safe), "--fail-on", "low"]).exit_code == 0
    excluded = ["scan", str(vulnerable), "--fail-on", "low", "--exclude-rule", "py-code-injection"]
    assert runner.invoke(_cli(), excluded).exit_code == 0


def test_installed_entry_point_exits_with_the_commands_code() -> None:
    """Through `python -m codetune` (the console script's `main`), not a test runner: a
    command's exit code must become the process's."""
    import subprocess
    import sys

    vulnerable = str(CORPUS / "python" / "eval_vuln.py")
    cmd = [sys.executable, "-m", "codetune", "scan", vulnerable]
    assert subprocess.run(cmd, capture_output=True, check=False).returncode == 0
    failing = subprocess.run([*cmd, "--fail-on", "medium"], capture_output=True, check=False)
    assert failing.returncode == 3  # a failed gate, not an internal failure (1)


def test_scan_command_rejects_missing_path_and_bad_severity(tmp_path: Path) -> None:
    result = CliRunner().invoke(_cli(), ["scan", str(tmp_path / "nope.py")])
    assert isinstance(result.exception, UserError) and "nope.py" in str(result.exception)
    result = CliRunner().invoke(_cli(), ["scan", str(CORPUS), "--fail-on", "critical"])
    assert isinstance(result.exception, UserError)


def test_a_half_scanned_file_is_reported_never_silent(tmp_path: Path) -> None:
    """A syntax error stops Python's rules at that line (a generation cut by its budget, or
    syntax newer than the running Python): the scan says which file and from which line, in
    its coverage, on the command line and in its summary. Tree-sitter languages are scanned
    around the error and said to be. Nothing parsed at all is 'not scanned'."""
    partial = (
        "import pickle\n\ndef load(b):\n    return pickle.loads(b)\n\ndef other(x):\n    if x ==\n"
    )
    findings, coverage = security.scan_code_with_coverage(partial, "python", "gen#1")
    assert [(f.line, f.cwe) for f in findings] == [(4, "CWE-502")]
    assert (coverage.status, coverage.error_line) == ("partial", 7)
    clean = security.scan_code_with_coverage("def f(x):\n    return x\n", "python")[1]
    assert clean.status == "full" and clean.error_line is None
    assert security.scan_code_with_coverage("def (:\n", "python")[1].status == "unscanned"

    java = (
        "class A {\n  void broken( {\n  }\n"
        "  Process run(String h) throws Exception {\n"
        '    return Runtime.getRuntime().exec("ping " + h);\n  }\n}\n'
    )
    found, java_coverage = security.scan_code_with_coverage(java, "java")
    assert java_coverage.status == "partial" and java_coverage.error_line == 2
    assert "CWE-78" in {f.cwe for f in found}  # the rules still ran past the error

    source = tmp_path / "cut.py"
    source.write_text(partial)
    result = CliRunner().invoke(_cli(), ["scan", str(source)])
    assert result.exit_code == 0, result.output
    assert f"warning: {source}: scanned around a syntax error at line 7" in result.output
    assert "1 scanned around a syntax error, 0 not scanned" in " ".join(result.output.split())
