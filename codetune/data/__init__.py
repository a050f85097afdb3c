"""The data stage: repositories -> function-level train/val/test datasets.

`run_data(cfg, out_dir, seed)` is the entry point; see `codetune.data.pipeline` for the steps
(and how to spread them over machines) and docs/data.md for the outputs.
"""

from codetune.data.config import DataConfig
from codetune.data.pipeline import run_data

__all__ = ["DataConfig", "run_data"]
