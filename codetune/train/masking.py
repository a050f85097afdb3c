"""Tokenisation with exact loss masks, for every sample format.

The prompt is tokenised on its own, exactly as it will be at inference time, and the completion
(plus the end-of-sequence token) after it. Tokenising `prompt + completion` in one go would let
Qwen's BPE merge across the boundary (a newline followed by indentation, say), which shifts the
mask by a token or silently trains on a prompt token; tokenising the parts separately makes the
mask exact by construction.

- completion / fim: loss on the completion (FIM: the middle) and `<|endoftext|>`;
- chat: the prompt is the chat template rendered up to the assistant turn with the generation
  prompt, the completion is the assistant's content and `<|im_end|>`: loss on the assistant
  turn only, and on the token that stops generation.
"""

from __future__ import annotations

from typing import Any

DOC_EOS = "<|endoftext|>"
CHAT_EOS = "<|im_end|>"


def eos_for_format(fmt: str) -> str:
    return CHAT_EOS if fmt == "chat" else DOC_EOS


def split_chat(messages: list[dict[str, str]], tokenizer) -> tuple[str, str]:
    """(prompt text, completion text) of a chat sample whose last turn is the assistant's."""
    if not messages or messages[-1].get("role") != "assistant":
        raise ValueError("a chat sample must end with an assistant message")
    prompt = tokenizer.apply_chat_template(
        messages[:-1], tokenize=False, add_generation_prompt=True, enable_thinking=False
    )
    return prompt, messages[-1]["content"]


def prompt_and_completion(row: dict[str, Any], fmt: str, tokenizer) -> tuple[str, str]:
    if fmt == "chat":
        return split_chat(row["messages"], tokenizer)
    return row["prompt"], row["completion"]


def tokenize_sample(
    prompt: str, completion: str, tokenizer, *, eos: str, max_length: int
) -> dict[str, list[int]]:
    """input_ids and completion_mask (1 = trained) for one sample, truncated to max_length."""
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    completion_ids = tokenizer(completion, add_special_tokens=False)["input_ids"]
    completion_ids = [*completion_ids, tokenizer.convert_tokens_to_ids(eos)]
    input_ids = (prompt_ids + completion_ids)[:max_length]
    mask = ([0] * len(prompt_ids) + [1] * len(completion_ids))[:max_length]
    return {"input_ids": input_ids, "completion_mask": mask}


def tokenize_rows(
    rows: list[dict[str, Any]], fmt: str, tokenizer, *, max_length: int
) -> tuple[list[dict[str, list[int]]], int]:
    """Tokenise rows; drop (and count) samples left with no trained token after truncation."""
    eos = eos_for_format(fmt)
    out, dropped = [], 0
    for row in rows:
        prompt, completion = prompt_and_completion(row, fmt, tokenizer)
        sample = tokenize_sample(prompt, completion, tokenizer, eos=eos, max_length=max_length)
        if 1 in sample["completion_mask"]:
            out.append(sample)
        else:
            dropped += 1
    return out, dropped


def render_masking(sample: dict[str, list[int]], tokenizer, limit: int = 80) -> str:
    """Token-by-token view of a sample: ids, text and whether the token is trained."""
    lines = [f"{'pos':>4} {'id':>7} {'train':>5}  token"]
    for i, (tid, m) in enumerate(
        zip(sample["input_ids"][:limit], sample["completion_mask"][:limit], strict=True)
    ):
        text = tokenizer.convert_ids_to_tokens(tid)
        lines.append(f"{i:>4} {tid:>7} {'  yes' if m else '   - '}  {text!r}")
    if len(sample["input_ids"]) > limit:
        lines.append(f"... {len(sample['input_ids']) - limit} more tokens")
    return "\n".join(lines)
