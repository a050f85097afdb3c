"""The one tree-sitter loader: a grammar and a parser per language name, each built once.

Every module that parses code with tree-sitter (the security scanner, the defect injector, the
code metrics, the data stage's function extractor) asks here, so a new grammar or a change of
the tree-sitter API is one edit. Grammar wheels are imported on first use of their language:
a Python-only run never loads the Java or Go grammars.
"""

from __future__ import annotations

import functools
import importlib

import tree_sitter

# language name -> (grammar module, function returning its language pointer). TypeScript's
# wheel holds two grammars: plain .ts and .tsx (JSX inside TypeScript).
GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "java": ("tree_sitter_java", "language"),
    "go": ("tree_sitter_go", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
}
LANGUAGES: tuple[str, ...] = tuple(GRAMMARS)


@functools.cache
def language_for(language: str) -> tree_sitter.Language:
    """The tree-sitter grammar of `language` (one of LANGUAGES), for parsers and queries."""
    if language not in GRAMMARS:
        raise ValueError(
            f"no tree-sitter grammar for language {language!r}; supported: {', '.join(LANGUAGES)}"
        )
    module, function = GRAMMARS[language]
    return tree_sitter.Language(getattr(importlib.import_module(module), function)())


@functools.cache
def parser_for(language: str) -> tree_sitter.Parser:
    """A parser for `language`, shared by all callers (parsing does not change its settings)."""
    return tree_sitter.Parser(language_for(language))
