"""The team's own naming conventions: inferred from its code, then used to judge new code.

A profile holds, per language and kind of identifier (class, function, method, argument,
parameter, variable...), the dominant style among the names the code base declares (snake_case,
camelCase, PascalCase, UPPER_CASE), its share, examples, how often a leading underscore is used,
and for Python the docstring style. Names of one lowercase word (`total`) fit both snake_case and
camelCase and never decide a style; one-letter names are ignored. User rules in the config
replace the inferred style of a kind. The eval scores generated code against the profile
(`compliance`), so a team whose methods are camelCase is not judged by PEP 8.
"""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from codetune.lib.codemetrics import declared_names

STYLES = ("snake_case", "camelCase", "PascalCase", "UPPER_CASE")
# One lowercase word: compatible with snake_case and camelCase, deciding neither.
ONE_WORD = "lower"
_MIN_NAMES = 5  # fewer names of a kind say nothing about a team's habit


def style_of(name: str) -> str | None:
    """The style a name is written in; ONE_WORD for `total`; None when undecidable (`x`, `_`,
    `HTTP_ok`)."""
    if name.startswith("__") and name.endswith("__"):
        return None  # dunders are the language's, not the team's
    core = name.lstrip("_").rstrip("_")
    letters = [c for c in core if c.isalpha()]
    if len(core) < 2 or not letters or not core[0].isalpha():
        return None
    if "_" in core:
        if core.upper() == core:
            return "UPPER_CASE"
        return "snake_case" if core.lower() == core else None
    if core.lower() == core:
        return ONE_WORD
    if core.upper() == core:
        return "UPPER_CASE" if len(letters) > 1 else None
    return "PascalCase" if core[0].isupper() else "camelCase"


def follows(name: str, style: str) -> bool | None:
    """Whether `name` is written in `style`; None when the name cannot tell (`x`)."""
    found = style_of(name)
    if found is None:
        return None
    if found == ONE_WORD:
        return style in {"snake_case", "camelCase", ONE_WORD}
    return found == style


def _docstring_style(docstring: str) -> str:
    if re.search(r"^\s*(Args|Arguments|Returns|Raises|Yields):\s*$", docstring, re.M):
        return "google"
    if re.search(r"^\s*(Parameters|Returns)\s*\n\s*-{3,}", docstring, re.M):
        return "numpy"
    if re.search(r"^\s*:(param|returns?|raises|type)\b", docstring, re.M):
        return "rest"
    return "plain"


def _python_docstrings(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return [
        doc
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and (doc := ast.get_docstring(node))
    ]


def infer_profile(
    functions: Iterable[tuple[str, str, str | None]],
    overrides: dict[str, dict[str, str]] | None = None,
    examples: int = 5,
) -> dict[str, Any]:
    """Profile of (language, code, class name) functions: {language: {"kinds": {kind: ...}}}.
    Class names come from the functions' enclosing classes (dotted for nested ones).

    A kind's style is the most common decisive style of its names; `share` is the share of all
    its decidable names that follow it (one-word names count as following snake_case and
    camelCase). `overrides` ({language: {kind: style}}) replace inferred styles."""
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    docstyles: dict[str, Counter[str]] = defaultdict(Counter)
    seen_classes: set[tuple[str, str]] = set()
    for language, code, class_name in functions:
        for kind, name in declared_names(code, language) or []:
            names[language][kind].append(name)
        for name in (class_name or "").split("."):
            if name and (language, name) not in seen_classes:  # a class once, not per method
                seen_classes.add((language, name))
                names[language]["class"].append(name)
        if language == "python":
            docstyles[language].update(_docstring_style(d) for d in _python_docstrings(code))
    profile: dict[str, Any] = {}
    for language, kinds in sorted(names.items()):
        out: dict[str, Any] = {}
        for kind, found in sorted(kinds.items()):
            styles = Counter(s for s in map(style_of, found) if s is not None)
            decided = {s: n for s, n in styles.items() if s != ONE_WORD}
            if sum(styles.values()) < _MIN_NAMES:
                continue
            style = max(decided, key=lambda s: (decided[s], s)) if decided else ONE_WORD
            judged = [n for n in found if follows(n, style) is not None]
            kept = [n for n in judged if follows(n, style)]
            out[kind] = {
                "style": style,
                "share": round(len(kept) / len(judged), 4),
                "names": len(judged),
                "styles": dict(styles.most_common()),
                "leading_underscore_share": round(
                    sum(n.startswith("_") for n in judged) / len(judged), 4
                ),
                "examples": sorted(set(kept), key=kept.index)[:examples],
                "source": "inferred",
            }
        profile[language] = {"kinds": out}
        if docstyles[language]:
            total = sum(docstyles[language].values())
            style, count = docstyles[language].most_common(1)[0]
            profile[language]["docstring_style"] = {
                "style": style,
                "share": round(count / total, 4),
                "docstrings": total,
            }
    for language, rules in (overrides or {}).items():
        kinds = profile.setdefault(language, {"kinds": {}})["kinds"]
        for kind, style in rules.items():
            kinds[kind] = {**kinds.get(kind, {}), "style": style, "source": "config"}
    return profile


def compliance(code: str, language: str, profile: dict[str, Any]) -> tuple[int, int] | None:
    """(names following the profile, names judged) among those `code` declares, for the kinds
    the profile has; None when the code does not parse."""
    found = declared_names(code, language)
    if found is None:
        return None
    kinds = profile.get(language, {}).get("kinds", {})
    judged = kept = 0
    for kind, name in found:
        rule = kinds.get(kind)
        verdict = follows(name, rule["style"]) if rule else None
        if verdict is not None:
            judged += 1
            kept += verdict
    return kept, judged


# ------------------------------------------------------------------------------------------
# Writing a name against the profile (the rejected side of convention pairs)

# The spelling that breaks a style while staying a legal name of the language.
AGAINST: dict[str, str] = {
    "snake_case": "camelCase",
    "camelCase": "snake_case",
    "PascalCase": "snake_case",
    "UPPER_CASE": "camelCase",
}


def split_words(name: str) -> list[str]:
    """`user_id`, `userId`, `UserId`, `USER_ID` -> ["user", "id"] (lowercased)."""
    core = name.strip("_")
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", core)
    return [w.lower() for w in spaced.split("_") if w]


def respell(name: str, style: str) -> str | None:
    """`name` written in `style`, keeping a leading underscore; None when the name has too few
    words to show the style (`total` is snake_case and camelCase at once)."""
    words = split_words(name)
    if not words or (len(words) < 2 and style in {"snake_case", "camelCase"}):
        return None
    if style == "snake_case":
        spelled = "_".join(words)
    elif style == "camelCase":
        spelled = words[0] + "".join(w.capitalize() for w in words[1:])
    elif style == "PascalCase":
        spelled = "".join(w.capitalize() for w in words)
    elif style == "UPPER_CASE":
        spelled = "_".join(w.upper() for w in words)
    else:
        return None
    lead = name[: len(name) - len(name.lstrip("_"))]
    return lead + spelled if spelled[:1].isalpha() else None


def violation(name: str, language: str, kind: str, profile: dict[str, Any]) -> str | None:
    """`name` respelled against the team's style for its kind (None when the profile has no
    style for the kind, the name does not follow it, or it cannot be respelled)."""
    entry = profile.get(language, {}).get("kinds", {}).get(kind)
    if not entry or entry.get("style") not in AGAINST or not follows(name, entry["style"]):
        return None
    new = respell(name, AGAINST[entry["style"]])
    return (
        new if new is not None and new != name and follows(new, entry["style"]) is False else None
    )
