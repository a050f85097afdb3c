"""The shipped Qwen3 training template: same text as the stock one, generation markers around
the assistant's content and `<|im_end|>`, and a mask equal to codetune's exact masks."""

from __future__ import annotations

import ast

import pytest

from codetune.lib.masking import CHAT_EOS, prompt_and_completion, tokenize_sample
from codetune.lib.templates import assistant_tokens_mask, training_chat_template

CONVERSATIONS = [
    [
        {"role": "user", "content": "Write `def add(a, b)` in Python."},
        {"role": "assistant", "content": "def add(a, b):\n    return a + b\n"},
    ],
    [
        {"role": "system", "content": "You write Python in the team's style."},
        {"role": "user", "content": "Reverse a list."},
        {"role": "assistant", "content": "def rev(xs):\n    return xs[::-1]\n"},
    ],
    [
        {"role": "user", "content": "One?"},
        {"role": "assistant", "content": "1"},
        {"role": "user", "content": "Two?"},
        {"role": "assistant", "content": "<think>\ncount\n</think>\n\n2"},
    ],
]


@pytest.mark.parametrize("messages", CONVERSATIONS)
@pytest.mark.parametrize("gen_prompt", [False, True])
def test_training_template_renders_the_stock_text(tiny_tokenizer, messages, gen_prompt):
    msgs = messages[:-1] if gen_prompt else messages
    kwargs = {"tokenize": False, "add_generation_prompt": gen_prompt, "enable_thinking": False}
    stock = tiny_tokenizer.apply_chat_template(msgs, **kwargs)
    ours = tiny_tokenizer.apply_chat_template(
        msgs, chat_template=training_chat_template(), **kwargs
    )
    assert ours == stock
    assert "{% generation %}" not in (tiny_tokenizer.chat_template or "")
    assert "generation %}" in training_chat_template()


def _trained(ids: list[int], mask: list[int]) -> list[int]:
    return [t for t, m in zip(ids, mask, strict=True) if m]


def _stdlib_chats(stdlib_dir, limit=25) -> list[list[dict[str, str]]]:
    chats = []
    for name in ("textwrap.py", "bisect.py", "fnmatch.py"):
        src = (stdlib_dir / name).read_text()
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef):
                code = ast.get_source_segment(src, node)
                chats.append(
                    [
                        {"role": "user", "content": f"Write the function `{node.name}`."},
                        {"role": "assistant", "content": code + "\n"},
                    ]
                )
    return chats[:limit]


def test_exact_masks_equal_the_template_generation_mask(tiny_tokenizer, stdlib_dir):
    chats = CONVERSATIONS[:2] + _stdlib_chats(stdlib_dir)
    assert len(chats) >= 20
    for messages in chats:
        prompt, completion = prompt_and_completion({"messages": messages}, "chat", tiny_tokenizer)
        ours = tokenize_sample(prompt, completion, tiny_tokenizer, eos=CHAT_EOS, max_length=4096)
        tmpl = assistant_tokens_mask(messages, tiny_tokenizer)
        # Trained tokens: exactly the assistant turn and the <|im_end|> that stops generation.
        trained = _trained(ours["input_ids"], ours["completion_mask"])
        assert tiny_tokenizer.decode(trained) == messages[-1]["content"] + CHAT_EOS
        assert trained == _trained(tmpl["input_ids"], tmpl["assistant_masks"])
        # The untrained prefix is the same tokens too (the template adds only a final "\n").
        n = len(ours["input_ids"])
        assert tmpl["input_ids"][:n] == ours["input_ids"]
        assert tmpl["assistant_masks"][:n] == ours["completion_mask"]
        assert tiny_tokenizer.decode(tmpl["input_ids"][n:]) == "\n"
