"""Static code metrics on real code (HumanEval) and on small programs with known properties."""

from __future__ import annotations

import statistics

import pytest

import codetune.lib.codemetrics as metrics
import codetune.lib.sandbox.humaneval as humaneval


@pytest.fixture(scope="module")
def solutions() -> list[str]:
    problems = humaneval.load_problems()
    return [p["prompt"] + p["canonical_solution"] for p in problems.values()]


def test_humaneval_solutions_are_valid_python_and_truncations_are_not(solutions):
    assert metrics.syntax_valid_rate(solutions, "python") == 1.0
    # cut every solution inside its signature: "def name(" without the closing parenthesis
    broken = [s[: s.index("(", s.index("def ")) + 1] for s in solutions]
    assert metrics.syntax_valid_rate(broken, "python") == 0.0
    assert metrics.syntax_valid_rate(solutions[:10] + broken[:30], "python") == 10 / 40
    assert metrics.syntax_valid_rate([], "python") == 0.0


def test_python_validity_is_the_compilers_not_just_the_parsers():
    assert not metrics.syntax_valid("def f():\n    nonlocal x\n", "python")
    assert not metrics.syntax_valid("return 1\n", "python")
    assert not metrics.syntax_valid("x = 1\0\n", "python")


@pytest.mark.parametrize(
    ("language", "good", "bad"),
    [
        ("java", "class A { int f(int x) { return x + 1; } }", "class A { int f(int x) { return x +; } }"),
        ("go", "package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n}\n", "package main\nfunc main() {\n"),
        ("javascript", "function f(a) { return a.map(x => x * 2); }", "function f(a) { return a.map(x => ; }"),
        ("typescript", "function f(a: number[]): number { return a.length; }", "function f(a: number[]: number {}"),
    ],
)  # fmt: skip
def test_other_languages_are_checked_by_tree_sitter(language, good, bad):
    assert metrics.syntax_valid(good, language)
    assert not metrics.syntax_valid(bad, language)


def python_with_branches(k: int) -> str:
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(k))
    return f"def f{k}(x):\n{body}    return -1\n"


def java_with_branches(k: int) -> str:
    body = "".join(f"        if (x == {i}) return {i};\n" for i in range(k))
    return f"class C{k} {{\n    int f(int x) {{\n{body}        return -1;\n    }}\n}}\n"


@pytest.mark.parametrize(
    ("language", "make"), [("python", python_with_branches), ("java", java_with_branches)]
)
def test_complexity_stats_follow_decision_points(language, make):
    ks = list(range(0, 21))
    stats = metrics.complexity_stats([make(k) for k in ks], language)
    expected = [k + 1 for k in ks]  # McCabe: one plus one per decision point
    assert stats["functions"] == len(ks)
    assert stats["mean"] == pytest.approx(statistics.mean(expected))
    assert stats["p90"] == pytest.approx(
        statistics.quantiles(expected, n=10, method="inclusive")[-1]
    )
    assert stats["share_above_10"] == pytest.approx(sum(v > 10 for v in expected) / len(ks))
    assert stats["max"] == max(expected) and stats["unparsable"] == 0


def test_complexity_of_humaneval_and_unparsable_code(solutions):
    stats = metrics.complexity_stats([*solutions, "def broken(:\n"], "python")
    assert stats["functions"] >= len(solutions)  # helpers and closures count too
    assert stats["mean"] >= 1 and stats["p90"] >= stats["mean"] * 0.5
    assert stats["unparsable"] == 1


def test_bleu_orders_identical_similar_and_unrelated_code(solutions):
    refs = solutions[:20]
    similar = [s.replace("return", "yield").replace("for ", "while ") for s in refs]
    unrelated = list(reversed(solutions[-20:]))
    assert metrics.bleu(refs, refs) == pytest.approx(100.0)
    assert metrics.bleu(unrelated, refs) < metrics.bleu(similar, refs) < 100.0
    with pytest.raises(ValueError):
        metrics.bleu(refs, refs[:3])


def test_codebleu_works_or_says_why_not(solutions):
    score, reason = metrics.codebleu(solutions[:5], solutions[:5], "python")
    if score is None:
        assert reason
        pytest.skip(reason)
    assert score == pytest.approx(1.0, abs=1e-6)
    other, _ = metrics.codebleu(list(reversed(solutions[:5])), solutions[:5], "python")
    assert other is not None and other < score


@pytest.mark.parametrize(
    ("language", "good", "bad"),
    [
        ("python", "class Parser:\n    MAX = 3\n    def parse_line(self, raw_text):\n        item_count = 1\n        return item_count\n",
         "class parser:\n    def ParseLine(self, RawText):\n        ItemCount = 1\n        return ItemCount\n"),
        ("java", "class LineParser { static final int MAX_SIZE = 1; int parseLine(int rawValue) { int itemCount = rawValue; return itemCount; } }",
         "class line_parser { int Parse_Line(int Raw_Value) { int Item_Count = 1; return Item_Count; } }"),
        ("go", "package main\n\ntype lineParser struct{}\n\nfunc ParseLine(rawValue int) int { return rawValue }\n",
         "package main\n\ntype line_parser struct{}\n\nfunc parse_line(raw_value int) int { return raw_value }\n"),
        ("javascript", "class LineParser {}\nfunction parseLine(rawText) { return rawText; }\nconst MAX_SIZE = 3;\n",
         "class line_parser {}\nfunction parse_line(raw_text) { return raw_text; }\nconst max_size = 3;\n"),
    ],
)  # fmt: skip
def test_naming_compliance_per_language(language, good, bad):
    assert metrics.naming_compliance([good], language) == 1.0
    report = metrics.naming_report([bad], language)
    assert report["checked"] > 0 and report["rate"] < 0.5, report
    mixed = metrics.naming_report([good, bad], language)
    assert (
        mixed["compliant"]
        == metrics.naming_report([good], language)["checked"] + report["compliant"]
    )


def test_humaneval_mostly_follows_pep8_names(solutions):
    report = metrics.naming_report(solutions, "python")
    assert report["checked"] > 500
    assert report["rate"] > 0.9, report["violations"]


def test_ruff_findings_per_100_lines():
    clean = "def add(a, b):\n    return a + b\n"
    dirty = "import os\n\n\ndef f(items=[]):\n    l = 1\n    return items\n"  # F401, B006, E741
    assert metrics.ruff_findings_per_100_lines([clean]) == 0.0
    report = metrics.ruff_report([clean, dirty, "def broken(:\n"])
    assert {"F401", "B006", "E741"} <= set(report["by_rule"])
    assert report["unparsable"] == 1
    lines = len(clean.splitlines()) + len(dirty.splitlines())
    assert report["lines"] == lines
    assert report["per_100_lines"] == pytest.approx(100 * report["findings"] / lines)
