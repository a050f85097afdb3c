"""Convention pairs: locals respelled against the team's own naming profile, in Python and
Java, behaviour and prompt unchanged; opt-in through pairs.kinds."""

from __future__ import annotations

import random

import pytest
from test_prefs_support import stdlib_rows

from codetune.core.config.pairs import PairsConfig
from codetune.lib.codemetrics import declared_names
from codetune.lib.conventions import compliance, infer_profile, respell, split_words
from codetune.lib.cstedit import compiles
from codetune.stages.pairs.conventions import KIND, convention_violation
from codetune.stages.pairs.defects_treesitter import parse_errors
from codetune.stages.pairs.synthetic import build_pairs

SNAKE = {"python": {"kinds": {"variable": {"style": "snake_case"}}}}
CAMEL_JAVA = {"java": {"kinds": {"variable": {"style": "camelCase"}}}}
JAVA_PROMPT = "public int totalPrice(List<Item> items, int discountRate) {\n"
JAVA = (
    JAVA_PROMPT + "    int runningTotal = 0;\n"
    "    for (Item item : items) {\n        runningTotal += item.getPrice();\n    }\n"
    "    this.runningTotal = runningTotal;\n    int finalPrice = runningTotal - discountRate;\n"
    "    return finalPrice;\n}\n"
)


def test_names_are_split_and_respelled_in_each_style() -> None:
    assert split_words("HTTPServerError") == ["http", "server", "error"]
    assert respell("user_id", "camelCase") == "userId"
    assert respell("userId", "snake_case") == "user_id"
    assert respell("_cache_key", "PascalCase") == "_CacheKey"
    assert respell("total", "camelCase") is None  # one word: snake and camel at once


def test_a_camel_case_java_team_gets_snake_case_locals_as_the_rejected_side() -> None:
    mutation = convention_violation(JAVA, random.Random(3), JAVA_PROMPT, "java", CAMEL_JAVA)
    assert mutation is not None
    rejected = mutation.code
    assert rejected.startswith(JAVA_PROMPT) and parse_errors(rejected, "java") == 0
    declared = {
        n for k, n in declared_names(f"class A {{ {rejected} }}", "java") if k == "variable"
    }
    assert declared & {"running_total", "final_price"}, declared
    # every use renamed, the field and the parameters (in the prompt) untouched
    if "running_total" in declared:
        assert (
            "runningTotal += " not in rejected and "this.runningTotal = running_total" in rejected
        )
    assert "discountRate" in rejected
    wrapped = f"class A {{ {rejected} }}"
    judged = compliance(wrapped, "java", {"java": {"kinds": {"variable": {"style": "camelCase"}}}})
    assert judged is not None and judged[0] < judged[1]


def test_a_snake_case_python_team_gets_camel_case_locals_and_the_code_still_runs() -> None:
    prompt = 'def total_price(items, discount_rate):\n    """Sum the prices."""\n'
    code = (
        prompt + "    running_total = 0\n    for item in items:\n        running_total += item\n"
        "    final_price = running_total - discount_rate\n    return final_price\n"
    )
    mutation = convention_violation(code, random.Random(1), prompt, "python", SNAKE)
    assert mutation is not None and mutation.code.startswith(prompt)
    assert compiles(mutation.code)
    assert "runningTotal" in mutation.code or "finalPrice" in mutation.code
    results = []
    for source in (code, mutation.code):
        scope: dict = {}
        exec(compile(source, "<pair>", "exec"), scope)  # our own fixed test code, not generated
        results.append(scope["total_price"]([3, 4], 2))
    assert results == [5, 5]


def test_nothing_to_break_gives_no_pair() -> None:
    camel_python = {"python": {"kinds": {"variable": {"style": "camelCase"}}}}
    code = "def f(a):\n    total = a + 1\n    return total\n"
    assert convention_violation(code, random.Random(0), "def f(a):\n", "python", SNAKE) is None
    assert convention_violation(code, random.Random(0), "def f(a):\n", "python", {}) is None
    assert convention_violation(code, random.Random(0), "def f(a):\n", "go", camel_python) is None


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return stdlib_rows(["textwrap", "difflib"])[:60]


def test_build_pairs_makes_convention_pairs_only_when_asked(rows) -> None:
    profile = infer_profile(("python", r["prompt"] + r["completion"], None) for r in rows)
    assert profile["python"]["kinds"]["variable"]["style"] == "snake_case"
    pairs, stats = build_pairs(rows, PairsConfig(kinds=[KIND]), seed=1, profile=profile)
    assert stats["by_kind"][KIND] == len(pairs) > 5
    for pair in pairs:
        assert pair["group"] == "style" and compiles(pair["prompt"] + pair["rejected"])
        judged = compliance(pair["prompt"] + pair["rejected"], "python", profile)
        assert judged is not None and judged[0] < judged[1]
    default, default_stats = build_pairs(rows, PairsConfig(), seed=1, profile=profile)
    assert KIND not in default_stats["by_kind"]
    assert all(p["kind"] != KIND for p in default)
