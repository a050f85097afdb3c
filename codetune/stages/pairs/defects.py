"""Named defect injectors: each turns a clean function into a worse one that still parses.

`INJECTORS[kind](code, rng, prompt="", language="python") -> Mutation | None`. The mutation's
`code` is the defective function; `clean` is the matching good function when the injector had to
insert a carrier statement (None: the input itself is the good side). Nothing in the prompt is
ever changed: every returned function starts with `prompt`, so chosen and rejected share it.
Injectors return None when they cannot apply and never raise.

Two strategies (`codetune.stages.pairs.mutations`):
- Site edits change code that is already there (`range(n)` -> `range(n + 1)`, `<` -> `>`,
  a guard clause deleted, a `try` unwrapped, a `with open()` turned into a bare `open()`...).
- Carriers serve the safety and resource kinds, whose natural sites (SQL, subprocess, open)
  most functions lack: a realistic statement using one of the function's parameters is inserted
  into *both* sides, written correctly in `clean` and with the defect in `code`, so the only
  difference between the two is the defect (`subprocess.run([...])` vs `subprocess.run(f"...",
  shell=True)`). Where a natural site exists it is preferred.

`KIND_GROUPS` maps each kind to "semantic" (changes results), "quality" (error handling,
resources, hard-coded values), "safety" (injection, path traversal) or "style". This module is
the catalogue: every kind, its group and its Python implementation, in registration order
(`defects_semantic`, `defects_quality`, `defects_safety`, and `style_violations` for the style
kind). Java and Go get the kinds that are safe as token edits with tree-sitter
(`defects_treesitter.TREE_SITTER`), dispatched by the same `INJECTORS` entry.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable

from codetune.stages.pairs import defects_quality as quality
from codetune.stages.pairs import defects_safety as safety
from codetune.stages.pairs import defects_semantic as semantic
from codetune.stages.pairs.defects_treesitter import TREE_SITTER
from codetune.stages.pairs.mutations import Mutation
from codetune.stages.pairs.style_violations import violate_style

__all__ = ["GROUPS", "INJECTORS", "KIND_GROUPS", "Mutation", "inject", "supported_kinds"]

PythonInjector = Callable[[str, random.Random, str], Mutation | None]
Injector = Callable[..., Mutation | None]

GROUPS = ("semantic", "quality", "safety", "style")


def style_violation(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """The same code made non-PEP 8: one of `codetune.stages.pairs.style_violations.
    STYLE_VIOLATIONS` (`== None`, `== True`, bare `except`, compound statements, camelCase or
    ambiguous names, an over-long line, cramped whitespace, `type(x) == T`), each a ruff
    finding."""
    found = violate_style(code, rng, prompt)
    return Mutation(found[1], found[0]) if found else None


# (kind, group, Python implementation). The order is the order of `INJECTORS`, which the pair
# builder shuffles with a seeded RNG: reordering it changes which pairs a seed gives.
CATALOGUE: list[tuple[str, str, PythonInjector]] = [
    ("off_by_one", "semantic", semantic.off_by_one),
    ("flipped_comparison", "semantic", semantic.flipped_comparison),
    ("removed_none_check", "semantic", semantic.removed_none_check),
    ("out_of_bounds", "semantic", semantic.out_of_bounds),
    ("swallowed_exception", "quality", quality.swallowed_exception),
    ("removed_exception_handling", "quality", quality.removed_exception_handling),
    ("hardcoded_value", "quality", quality.hardcoded_value),
    ("unclosed_resource", "quality", quality.unclosed_resource),
    ("shell_true", "safety", safety.shell_true),
    ("sql_string_format", "safety", safety.sql_string_format),
    ("unchecked_path_join", "safety", safety.unchecked_path_join),
    ("style_violation", "style", style_violation),
]


def _injector(kind: str, python_impl: PythonInjector) -> Injector:
    """The registered injector of `kind`: Python code goes to `python_impl`, other languages to
    their tree-sitter implementation (None where there is none). The bare Python function stays
    reachable as `__wrapped__` (the tests call it, so bugs still surface)."""

    @functools.wraps(python_impl)
    def run(
        code: str, rng: random.Random, prompt: str = "", language: str = "python"
    ) -> Mutation | None:
        if not code.startswith(prompt):
            return None
        try:
            if language == "python":
                return python_impl(code, rng, prompt)
            ts_impl = TREE_SITTER.get(language, {}).get(kind)
            return ts_impl(code, rng, prompt, language) if ts_impl else None
        except (RecursionError, MemoryError):
            return None
        except Exception:  # an unforeseen construct: this function does not get this kind
            return None

    return run


INJECTORS: dict[str, Injector] = {kind: _injector(kind, impl) for kind, _, impl in CATALOGUE}
KIND_GROUPS: dict[str, str] = {kind: group for kind, group, _ in CATALOGUE}


def inject(
    kind: str, code: str, rng: random.Random, prompt: str = "", language: str = "python"
) -> Mutation | None:
    """Apply the injector named `kind` (see `INJECTORS`)."""
    return INJECTORS[kind](code, rng, prompt, language)


def supported_kinds(language: str) -> list[str]:
    """Kinds that can apply to `language`."""
    if language == "python":
        return list(INJECTORS)
    return [k for k in INJECTORS if k in TREE_SITTER.get(language, {})]
