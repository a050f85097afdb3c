"""Export a run's tuned model: merged into the base as a standard Hugging Face folder, or the
PEFT adapter alone.

The merged folder loads with `AutoModelForCausalLM.from_pretrained` and carries the tokenizer
and its chat template, so serving stacks (vLLM, TGI, llama.cpp converters) take it as is.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from codetune.config import load_config
from codetune.errors import UserError
from codetune.io import replace_dir
from codetune.models import load_adapter_merged, load_base, load_model
from codetune.runs import Run
from codetune.train.common import save_model_atomic

STAGE_ORDER = ("sft", "dpo", "mixed")


def export_run(
    run_dir: Path, *, stage: str = "dpo", merge: bool = True, out: Path | None = None
) -> Path:
    """Write the model of `stage` (with every earlier adapter merged) and return its folder."""
    if stage not in STAGE_ORDER:
        raise UserError(f"--stage {stage!r}: expected one of {', '.join(STAGE_ORDER)}")
    config = run_dir / "config.yaml"
    if not config.is_file():
        raise UserError(f"{config}: not found (is {run_dir} a run folder?)")
    cfg = load_config(config)
    run = Run(run_dir)
    adapter = run.adapter_dir(stage)
    if not adapter.is_dir():
        raise UserError(f"{adapter}: not found; run the {stage} stage first")
    target = out or run_dir / "export" / (f"{stage}-merged" if merge else f"{stage}-adapter")

    if not merge:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=_parent(target)))
        shutil.rmtree(tmp)
        shutil.copytree(adapter, tmp)
        replace_dir(tmp, target)
        return target

    model, tokenizer, _ = load_base(cfg.model)
    for name in STAGE_ORDER[: STAGE_ORDER.index(stage) + 1]:
        folder = run.adapter_dir(name)
        if name == "dpo" and stage == "mixed" and not folder.exists():
            continue  # a run may train the mixed stage right after SFT
        if (folder / "adapter_config.json").is_file():
            model = load_adapter_merged(model, folder)
        elif (folder / "config.json").is_file():  # freeze / full fine-tuning saved a whole model
            model = load_model(str(folder))
        else:
            raise UserError(f"{folder}: neither a PEFT adapter nor a model folder")
    save_model_atomic(model, tokenizer, target)
    return target


def _parent(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.parent
