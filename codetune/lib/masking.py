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

A tokenizer without these tokens (say Llama 3's `<|end_of_text|>`) gets its own EOS instead,
never the literal text split into ordinary tokens. FIM is refused for a tokenizer without FIM
tokens (`require_fim_tokens`).
"""

from __future__ import annotations

from typing import Any

from codetune.core.errors import UserError

DOC_EOS = "<|endoftext|>"
CHAT_EOS = "<|im_end|>"
FIM_TOKENS = ("<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>")


def eos_for_format(fmt: str) -> str:
    return CHAT_EOS if fmt == "chat" else DOC_EOS


def single_token_id(tokenizer, token: str) -> int | None:
    """The id of `token` when the tokenizer has it as one token of its vocabulary, else None.

    `convert_tokens_to_ids` answers the unknown token's id for a missing token (SmolLM2: 0, which
    is also its `<|endoftext|>`), so the text is tokenised and must come back as that token."""
    ids = tokenizer(token, add_special_tokens=False)["input_ids"]
    if len(ids) != 1:
        return None
    return ids[0] if tokenizer.convert_ids_to_tokens(ids[0]) == token else None


def eos_token_id(tokenizer, eos: str) -> int:
    """The id appended after a completion: `eos` where the vocabulary has it, else the
    tokenizer's own EOS token."""
    found = single_token_id(tokenizer, eos)
    if found is not None:
        return found
    if tokenizer.eos_token_id is None:
        raise UserError(f"the tokenizer has neither '{eos}' nor an EOS token to end samples with")
    return int(tokenizer.eos_token_id)


def document_eos(tokenizer) -> str:
    """The token that ends a completion-format sample: `<|endoftext|>`, or the tokenizer's own
    EOS where its vocabulary has no such token."""
    if single_token_id(tokenizer, DOC_EOS) is not None or tokenizer.eos_token is None:
        return DOC_EOS
    return str(tokenizer.eos_token)


def require_fim_tokens(tokenizer, where: str = "sft.train_format") -> None:
    """Refuse FIM for a tokenizer without the FIM special tokens.

    Without them `<|fim_prefix|>` would be split into a dozen ordinary tokens and the model
    would be trained on a format it can never recognise. Adding the tokens is not offered:
    their embeddings would start random and (with tied embeddings, SmolLM2's case) train the
    LM head with them, which a LoRA run on a few hundred samples cannot do well.
    """
    missing = [t for t in FIM_TOKENS if single_token_id(tokenizer, t) is None]
    if missing:
        name = getattr(tokenizer, "name_or_path", "") or "this model"
        raise UserError(
            f"{where}: 'fim' needs the FIM special tokens, but the tokenizer of {name} has no "
            f"{', '.join(missing)}; use a model pretrained with FIM (Qwen2.5-Coder, "
            "Qwen3-Coder, embedded:tiny-qwen3) or train_format 'completion' / 'chat'"
        )


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
    completion_ids = [*completion_ids, eos_token_id(tokenizer, eos)]
    input_ids = (prompt_ids + completion_ids)[:max_length]
    mask = ([0] * len(prompt_ids) + [1] * len(completion_ids))[:max_length]
    return {"input_ids": input_ids, "completion_mask": mask}


def without_context(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its file context (`context_chars` characters after any FIM prefix token at
    the start of its prompt, as the data stage wrote it) taken out of the prompt."""
    n = row.get("context_chars") or 0
    if not n or not isinstance(row.get("prompt"), str):
        return row
    prompt = row["prompt"]
    start = len(FIM_TOKENS[0]) if prompt.startswith(FIM_TOKENS[0]) else 0
    return {**row, "prompt": prompt[:start] + prompt[start + n :], "context_chars": 0}


def sample_of_row(
    row: dict[str, Any], fmt: str, tokenizer, *, eos: str, max_length: int
) -> dict[str, list[int]]:
    """`tokenize_sample` of a data row. File context gives way first: a row whose context
    would push completion tokens past `max_length` is taken without it, so context never
    costs a trained token."""
    prompt, completion = prompt_and_completion(row, fmt, tokenizer)
    sample = tokenize_sample(prompt, completion, tokenizer, eos=eos, max_length=max_length)
    # Only a sample cut at max_length can have lost completion tokens: the rest are not
    # tokenised a second time.
    if (
        row.get("context_chars")
        and len(sample["input_ids"]) == max_length
        and sum(sample["completion_mask"]) < _completion_tokens(completion, tokenizer)
    ):
        prompt, completion = prompt_and_completion(without_context(row), fmt, tokenizer)
        sample = tokenize_sample(prompt, completion, tokenizer, eos=eos, max_length=max_length)
    return sample


def _completion_tokens(completion: str, tokenizer) -> int:
    """Completion tokens of an untruncated sample, its EOS included."""
    return len(tokenizer(completion, add_special_tokens=False)["input_ids"]) + 1


def tokenize_rows(
    rows: list[dict[str, Any]], fmt: str, tokenizer, *, max_length: int
) -> tuple[list[dict[str, list[int]]], int]:
    """Tokenise rows; drop (and count) samples left with no trained token after truncation."""
    if fmt == "fim":
        require_fim_tokens(tokenizer)
    eos = eos_for_format(fmt)
    out, dropped = [], 0
    for row in rows:
        sample = sample_of_row(row, fmt, tokenizer, eos=eos, max_length=max_length)
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
