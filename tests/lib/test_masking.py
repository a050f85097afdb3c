"""Loss masks are exact: prompt tokens never trained, completion and EOS always trained."""

from __future__ import annotations

import ast

import pytest

from codetune.lib.masking import (
    CHAT_EOS,
    DOC_EOS,
    prompt_and_completion,
    render_masking,
    tokenize_rows,
    tokenize_sample,
)


def _stdlib_samples(stdlib_dir, limit=60):
    """prompt = def line + first body line, completion = the rest (boundary at a line end)."""
    rows = []
    for name in ("textwrap.py", "shlex.py", "fnmatch.py", "bisect.py"):
        src = (stdlib_dir / name).read_text()
        lines = src.splitlines(keepends=True)
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno >= 3:
                body = lines[node.lineno - 1 : node.end_lineno]
                rows.append({"prompt": "".join(body[:2]), "completion": "".join(body[2:])})
    return rows[:limit]


def test_completion_mask_is_exact_on_stdlib(tiny_tokenizer, stdlib_dir):
    eos_id = tiny_tokenizer.convert_tokens_to_ids(DOC_EOS)
    rows = _stdlib_samples(stdlib_dir)
    assert len(rows) >= 30
    for row in rows:
        s = tokenize_sample(
            row["prompt"], row["completion"], tiny_tokenizer, eos=DOC_EOS, max_length=4096
        )
        n_prompt = s["completion_mask"].index(1)
        # The untrained part is exactly the prompt as tokenised at inference time ...
        assert tiny_tokenizer.decode(s["input_ids"][:n_prompt]) == row["prompt"]
        assert s["input_ids"][:n_prompt] == tiny_tokenizer(row["prompt"])["input_ids"]
        # ... and the trained part is exactly the completion followed by EOS.
        assert all(s["completion_mask"][n_prompt:])
        assert s["input_ids"][-1] == eos_id and s["completion_mask"][-1] == 1
        assert tiny_tokenizer.decode(s["input_ids"][n_prompt:-1]) == row["completion"]


def test_boundary_where_bpe_would_merge(tiny_tokenizer):
    # "\n" + "\n" merges into one token when tokenised together; the mask must not shift.
    prompt, completion = "def f(x):\n", "\n    return x\n"
    joint = tiny_tokenizer(prompt + completion)["input_ids"]
    alone = tiny_tokenizer(prompt)["input_ids"]
    assert joint[: len(alone)] != alone, "precondition: BPE merges across this boundary"
    s = tokenize_sample(prompt, completion, tiny_tokenizer, eos=DOC_EOS, max_length=64)
    assert s["input_ids"][: len(alone)] == alone
    assert s["completion_mask"] == [0] * len(alone) + [1] * (len(s["input_ids"]) - len(alone))


def test_no_sample_without_trained_tokens(tiny_tokenizer, stdlib_dir):
    rows = _stdlib_samples(stdlib_dir)
    # A max_length shorter than some prompts leaves them with nothing to train: dropped.
    samples, dropped = tokenize_rows(rows, "completion", tiny_tokenizer, max_length=12)
    assert dropped > 0
    assert samples and all(1 in s["completion_mask"] for s in samples)


def test_chat_trains_assistant_turn_and_im_end(tiny_tokenizer):
    row = {
        "messages": [
            {"role": "user", "content": "Write `def add(a, b)` in Python."},
            {"role": "assistant", "content": "def add(a, b):\n    return a + b\n"},
        ]
    }
    prompt, completion = prompt_and_completion(row, "chat", tiny_tokenizer)
    assert prompt.endswith("<|im_start|>assistant\n<think>\n\n</think>\n\n")
    s = tokenize_sample(prompt, completion, tiny_tokenizer, eos=CHAT_EOS, max_length=512)
    trained = [t for t, m in zip(s["input_ids"], s["completion_mask"], strict=True) if m]
    assert tiny_tokenizer.decode(trained) == "def add(a, b):\n    return a + b\n<|im_end|>"
    untrained = [t for t, m in zip(s["input_ids"], s["completion_mask"], strict=True) if not m]
    assert "Write `def add" in tiny_tokenizer.decode(untrained)


def test_fim_trains_the_middle(tiny_tokenizer):
    row = {
        "prompt": "<|fim_prefix|>def f(x):\n<|fim_suffix|>    return y\n<|fim_middle|>",
        "completion": "    y = x * 2\n",
    }
    s = tokenize_sample(
        row["prompt"], row["completion"], tiny_tokenizer, eos=DOC_EOS, max_length=64
    )
    trained = [t for t, m in zip(s["input_ids"], s["completion_mask"], strict=True) if m]
    assert tiny_tokenizer.decode(trained) == "    y = x * 2\n<|endoftext|>"
    assert tiny_tokenizer.convert_tokens_to_ids("<|fim_middle|>") in s["input_ids"]


@pytest.mark.parametrize("limit", [5, 500])
def test_render_masking_marks_trained_tokens(tiny_tokenizer, limit):
    s = tokenize_sample("def f():\n", "    return 1\n", tiny_tokenizer, eos=DOC_EOS, max_length=64)
    text = render_masking(s, tiny_tokenizer, limit=limit)
    assert "yes" in text or limit < s["completion_mask"].index(1) + 1
    assert "'def'" in text


def test_file_context_gives_way_before_any_completion_token(tiny_tokenizer, stdlib_dir):
    """A row whose file context would push completion tokens past max_length is tokenised
    without the context (completion and FIM rows); one that fits keeps it; pairs never carry
    it."""
    from codetune.lib.masking import sample_of_row, without_context

    context = "# File: textwrap.py\n# import re\n" + "# def sibling(a, b):\n" * 40
    row = {"prompt": context + "def f(x):\n", "completion": "    return x + 1\n"}
    row["context_chars"] = len(context)
    plain = tokenize_sample(
        "def f(x):\n", row["completion"], tiny_tokenizer, eos=DOC_EOS, max_length=64
    )
    roomy = sample_of_row(row, "completion", tiny_tokenizer, eos=DOC_EOS, max_length=4096)
    tight = sample_of_row(row, "completion", tiny_tokenizer, eos=DOC_EOS, max_length=64)
    assert len(roomy["input_ids"]) > 64  # with room, the context stays
    assert tight == plain  # without room, it goes, and every completion token is trained
    assert sum(tight["completion_mask"]) == sum(roomy["completion_mask"])

    fim = {
        "prompt": "<|fim_prefix|>" + context + "def f(x):\n<|fim_suffix|>\n<|fim_middle|>",
        "completion": "    return x\n",
        "context_chars": len(context),
    }
    assert (
        without_context(fim)["prompt"] == "<|fim_prefix|>def f(x):\n<|fim_suffix|>\n<|fim_middle|>"
    )
    assert without_context({"prompt": "def f():\n"}) == {"prompt": "def f():\n"}
