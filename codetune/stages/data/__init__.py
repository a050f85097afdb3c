"""The data stage: repositories -> function-level train/val/test datasets.

`run_data(cfg, out_dir, seed)` is the entry point; see `codetune.stages.data.pipeline` for the steps
(and how to spread them over machines) and docs/data.md for the outputs.
"""

from typing import Any

from codetune.core.config.data import DataConfig

__all__ = ["DataConfig", "run_data"]


def __getattr__(name: str) -> Any:
    # Imported lazily: the config is read by every command, the pipeline's imports are heavy.
    if name == "run_data":
        from codetune.stages.data.pipeline import run_data

        return run_data
    raise AttributeError(name)
