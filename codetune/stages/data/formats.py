"""Sample formats built from one kept function: completion, chat and fill-in-the-middle.

Completion: `prompt + completion == context + code` exactly, cut at a line end (the prompt ends
with "\n", so a BPE token never spans the boundary); `context` is empty unless
`data.context_tokens` asks for the file's surroundings (`file_context`). Chat: Qwen3 messages, the user asks for the
function from its signature and docstring, the assistant answers with the code. FIM: Qwen's
prefix-suffix-middle tokens; the middle is a random run of whole body lines, chosen from the
seed and the sample id so a rerun gives the same samples.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

from codetune.stages.data.extract import Surroundings
from codetune.stages.data.quality import count_tokens

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


def file_context(
    path: str,
    language: str,
    imports: list[str],
    around: Surroundings | None,
    start_line: int,
    budget: int,
) -> str:
    """What a reader of the file sees around a function, as comments, within `budget` code
    tokens: the path, the imports, the class header and fields (a Go method: its receiver's
    type), the signatures of the functions beside it, nearest first when they do not all fit.

    Comments, like RepoCoder's retrieved snippets, rather than the code itself: the function
    is cut out at column 0, so a class header above it in code would misplace it, and a
    comment block parses in every language (pairs and eval still read the sample as code)."""
    if budget <= 0:
        return ""
    mark = "#" if language == "python" else "//"
    header, fields = (around.class_header, around.fields) if around else (None, [])
    siblings = sorted(around.siblings if around else [], key=lambda s: abs(s[0] - start_line))
    chosen: dict[str, list[str]] = {"header": [], "fields": [], "imports": [], "siblings": []}
    used = count_tokens(path) + 2
    wanted = [("header", header)] if header else []
    wanted += [("fields", f) for f in fields] + [("imports", i) for i in imports]
    wanted += [("siblings", s) for _, s in siblings]
    for part, text in wanted:
        cost = count_tokens(text)
        if used + cost <= budget:
            chosen[part].append(text)
            used += cost
    order = {text: line for line, text in siblings}
    chosen["siblings"].sort(key=lambda text: order[text])
    indent = "    " if chosen["header"] and language != "go" else ""
    lines = [f"File: {path}", *chosen["imports"]]
    for text in chosen["header"]:
        lines += text.splitlines()
    lines += [indent + f for f in chosen["fields"]] + [indent + s for s in chosen["siblings"]]
    return "".join(f"{mark} {line}".rstrip() + "\n" for line in lines)


def _context_chars(row: dict[str, Any]) -> dict[str, int]:
    """How many characters of the prompt (after a FIM prefix token) are file context: training
    and scoring drop them where a sample would not fit otherwise, pairs leave them out."""
    return {"context_chars": len(row["context"])} if row.get("context") else {}


def metadata(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("id", "language", "path", "name")} | {
        "is_test": bool(row.get("is_test"))
    }


def completion_sample(row: dict[str, Any], cut: int) -> dict[str, Any]:
    code = row["code"]
    return {
        "prompt": row.get("context", "") + code[:cut],
        "completion": code[cut:],
        **_context_chars(row),
        **metadata(row),
    }


def chat_instruction(row: dict[str, Any]) -> str:
    language = LANGUAGE_NAMES.get(row["language"], row["language"])
    where = f" (a method of class `{row['class_name']}`)" if row.get("class_name") else ""
    parts = [
        f"Write the {language} function `{row['name']}`{where} with this signature:",
        f"```{row['language']}\n{row['signature']}\n```",
    ]
    if row.get("docstring"):
        parts.append(f"It is documented as:\n{row['docstring']}")
    if row.get("context"):
        parts.append(f"Around it in its file:\n```{row['language']}\n{row['context']}```")
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
    prefix, middle, suffix = row.get("context", "") + code[:a], code[a:b], code[b:]
    return {
        "prompt": FIM_PREFIX + prefix + FIM_SUFFIX + suffix + FIM_MIDDLE,
        "completion": middle,
        **_context_chars(row),
        **metadata(row),
    }
