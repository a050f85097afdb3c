"""Java deprecated-API detection (javac's lint, in the sandbox), the reverse migrations on
tree-sitter and their alias probes on the sandbox's JDK."""

from __future__ import annotations

import textwrap

import pytest

from codetune.lib.deprecations import find_deprecated, migrated_function, migration_prompts
from codetune.lib.deprecations.java import (
    JAVA_REVERSE_MIGRATIONS,
    JavaReverseMigration,
    holding_java_rules,
    reverse_migrate_java,
)
from codetune.lib.sandbox import launcher

pytestmark = pytest.mark.skipif(launcher.toolchain("java")[0] is None, reason="no JDK")

IMPORTS = ["import java.math.BigDecimal;", "import java.math.RoundingMode;"]
# One current-API method per catalogue entry; they refer to fields and types javac cannot
# resolve here, as a method of a real code base does.
CURRENT = {
    "box_constructors": """\
        public void setRange(int min, int max) {
            this.model.setMinimum(Integer.valueOf(min));
            this.cache.put(Long.valueOf(max), Character.valueOf('x'));
        }
        """,
    "character_aliases": """\
        static boolean isIdentifier(String name) {
            if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
                return false;
            }
            return name.chars().skip(1).allMatch(c -> Character.isJavaIdentifierPart((char) c));
        }
        """,
    "bigdecimal_rounding": """\
        Money share(Money total, int parts) {
            BigDecimal each = total.amount().divide(BigDecimal.valueOf(parts), 4, RoundingMode.HALF_EVEN);
            return new Money(each.setScale(2, RoundingMode.HALF_UP), total.currency());
        }
        """,
}


@pytest.mark.parametrize("rule", JAVA_REVERSE_MIGRATIONS, ids=lambda r: r.name)
def test_every_java_reverse_migration_is_found_by_javac_and_the_original_is_clean(
    rule: JavaReverseMigration,
) -> None:
    code = textwrap.dedent(CURRENT[rule.name])
    rewritten = reverse_migrate_java(code, [rule])
    assert rewritten is not None and rewritten[1] == [rule.name]
    old, current = find_deprecated([rewritten[0], code], [IMPORTS, IMPORTS], ["java", "java"])
    assert current == []
    assert old and all(f.tool == "javac" for f in old), rewritten[0]


def test_box_rewrites_spare_identity_comparisons_and_broken_code() -> None:
    code = "boolean same(int a, Integer b) {\n    return Integer.valueOf(a) == b || Integer.valueOf(a).equals(b);\n}\n"
    old, applied = reverse_migrate_java(code, JAVA_REVERSE_MIGRATIONS)
    assert applied == ["box_constructors"]
    assert "Integer.valueOf(a) == b" in old and "new Integer(a).equals(b)" in old
    assert reverse_migrate_java("int f( {", JAVA_REVERSE_MIGRATIONS) is None
    assert reverse_migrate_java("int f() { return 1; }", JAVA_REVERSE_MIGRATIONS) is None
    assert find_deprecated(["int f( {"], None, ["java"]) == [None]


def test_java_alias_probes_hold_on_the_sandbox_jdk_and_a_wrong_one_does_not() -> None:
    assert [r.name for r in holding_java_rules()] == [r.name for r in JAVA_REVERSE_MIGRATIONS]
    boxes = JAVA_REVERSE_MIGRATIONS[0]
    wrong = JavaReverseMigration(
        "wrong",
        "",
        "",
        boxes.edits,
        boxes.probe.replace("Integer.valueOf(-7)", "Integer.valueOf(7)"),
    )
    assert holding_java_rules(rules=[wrong]) == []


def test_a_base_answer_gets_its_closing_brace_back(tiny_tokenizer) -> None:
    prompts, stops, fmt = migration_prompts(
        ["int f() {\n    return new Integer(1);\n}\n"], tiny_tokenizer, "base", "java"
    )
    assert prompts[0].startswith("// Migrate this Java function") and prompts[0].endswith(
        "// After:\n"
    )
    assert fmt == "base" and "\n}" in stops
    answer = "int f() {\n    return Integer.valueOf(1);"  # the stop cut the brace at column 0
    assert (
        migrated_function(answer, "f", "java", "base")
        == "int f() {\n    return Integer.valueOf(1);\n}\n"
    )
    assert migrated_function(answer, "g", "java", "base") is None
    assert migrated_function("not java at all", "f", "java", "chat") is None
