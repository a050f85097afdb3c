"""Code translation prompts (Java -> Go first): the model is shown a function in one language
and writes it in another, starting from the target's signature and doc comment, and its answer
is turned back into a whole target function for the harness (`lib/sandbox/humaneval_x.py`).

Prompt formats follow `generate.function_prompts`: 'base' shows the source as a comment block
and lets the model continue the target function's body, stopping where the function's closing
brace stands at column 0; 'chat' asks in a user turn and prefills the assistant's reply with an
opening code block, so the model writes the whole function in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from codetune.lib.generate import PromptFormat

LANGUAGE_NAMES = {"java": "Java", "go": "Go", "python": "Python", "js": "JavaScript"}
TRANSLATE_INSTRUCTION = (
    "Translate the following {source_name} code to {target_name}.\n```{source}\n{code}```\n"
    "Write the {target_name} function, starting from this:\n```{target}\n{start}```"
)
# In the base format the target function is continued: gofmt puts its closing brace at column 0.
BASE_STOPS = ["\n}"]


def translation_prompts(
    sources: Sequence[str],
    starts: Sequence[str],
    tokenizer,
    fmt: PromptFormat,
    *,
    source: str = "java",
    target: str = "go",
) -> tuple[list[str], list[str], Literal["base", "chat"]]:
    """(prompts, stop sequences, the resolved format) asking for each `starts[i]` (the target
    function's doc comment and signature) translated from `sources[i]`."""
    # Imported here: lib.generate loads torch, which the data stage (base prompts of the
    # `translate` format) does not need.
    from codetune.lib.generate import CODE_BLOCK_END, chat_prefilled, resolve_prompt_format

    resolved = resolve_prompt_format(fmt, tokenizer)
    names = {k: LANGUAGE_NAMES.get(v, v) for k, v in (("source", source), ("target", target))}
    prompts = []
    for code, start in zip(sources, starts, strict=True):
        if resolved == "base":
            prompts.append(base_translation_prompt(code, start, source, target))
            continue
        content = TRANSLATE_INSTRUCTION.format(
            source_name=names["source"],
            target_name=names["target"],
            source=source,
            target=target,
            code=code if code.endswith("\n") else code + "\n",
            start=start if start.endswith("\n") else start + "\n",
        )
        prompts.append(chat_prefilled(tokenizer, content, f"```{target}\n"))
    stops = list(BASE_STOPS) if resolved == "base" else [CODE_BLOCK_END]
    return prompts, stops, resolved


def base_translation_prompt(code: str, start: str, source: str = "java", target: str = "go") -> str:
    """The base format's prompt: the source as a comment block, then the target's start (doc
    comment and signature) for the model to continue. Also the `translate` samples' prompt."""
    names = [LANGUAGE_NAMES.get(lang, lang) for lang in (source, target)]
    commented = "".join(f"// {line}\n" for line in code.rstrip("\n").split("\n"))
    return f"// {names[0]} original:\n{commented}\n// The same in {names[1]}:\n{start}"


_GO_PACKAGE = re.compile(r"^package \w+[ \t]*\n", re.MULTILINE)
_GO_IMPORTS = re.compile(r'^import (\([^)]*\)|"[^"\n]*")[ \t]*\n', re.MULTILINE)


def go_answer_to_function(
    text: str, start: str, entry_point: str, fmt: Literal["base", "chat"]
) -> str:
    """The whole Go code (the function and any helpers it wrote) from an answer.

    Base answers continue `start`: the body, whose closing brace the stop sequence cut off.
    Chat answers are whole files: their package clause and imports are dropped (the harness
    imports what the code uses); one that does not define `entry_point` is taken as the body
    after `start`."""
    if fmt == "base":
        return f"{start}{text.rstrip()}\n}}\n"
    code = _GO_IMPORTS.sub("", _GO_PACKAGE.sub("", text)).strip("\n") + "\n"
    if re.search(rf"^func {re.escape(entry_point)}\(", code, re.MULTILINE):
        return code
    return start + code


def go_body(code: str, entry_point: str) -> str | None:
    """What follows `entry_point`'s signature in whole Go code: its body up to and with the
    closing brace at column 0, then any other top-level code (helpers), so that the Go start
    (doc comment and signature) + this is the program. None where the function is missing or
    unclosed."""
    lines = code.split("\n")
    head = re.compile(rf"func {re.escape(entry_point)}\(")
    first = next((i for i, line in enumerate(lines) if head.match(line)), None)
    if first is None:
        return None
    opened = next((i for i in range(first, len(lines)) if lines[i].rstrip().endswith("{")), None)
    if opened is None:
        return None
    closed = next((i for i in range(opened + 1, len(lines)) if lines[i].startswith("}")), None)
    if closed is None:
        return None
    body = "\n".join(lines[opened + 1 : closed + 1]) + "\n"
    rest = "\n".join(lines[:first] + lines[closed + 1 :]).strip("\n")
    return body + (f"\n{rest}\n" if rest else "")
