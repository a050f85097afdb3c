"""Convention pairs: the same function with its local names respelled against the team's own
naming profile (the data stage's `conventions.json`, `codetune.lib.conventions`).

A team whose variables are camelCase gets `userId` -> `user_id` as the rejected side, a
snake_case team the reverse; the style_violation kind, by contrast, always judges by PEP 8.
Only locals declared in the completion are renamed, everywhere they are used: parameters are
in the prompt, which chosen and rejected share, and field or method names are another
object's. The rename keeps behaviour, so the pair teaches naming alone.
"""

from __future__ import annotations

import random
from typing import Any

import tree_sitter

from codetune.lib.conventions import violation
from codetune.stages.pairs.defects_treesitter import _tree, parse_errors
from codetune.stages.pairs.mutations import Mutation
from codetune.stages.pairs.rewrites import rename_locals

# Opt-in (pairs.kinds): it needs the data stage's profile, and a default kind list that grew
# would change which pairs a seed gives.
KIND = "convention_violation"
# The profile kind whose style a renamed local must break, per language.
LOCAL_KIND = {"python": "variable", "java": "variable"}
LANGUAGES = frozenset(LOCAL_KIND)


def convention_violation(
    code: str,
    rng: random.Random,
    prompt: str,
    language: str,
    profile: dict[str, Any],
) -> Mutation | None:
    """Locals renamed against `profile`'s style for the language's variables; None when the
    profile has no such style, or no local follows it with a respelling that breaks it."""
    kind = LOCAL_KIND.get(language)
    if kind is None or not code.startswith(prompt):
        return None

    def against(name: str) -> str | None:
        return violation(name, language, kind, profile)

    if language == "python":
        renamed = rename_locals(code, rng, prompt, respell=against)
    else:
        renamed = _rename_java_locals(code, rng, prompt, against)
    if renamed is None or renamed == code:
        return None
    style = profile[language]["kinds"][kind]["style"]
    return Mutation(renamed, f"locals respelled against the team's {style}")


def _rename_java_locals(
    code: str, rng: random.Random, prompt: str, against: Any, max_names: int = 3
) -> str | None:
    """Rename up to `max_names` locals declared after the prompt, at every use (identifiers
    that are not a field or method name after a dot)."""
    tree, offset = _tree(code, "java")
    start = len(prompt.encode()) + offset
    declared: list[str] = []
    uses: dict[str, list[tree_sitter.Node]] = {}
    taken: set[str] = set()
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type != "identifier":
            continue
        name = node.text.decode() if node.text else ""
        taken.add(name)
        parent = node.parent
        if parent is None:
            continue
        declares_local = (
            parent.type == "variable_declarator"
            and parent.child_by_field_name("name") == node
            and parent.parent is not None
            and parent.parent.type == "local_variable_declaration"
        )
        if declares_local:
            if node.start_byte >= start and name not in declared:
                declared.append(name)
        elif parent.type in {"field_access", "method_invocation"} and (
            parent.child_by_field_name("field") == node
            or parent.child_by_field_name("name") == node
        ):
            continue  # obj.field / obj.method(): another object's name
        uses.setdefault(name, []).append(node)
    candidates = [n for n in declared if against(n)]
    if not candidates:
        return None
    chosen = rng.sample(candidates, k=min(len(candidates), rng.randint(1, max_names)))
    edits: list[tuple[int, int, str]] = []
    for old in chosen:
        new = against(old)
        if new is None or new in taken:
            continue
        taken.add(new)
        nodes = uses.get(old, [])
        # A name used inside the prompt is the prompt's: renaming it would change the prompt.
        if any(n.start_byte < start for n in nodes):
            continue
        edits += [(n.start_byte - offset, n.end_byte - offset, new) for n in nodes]
    if not edits:
        return None
    data = code.encode()
    for begin, end, text in sorted(edits, reverse=True):
        data = data[:begin] + text.encode() + data[end:]
    out = data.decode(errors="replace")
    if not out.startswith(prompt) or parse_errors(out, "java") > parse_errors(code, "java"):
        return None
    return out
