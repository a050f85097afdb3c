"""Measured peak memory of training steps, to check `codetune plan` against.

Run as a fresh process (`python -m codetune.scale.measure --model embedded:tiny-qwen3 ...`), it
prints one JSON object. Method, on CPU:

1. import torch/transformers/PEFT and codetune, then read the resident set size (VmRSS): the
   baseline of the Python + torch runtime, which the plan does not model;
2. reset the kernel's peak-RSS counter (`echo 5 > /proc/self/clear_refs` resets VmHWM), so
   that import-time peaks do not count;
3. load the model as the SFT stage does (fp32 weights, codetune's trainable policy), build
   AdamW over the trainable parameters, and run two optimizer steps on a micro-batch of
   batch x length random tokens, every position trained, computing the loss as
   `TrainedPositionsSFTTrainer` does (logits in fp32, token-mean cross-entropy) under the
   configured autocast. Two steps, because AdamW's states exist only from the first step on:
   the second step's peak is the steady state;
4. the measured figure is VmHWM - baseline: weights + trainable states + activations + whatever
   the allocator keeps, which is what the plan's single-process estimate predicts.

On CUDA (`--device cuda`) the figure is torch.cuda.max_memory_allocated() instead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path


def _status_kb(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    m = re.search(rf"^{field}:\s+(\d+) kB", text, flags=re.MULTILINE)
    return int(m.group(1)) if m else 0


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure(
    model_name: str,
    *,
    finetuning_type: str = "lora",
    trainable_layers: int = 3,
    precision: str = "fp32",
    batch: int = 2,
    length: int = 128,
    gradient_checkpointing: bool = False,
    device: str = "cpu",
    steps: int = 2,
) -> dict[str, float | str | bool]:
    # Everything the step imports is imported before the baseline: module code is runtime,
    # not training memory.
    import peft  # noqa: F401
    import torch
    import transformers.models.qwen3.modeling_qwen3
    import transformers.models.qwen3_moe.modeling_qwen3_moe  # noqa: F401
    from transformers import AutoModelForCausalLM  # noqa: F401

    from codetune.core.config.train import SFTConfig
    from codetune.lib.models import apply_trainable_policy, load_model, resolve_model_path

    torch.manual_seed(0)
    path = resolve_model_path(model_name)  # builds an embedded model once, before measuring
    baseline_kb = _status_kb("VmRSS")
    reset = reset_peak_rss()
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    model = load_model(path)  # fp32, as the SFT stage loads it (no tokenizer: not modelled)
    adapter = SFTConfig(finetuning_type=finetuning_type, trainable_layers=trainable_layers)
    model, report = apply_trainable_policy(model, adapter)
    model.to(device)
    if gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    model.train()
    loaded_kb = _status_kb("VmRSS")
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-4)
    vocab = model.config.vocab_size
    ids = torch.randint(0, vocab - 1000, (batch, length), device=device)
    keep = torch.arange(length - 1, device=device)
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision)
    for _ in range(steps):
        with torch.autocast(device, dtype=dtype or torch.float32, enabled=dtype is not None):
            # As TrainedPositionsSFTTrainer: logits only at positions whose next token trains.
            out = model(input_ids=ids, use_cache=False, logits_to_keep=keep)
            logits = out.logits.float()
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, vocab), ids[:, 1:].reshape(-1)
            )
            del out, logits
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
    result: dict[str, float | str | bool] = {
        "model": model_name,
        "policy": report.policy,
        "precision": precision,
        "batch": batch,
        "length": length,
        "gradient_checkpointing": gradient_checkpointing,
        "baseline_rss_mb": baseline_kb / 1024,
        "after_load_delta_mb": (loaded_kb - baseline_kb) / 1024,
        "peak_delta_mb": (_status_kb("VmHWM") - baseline_kb) / 1024,
        "peak_reset": reset,
        "threads": torch.get_num_threads(),
    }
    if device == "cuda":
        result["peak_cuda_mb"] = torch.cuda.max_memory_allocated() / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="embedded:tiny-qwen3")
    parser.add_argument("--finetuning-type", default="lora")
    parser.add_argument("--trainable-layers", type=int, default=3)
    parser.add_argument("--precision", default="fp32")
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--length", type=int, default=128)
    parser.add_argument("--gradient-checkpointing", action="store_true")
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    result = measure(
        args.model,
        finetuning_type=args.finetuning_type,
        trainable_layers=args.trainable_layers,
        precision=args.precision,
        batch=args.batch,
        length=args.length,
        gradient_checkpointing=args.gradient_checkpointing,
        device=args.device,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
