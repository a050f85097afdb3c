"""benchmarks/scan_quality.py: the scoring on hand-made results, and one run of the script on
a two-file suite (codetune and bandit; semgrep left out), without timing anything."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def load_script():
    # Loaded from its path: benchmarks/ is a folder of scripts, not a package.
    spec = importlib.util.spec_from_file_location(
        "scan_quality", ROOT / "benchmarks" / "scan_quality.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


sq = load_script()


def case(path: str, category: int, vulnerable: bool, language: str = "python"):
    return sq.Case(path, language, category, vulnerable)


def test_score_counts_rates_and_aliases():
    cases = [
        case("v1", 89, True),
        case("v2", 89, True),
        case("s1", 89, False),
        case("s2", 89, False),
        case("v3", 78, True),  # found through the alias CWE-77
        case("s3", 78, False),
    ]
    reported = {"v1": {89}, "v2": {79}, "s1": {89, 22}, "s2": set(), "v3": {77}, "s3": {22}}
    per = sq.score(cases, reported)
    assert per[89] == {"tp": 1, "fn": 1, "fp": 1, "tn": 1, "tpr": 50.0, "fpr": 50.0, "score": 0.0}
    assert per[78]["tpr"] == 100.0 and per[78]["fpr"] == 0.0 and per[78]["score"] == 100.0
    total = sq.overall(per)
    assert total["score"] == 50.0  # mean of the category scores
    assert total["tpr"] == pytest.approx(200 / 3)  # 2 of 3 vulnerable files, over all files
    assert total["fpr"] == pytest.approx(100 / 3)


def test_every_alias_counts_for_its_category_and_not_for_others():
    for category, aliases in sq.ALIASES.items():
        for alias in aliases:
            assert sq.flags(category, [alias])
    assert not sq.flags(89, [79])
    assert not sq.flags(22, [78])
    assert sq.cwe_numbers(["CWE-89: Improper Neutralization", "CWE-564"]) == {89, 564}
    assert sq.cwe_numbers("CWE-022") == {22}
    assert sq.cwe_numbers(None) == set()


def test_a_category_without_safe_files_has_no_fpr_and_no_score():
    cases = [
        case("v1", 502, True),
        case("v2", 502, True),
        case("v3", 89, True),
        case("s3", 89, False),
    ]
    per = sq.score(cases, {"v1": {502}, "v3": {89}})  # files missing from the results: not flagged
    assert per[502]["tpr"] == 50.0
    assert per[502]["fpr"] is None and per[502]["score"] is None
    total = sq.overall(per)
    assert total["categories_scored"] == 1
    assert total["score"] == 100.0  # CWE-89 only
    assert total["tpr"] == pytest.approx(200 / 3)


def tiny_suite(root: Path) -> Path:
    folder = root / "suite" / "python" / "cwe-078"
    folder.mkdir(parents=True)
    (folder / "vuln_system.py").write_text(
        "import os\nimport sys\n\nos.system('ls ' + sys.argv[1])\n", encoding="utf-8"
    )
    (folder / "safe_list.py").write_text(
        "import subprocess\nimport sys\n\nsubprocess.run(['ls', sys.argv[1]], check=True)\n",
        encoding="utf-8",
    )
    (folder / "README.txt").write_text("not a labelled file\n", encoding="utf-8")
    return root / "suite"


def test_main_scores_a_tiny_suite_with_bandit_and_without_semgrep(tmp_path, capsys):
    suite = tiny_suite(tmp_path)
    out = tmp_path / "out" / "results.json"
    results = sq.main(
        ["--suite", str(suite), "--language", "all", "--json", str(out),
         "--semgrep", str(tmp_path / "no-semgrep")]
    )  # fmt: skip
    text = capsys.readouterr().out
    assert "CWE-78" in text
    assert "not installed" in text  # both semgrep columns
    python = results["languages"]["python"]
    assert {f["path"] for f in python["files"]} == {
        "python/cwe-078/vuln_system.py",
        "python/cwe-078/safe_list.py",
    }
    assert python["runs"]["bandit"]["status"] == "ran"
    assert python["runs"]["semgrep-codetune"]["status"] == "not installed"
    codetune = python["scores"]["codetune"]["categories"][78]
    assert codetune["tp"] + codetune["fn"] == 1 and codetune["fp"] + codetune["tn"] == 1
    assert "java" not in results["languages"]  # no Java files in this suite
    assert out.is_file() and not list(out.parent.glob(".*.tmp"))


def test_a_missing_or_empty_suite_exits_with_a_one_line_error(tmp_path):
    with pytest.raises(SystemExit) as missing:
        sq.main(["--suite", str(tmp_path / "nowhere")])
    assert "does not exist" in str(missing.value.code)
    assert "\n" not in str(missing.value.code)
    (tmp_path / "empty" / "python").mkdir(parents=True)
    with pytest.raises(SystemExit) as empty:
        sq.main(["--suite", str(tmp_path / "empty")])
    assert "no labelled files" in str(empty.value.code)
    assert "\n" not in str(empty.value.code)
