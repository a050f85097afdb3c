"""Generation: greedy is deterministic, stop sequences cut, presence penalty as specified."""

from __future__ import annotations

import pytest
import torch

from codetune.lib.generate import (
    PresencePenaltyProcessor,
    SamplingConfig,
    _generate_kwargs,
    cut_at_stop,
    generate,
    stream,
)
from codetune.lib.models import embedded_model_dir, load_model


@pytest.fixture(scope="module")
def model():
    return load_model(str(embedded_model_dir("tiny-qwen3")))


def test_presence_penalty_subtracts_once_per_generated_token():
    proc = PresencePenaltyProcessor(penalty=1.5, prompt_length=2)
    # prompt tokens 7, 8; generated 3, 3, 5
    ids = torch.tensor([[7, 8, 3, 3, 5]])
    scores = torch.zeros(1, 10)
    out = proc(ids, scores.clone())
    expected = torch.zeros(1, 10)
    expected[0, 3] = -1.5  # once, although 3 occurred twice
    expected[0, 5] = -1.5
    torch.testing.assert_close(out, expected)  # prompt tokens 7 and 8 untouched


def test_presence_penalty_changes_greedy_output(model, tiny_tokenizer):
    prompt = ["def f(x):\n    return x"]
    plain = generate(model, tiny_tokenizer, prompt, SamplingConfig(max_new_tokens=24))
    again = generate(model, tiny_tokenizer, prompt, SamplingConfig(max_new_tokens=24))
    assert plain[0].text == again[0].text, "greedy decoding must be deterministic"
    # Every greedy step picks argmax(logits - penalty * [token already generated]); a negative
    # penalty (allowed, as in vLLM) rewards repetition, so it must change this model's output.
    cfg = SamplingConfig(max_new_tokens=16, presence_penalty=-2.0)
    enc = tiny_tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
    width = enc["input_ids"].shape[1]
    seq = model.generate(**enc, **_generate_kwargs(cfg, tiny_tokenizer, width))[0]
    with torch.no_grad():
        logits = model(input_ids=seq[None, :-1]).logits[0]
    for step in range(width, len(seq)):
        scores = logits[step - 1].clone()
        scores[seq[width:step]] += 2.0
        assert int(scores.argmax()) == int(seq[step])
    # ... which is not what plain greedy decoding would pick at some step.
    plain_ids = model.generate(
        **enc, **_generate_kwargs(SamplingConfig(max_new_tokens=16), tiny_tokenizer, width)
    )[0]
    assert plain_ids.tolist() != seq.tolist()


def test_stop_sequences_cut_and_stream_matches_batch(model, tiny_tokenizer):
    assert cut_at_stop("a\nb\ndefault", ["\ndef "]) == "a\nb\ndefault"
    assert cut_at_stop("a\ndef g():", ["\ndef "]) == "a"
    cfg = SamplingConfig(max_new_tokens=20, stream_chunk_tokens=4)
    batch = generate(model, tiny_tokenizer, ["import os\n"], cfg)[0].text
    chunks = list(stream(model, tiny_tokenizer, "import os\n", cfg))
    assert len(chunks) >= 2
    assert "".join(chunks) == batch
