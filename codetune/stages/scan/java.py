"""Java: the taint engine (taint/java.py and taint/java_rules.py) does the scanning; what is
left here is the one rule that reads a literal alone, a hard-coded temporary path."""

from __future__ import annotations

from codetune.stages.scan.treesitter import Rule, tmp_literal_rule

RULES: list[Rule] = [
    tmp_literal_rule(
        {"File", "FileOutputStream", "FileWriter", "Paths.get", "Path.of"}, "java-hardcoded-tmp"
    ),
]
