"""FIM needs FIM tokens: refused for SmolLM2 (none), exact single tokens for Qwen3.

Also the EOS that ends a sample: `<|endoftext|>` as one token where the vocabulary has it,
never the literal text split into ordinary tokens, and never the unknown token's id mistaken
for a real token.
"""

from __future__ import annotations

import inspect
import textwrap

import pytest

from codetune.core.errors import UserError
from codetune.lib.masking import (
    CHAT_EOS,
    DOC_EOS,
    FIM_TOKENS,
    document_eos,
    eos_token_id,
    require_fim_tokens,
    single_token_id,
    tokenize_rows,
)
from codetune.lib.models import embedded_model_dir, load_tokenizer
from codetune.stages.data.formats import fim_sample

QWEN_FIM_IDS = {"<|fim_prefix|>": 151659, "<|fim_middle|>": 151660, "<|fim_suffix|>": 151661}


@pytest.fixture(scope="module")
def smol_tok():
    return load_tokenizer(str(embedded_model_dir("smollm2-135m")))


@pytest.fixture(scope="module")
def fim_rows():
    """FIM samples cut from real stdlib functions, as the data pipeline makes them."""
    rows = []
    for fn in (textwrap.indent, textwrap.dedent, inspect.cleandoc):
        code = inspect.getsource(fn)
        row = {
            "code": code,
            "id": f"{fn.__module__}.{fn.__name__}",
            "language": "python",
            "path": inspect.getsourcefile(fn),
            "name": fn.__name__,
        }
        sample = fim_sample(row, code.index("\n") + 1, seed=0)
        assert sample is not None
        rows.append(sample)
    return rows


def test_fim_is_refused_for_a_tokenizer_without_fim_tokens(smol_tok, fim_rows):
    with pytest.raises(UserError) as exc:
        tokenize_rows(fim_rows, "fim", smol_tok, max_length=512)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith("sft.train_format: 'fim' needs the FIM special tokens")
    for token in FIM_TOKENS:
        assert token in message
    assert "'completion' / 'chat'" in message  # says what to do instead
    # The same rows in another format tokenise fine.
    samples, dropped = tokenize_rows(fim_rows, "completion", smol_tok, max_length=512)
    assert len(samples) == 3 and dropped == 0


def test_require_fim_tokens_names_the_field_it_was_given(smol_tok, tiny_tokenizer):
    with pytest.raises(UserError, match=r"^dpo\.train_format: 'fim'"):
        require_fim_tokens(smol_tok, where="dpo.train_format")
    require_fim_tokens(tiny_tokenizer)  # Qwen3 has them: no error


def test_qwen3_fim_prompt_uses_single_fim_tokens(tiny_tokenizer, fim_rows):
    for token, tid in QWEN_FIM_IDS.items():
        assert single_token_id(tiny_tokenizer, token) == tid
    samples, dropped = tokenize_rows(fim_rows, "fim", tiny_tokenizer, max_length=2048)
    assert dropped == 0 and len(samples) == len(fim_rows)
    for row, sample in zip(fim_rows, samples, strict=True):
        ids, mask = sample["input_ids"], sample["completion_mask"]
        assert ids[0] == 151659  # <|fim_prefix|>, one token
        for tid in QWEN_FIM_IDS.values():
            assert ids.count(tid) == 1
        # The prompt ends at <|fim_middle|>; the middle and <|endoftext|> are trained.
        middle_at = ids.index(QWEN_FIM_IDS["<|fim_middle|>"])
        assert mask == [0] * (middle_at + 1) + [1] * (len(ids) - middle_at - 1)
        assert ids[-1] == tiny_tokenizer.convert_tokens_to_ids(DOC_EOS) == 151643
        assert tiny_tokenizer.decode(ids[middle_at + 1 : -1]) == row["completion"]


def test_single_token_id_does_not_trust_the_unknown_id(smol_tok, tiny_tokenizer):
    # SmolLM2 has no <|fim_prefix|>: convert_tokens_to_ids answers the unknown id 0 ...
    assert smol_tok.convert_tokens_to_ids("<|fim_prefix|>") == smol_tok.unk_token_id == 0
    # ... and the text is a run of ordinary tokens.
    assert len(smol_tok("<|fim_prefix|>", add_special_tokens=False)["input_ids"]) > 1
    assert single_token_id(smol_tok, "<|fim_prefix|>") is None
    # Id 0 is also SmolLM2's own <|endoftext|>, which is one real token.
    assert single_token_id(smol_tok, DOC_EOS) == 0
    assert single_token_id(smol_tok, CHAT_EOS) == 2
    assert single_token_id(tiny_tokenizer, DOC_EOS) == 151643
    assert single_token_id(tiny_tokenizer, CHAT_EOS) == 151645


def test_eos_of_a_sample(smol_tok, tiny_tokenizer):
    assert document_eos(smol_tok) == document_eos(tiny_tokenizer) == "<|endoftext|>"
    assert eos_token_id(smol_tok, DOC_EOS) == 0
    assert eos_token_id(smol_tok, CHAT_EOS) == 2
    # A token the vocabulary lacks falls back to the tokenizer's own EOS (<|im_end|>).
    assert eos_token_id(smol_tok, "<|end_of_text|>") == smol_tok.eos_token_id == 2
    assert eos_token_id(tiny_tokenizer, "<|end_of_text|>") == tiny_tokenizer.eos_token_id


def test_smollm2_samples_end_with_one_eos_token(smol_tok):
    rows = [{"prompt": "def add(a, b):\n", "completion": "    return a + b\n"}]
    (sample,), _ = tokenize_rows(rows, "completion", smol_tok, max_length=64)
    assert sample["input_ids"][-1] == 0
    assert "<|endoftext|>" not in smol_tok.decode(sample["input_ids"][:-1])
    chat = [
        {
            "messages": [
                {"role": "user", "content": "Write add."},
                {"role": "assistant", "content": "def add(a, b):\n    return a + b"},
            ]
        }
    ]
    (sample,), _ = tokenize_rows(chat, "chat", smol_tok, max_length=256)
    trained = [t for t, m in zip(sample["input_ids"], sample["completion_mask"], strict=True) if m]
    assert trained[-1] == 2  # <|im_end|> stops the assistant's turn
    assert smol_tok.decode(trained[:-1]) == "def add(a, b):\n    return a + b"
