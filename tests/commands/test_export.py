"""Export: the merged folder loads with from_pretrained and equals base + adapter."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from codetune.commands.export import export_run
from codetune.core.config import dump_config, load_config
from codetune.core.errors import UserError
from codetune.core.runs import Run
from codetune.lib.models import apply_trainable_policy, embedded_model_dir, load_model


@pytest.fixture(scope="module")
def run_with_sft_adapter(tmp_path_factory, tiny_tokenizer):
    root = tmp_path_factory.mktemp("run")
    cfg = load_config(None, [f"output_dir={root}"])
    (root / "config.yaml").write_text(dump_config(cfg))
    model, _ = apply_trainable_policy(load_model(str(embedded_model_dir("tiny-qwen3"))), cfg.sft)
    with torch.no_grad():  # a trained adapter, in effect: LoRA B and the top layers moved
        for p in model.parameters():
            if p.requires_grad:
                p.add_(torch.randn_like(p) * 0.02)
    model.save_pretrained(Run(root).adapter_dir("sft"))
    ids = tiny_tokenizer("def f(x):\n    return x\n", return_tensors="pt")["input_ids"]
    model.eval()
    with torch.no_grad():
        expected = model(input_ids=ids).logits
    return root, ids, expected


def test_merged_export_loads_with_from_pretrained(run_with_sft_adapter):
    root, ids, expected = run_with_sft_adapter
    folder = export_run(root, stage="sft", merge=True)
    model = AutoModelForCausalLM.from_pretrained(folder)
    tok = AutoTokenizer.from_pretrained(folder)
    assert tok.convert_tokens_to_ids("<|im_end|>") == 151645 and tok.chat_template
    assert (folder / "model.safetensors").is_file() and not list(folder.glob("*.bin"))
    with torch.no_grad():
        got = model(input_ids=ids).logits
    torch.testing.assert_close(got, expected, rtol=1e-4, atol=1e-4)


def test_adapter_only_export_and_errors(run_with_sft_adapter, tmp_path):
    root, _, _ = run_with_sft_adapter
    folder = export_run(root, stage="sft", merge=False)
    assert (folder / "adapter_config.json").is_file()
    with pytest.raises(UserError, match="run the dpo stage first"):
        export_run(root, stage="dpo")
    with pytest.raises(UserError, match="not found"):
        export_run(tmp_path)
