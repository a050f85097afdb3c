"""Deprecated-API migration: find deprecated calls with tools, make migration data from a
team's current code by the reverse migration, and check that the reverse is safe.

One module per language (`python.py`: ruff + pylint, libcst rewrites; `java.py`: javac's
deprecation lint, tree-sitter rewrites); this module dispatches by language and holds the
`migrate` prompt format.

- The detector reads the code only (Python) or compiles it without running it, inside the
  sandbox (Java). Model answers are untrusted code.
- A reverse migration (current API -> deprecated form) makes training data only where its
  **alias probe** agrees: a small differential program that runs both forms in the sandbox,
  on the team's interpreter or JDK (Python 3.12 dropped `assertEquals`; a JDK that dropped
  `new Integer(int)` would fail the probe). The tools must find the rewritten function and
  not the original, so the prompt has something to migrate and the completion is clean.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.deprecations.base import PROBE_MARK, Finding
from codetune.lib.deprecations.java import (
    JAVA_REVERSE_MIGRATIONS,
    find_deprecated_java,
    holding_java_rules,
    java_method_named,
    reverse_migrate_java,
)
from codetune.lib.deprecations.python import (
    PYTHON_REVERSE_MIGRATIONS,
    find_deprecated_python,
    holding_python_rules,
    python_function_named,
    reverse_migrate_python,
)

if TYPE_CHECKING:
    from codetune.lib.generate import PromptFormat

__all__ = ["PROBE_MARK", "Finding"]

LANGUAGES = ("python", "java")
LANGUAGE_NAMES = {"python": "Python", "java": "Java"}
COMMENT = {"python": "#", "java": "//"}
CATALOGUES = {"python": PYTHON_REVERSE_MIGRATIONS, "java": JAVA_REVERSE_MIGRATIONS}


def find_deprecated(
    codes: Sequence[str],
    imports: Sequence[Sequence[str]] | None = None,
    languages: Sequence[str] | None = None,
) -> list[list[Finding] | None]:
    """The deprecated uses the tools find in each piece of code (Python unless `languages[i]`
    says otherwise); None where it does not parse. `imports[i]`: its file's imports."""
    languages = list(languages) if languages is not None else ["python"] * len(codes)
    imports = list(imports) if imports is not None else [[] for _ in codes]
    out: list[list[Finding] | None] = [None] * len(codes)
    finders = {"python": find_deprecated_python, "java": find_deprecated_java}
    for language, find in finders.items():
        index = [i for i, lang in enumerate(languages) if lang == language]
        if index:
            found = find([codes[i] for i in index], [imports[i] for i in index])
            for i, listed in zip(index, found, strict=True):
                out[i] = listed
    return out


def reverse_migrate(code: str, language: str, rules: Sequence) -> tuple[str, list[str]] | None:
    """`code` with every site of each rule rewritten to its deprecated form, and the rules
    that changed something; None when none applies or the code does not parse."""
    if language == "java":
        return reverse_migrate_java(code, rules)
    return reverse_migrate_python(code, rules)


def holding_rules(language: str, limits: SandboxLimits | None = None) -> list:
    """The language's reverse migrations whose alias probe agrees in the sandbox."""
    if language == "java":
        return holding_java_rules(limits)
    return holding_python_rules(limits)


# ------------------------------------------------------------------------ the prompt format

# In the base format the answer is one top-level function: a new top-level line ends it. A
# Java method's closing brace stands at column 0: the stop cuts it, `migrated_function` puts
# it back.
BASE_STOPS = {
    "python": ["\n# ", "\nclass ", "\nif __name__", "\n\n\n", "\nprint("],
    "java": ["\n}", "\n//"],
}


def migration_instruction(language: str) -> str:
    return (
        f"Migrate this {LANGUAGE_NAMES[language]} function off deprecated APIs: use their "
        "current replacements and keep its behaviour."
    )


def migration_prompt(deprecated_code: str, language: str = "python") -> str:
    """The `migrate` format's prompt; its completion is the current function."""
    code = deprecated_code if deprecated_code.endswith("\n") else deprecated_code + "\n"
    mark = COMMENT[language]
    return f"{mark} {migration_instruction(language)}\n{mark} Before:\n{code}\n{mark} After:\n"


def migration_prompts(
    deprecated_codes: Sequence[str], tokenizer, fmt: PromptFormat, language: str = "python"
) -> tuple[list[str], list[str], Literal["base", "chat"]]:
    """(prompts, stop sequences, the resolved format): 'base' is the `migrate` samples' own
    format (what SFT trains); 'chat' asks in a user turn and prefills the reply with an
    opening code block, as `lib/translation.py` does."""
    # Imported here: lib.generate loads torch, which the data stage's workers (which use the
    # rest of this module) do not need.
    from codetune.lib.generate import CODE_BLOCK_END, chat_prefilled, resolve_prompt_format

    resolved = resolve_prompt_format(fmt, tokenizer)
    if resolved == "base":
        prompts = [migration_prompt(c, language) for c in deprecated_codes]
        return prompts, list(BASE_STOPS[language]), resolved
    fence = f"```{language}\n"
    prompts = [
        chat_prefilled(
            tokenizer, f"{migration_instruction(language)}\n{fence}{c.rstrip()}\n```", fence
        )
        for c in deprecated_codes
    ]
    return prompts, [CODE_BLOCK_END], resolved


def migrated_function(
    answer: str, name: str, language: str = "python", fmt: Literal["base", "chat"] = "chat"
) -> str | None:
    """The function called `name` in an answer; None when there is none that parses. A base
    answer's Java method lost its closing brace to the stop: it is put back."""
    if language == "java":
        text = answer.rstrip() + "\n}\n" if fmt == "base" else answer
        return java_method_named(text, name)
    return python_function_named(answer, name)
