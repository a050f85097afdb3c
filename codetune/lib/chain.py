"""The adapter chain: a run's model for any stage, built in one place.

`Run.model_chain(stage)` (core) says which trained stages' saved weights make a stage's model
and in which order (SFT under everything, then DPO under mixed); this module loads the base and
applies them, each merged onto the model it was trained on. Every consumer (eval, bench,
export, generate, the training stages that start from an earlier model) goes through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

from codetune.core.config import PipelineConfig
from codetune.core.errors import UserError
from codetune.core.runs import Run
from codetune.lib.models import load_adapter_merged, load_base, load_model


def apply_stage(model: Any, run: Run, stage: str, dtype: Any = None) -> Any:
    """`model` with `stage`'s saved weights applied: its adapter merged in, or its whole model
    loaded in place (freeze / full fine-tuning). One step of `Run.model_chain`."""
    folder = run.adapter_dir(stage)
    if (folder / "adapter_config.json").is_file():
        return load_adapter_merged(model, folder)
    if (folder / "config.json").is_file():
        return load_model(str(folder), dtype=dtype or model.dtype)
    raise UserError(f"{folder}: neither a PEFT adapter nor a model folder")


def load_chain(
    cfg: PipelineConfig, run: Run, chain: Sequence[str], dtype: Any = torch.float32
) -> tuple[Any, Any, str]:
    """(model, tokenizer, base path): the base with the saved weights of `chain` applied in
    order."""
    model, tokenizer, base_path = load_base(cfg.model, dtype=dtype)
    for name in chain:
        model = apply_stage(model, run, name, dtype)
    return model, tokenizer, base_path


def load_stage_model(
    cfg: PipelineConfig, run: Run, stage: str, dtype: Any = None
) -> tuple[Any, Any, str, list[str]]:
    """(model, tokenizer, base path, chain): the base with `run.model_chain(stage)` applied in
    order. `stage` is one of MODELS; pass `run.final_model(cfg)` for the run's final model."""
    chain = run.model_chain(stage)  # checked before the base is loaded
    model, tokenizer, base_path = load_chain(cfg, run, chain, dtype or torch.float32)
    return model, tokenizer, base_path, chain
