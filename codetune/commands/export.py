"""Export a run's tuned model: merged into the base as a standard Hugging Face folder, or the
PEFT adapter alone.

The merged folder loads with `AutoModelForCausalLM.from_pretrained` and carries the tokenizer
and its chat template, so serving stacks (vLLM, TGI, llama.cpp converters) take it as is. By
default the model exported is the run's final model (`final_model` in its config.yaml), the
one its eval, bench and gates judged.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from codetune.core.config import TRAINED_STAGES
from codetune.core.errors import UserError
from codetune.core.io import replace_dir
from codetune.core.runs import Run, load_run_config
from codetune.lib.chain import load_stage_model
from codetune.lib.training import save_model_atomic


def export_run(
    run_dir: Path,
    *,
    stage: str | None = None,
    merge: bool = True,
    out: Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the model of `stage` (default: the run's final model; every earlier adapter merged
    in) and return its folder.

    An `out` folder that already holds files is refused unless `overwrite`, which replaces it
    whole; the default folder (RUN/export/...) is the run's own and is replaced freely."""
    if stage is not None and stage not in TRAINED_STAGES:
        raise UserError(f"--stage {stage!r}: expected one of {', '.join(TRAINED_STAGES)}")
    if out is not None:
        check_out_dir(out, overwrite)
        if Path(run_dir).resolve().is_relative_to(out.resolve()):
            raise UserError(f"--out {out}: holds the run folder {run_dir}; export elsewhere")
    cfg = load_run_config(run_dir)
    run = Run(run_dir)
    if stage is None:
        stage = run.final_model(cfg)
        if stage == "base":
            raise UserError(
                f"{run_dir / 'config.yaml'}: the run's final model is the base (final_model "
                f"{cfg.final_model!r}, stages {cfg.stages}): nothing to export; pass --stage"
            )
    run.model_chain(stage)  # the adapters it needs are there
    target = out or run_dir / "export" / (f"{stage}-merged" if merge else f"{stage}-adapter")

    if not merge:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=_parent(target)))
        shutil.rmtree(tmp)
        shutil.copytree(run.adapter_dir(stage), tmp)
        replace_dir(tmp, target)
        return target

    model, tokenizer, _, _ = load_stage_model(cfg, run, stage)
    save_model_atomic(model, tokenizer, target)
    return target


def check_out_dir(out: Path, overwrite: bool) -> None:
    """Refuse an `--out` that is a file, or a folder with files in it (without `overwrite`):
    the export replaces its folder whole, and those files are the user's."""
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: is a file, not a folder")
    if not overwrite and out.is_dir() and any(out.iterdir()):
        raise UserError(
            f"--out {out}: folder is not empty; refusing to replace its files (choose an empty "
            "or new folder, or pass --overwrite to replace it)"
        )


def _parent(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.parent
