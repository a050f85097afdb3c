"""Sample formats built from one kept function: completion, chat and fill-in-the-middle.

Completion: `prompt + completion == code` exactly, cut at a line end (the prompt ends with
"\n", so a BPE token never spans the boundary). Chat: Qwen3 messages, the user asks for the
function from its signature and docstring, the assistant answers with the code. FIM: Qwen's
prefix-suffix-middle tokens; the middle is a random run of whole body lines, chosen from the
seed and the sample id so a rerun gives the same samples.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

FIM_PREFIX, FIM_SUFFIX, FIM_MIDDLE = "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"

LANGUAGE_NAMES = {
    "python": "Python",
    "java": "Java",
    "go": "Go",
    "javascript": "JavaScript",
    "typescript": "TypeScript",
}


# How a completion prompt was cut (reported per kept function in stats.json).
PromptCut = str  # "docstring" | "signature" | "first_lines"


def prompt_end(
    code: str, sig_end: int, doc_end: int, has_doc: bool, prompt_lines: int
) -> tuple[int, PromptCut]:
    """(offset where the completion prompt ends, how it was cut).

    After the docstring where there is one. Otherwise a long function (more than twice
    `prompt_lines` code lines in its body) gives its signature and first `prompt_lines` body
    lines and asks for the rest; a short one gives its signature alone and asks for the whole
    body. A fixed cut would leave a short function's completion as little as its closing `}`.
    """
    if has_doc:
        return max(sig_end, doc_end), "docstring"
    body_start = _line_end(code, sig_end)
    if code_lines(code[body_start:]) <= 2 * prompt_lines:
        return body_start, "signature"
    end = body_start
    for _ in range(prompt_lines):
        nl = code.find("\n", end)
        if nl < 0:
            return len(code), "first_lines"
        end = nl + 1
    return end, "first_lines"


def _line_end(code: str, offset: int) -> int:
    """The start of the line after `offset` (a cut never splits a line)."""
    if offset > 0 and code[offset - 1] == "\n":
        return offset
    nl = code.find("\n", offset)
    return len(code) if nl < 0 else nl + 1


def code_lines(text: str) -> int:
    """Lines holding code: a letter or digit, not only closing punctuation (`}`, `});`)."""
    return sum(1 for line in text.splitlines() if any(ch.isalnum() for ch in line))


def completion_lines(code: str, cut: int) -> int:
    return code_lines(code[cut:])


def metadata(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "language", "path", "name")} | {
        "is_test": bool(row.get("is_test"))
    }


def completion_sample(row: dict[str, Any], cut: int) -> dict[str, Any]:
    code = row["code"]
    return {"prompt": code[:cut], "completion": code[cut:], **metadata(row)}


def chat_instruction(row: dict[str, Any]) -> str:
    language = LANGUAGE_NAMES.get(row["language"], row["language"])
    where = f" (a method of class `{row['class_name']}`)" if row.get("class_name") else ""
    parts = [
        f"Write the {language} function `{row['name']}`{where} with this signature:",
        f"```{row['language']}\n{row['signature']}\n```",
    ]
    if row.get("docstring"):
        parts.append(f"It is documented as:\n{row['docstring']}")
    parts.append("Answer with the complete function only.")
    return "\n\n".join(parts)


def chat_sample(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "messages": [
            {"role": "user", "content": chat_instruction(row)},
            {"role": "assistant", "content": row["code"]},
        ],
        **metadata(row),
    }


def fim_sample(row: dict[str, Any], body_start: int, seed: int) -> dict[str, Any] | None:
    """Prefix/suffix/middle around a random run of body lines; None if the body is empty."""
    code = row["code"]
    starts = [body_start]
    while True:
        nl = code.find("\n", starts[-1])
        if nl < 0 or nl + 1 >= len(code):
            break
        starts.append(nl + 1)
    lines = [(a, b) for a, b in zip(starts, [*starts[1:], len(code)], strict=True)]
    lines = [(a, b) for a, b in lines if code[a:b].strip()]
    if not lines:
        return None
    digest = hashlib.sha256(f"{seed}:{row['id']}".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    first = rng.randrange(len(lines))
    last = rng.randrange(first, min(len(lines), first + max(1, len(lines) // 2)))
    a, b = lines[first][0], lines[last][1]
    prefix, middle, suffix = code[:a], code[a:b], code[b:]
    return {
        "prompt": FIM_PREFIX + prefix + FIM_SUFFIX + suffix + FIM_MIDDLE,
        "completion": middle,
        **metadata(row),
    }
