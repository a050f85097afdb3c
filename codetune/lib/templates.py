"""The chat template codetune trains chat samples with.

Qwen3's stock template has no `{% generation %}` markers, so `return_assistant_tokens_mask`
cannot say which tokens are the assistant's. `qwen3_training.jinja` is the stock template with
those markers around the assistant's content and `<|im_end|>` (rendering the same text). The
masks codetune trains with come from tokenising prompt and completion separately (exact by
construction, see masking.py); the tests check they equal this template's generation mask.
"""

from __future__ import annotations

from pathlib import Path

TRAINING_TEMPLATE = Path(__file__).with_name("qwen3_training.jinja")


def training_chat_template() -> str:
    """Qwen3's chat template with `{% generation %}` markers (renders the same text)."""
    return TRAINING_TEMPLATE.read_text(encoding="utf-8")


def assistant_tokens_mask(messages: list[dict[str, str]], tokenizer) -> dict[str, list[int]]:
    """input_ids and the template's assistant mask (1 = inside `{% generation %}`)."""
    out = tokenizer.apply_chat_template(
        messages,
        chat_template=training_chat_template(),
        tokenize=True,
        return_dict=True,
        return_assistant_tokens_mask=True,
        enable_thinking=False,
    )
    return {"input_ids": list(out["input_ids"]), "assistant_masks": list(out["assistant_masks"])}
