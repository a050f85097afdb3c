"""Shared fixtures: the embedded models are built once per machine into a test cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("CODETUNE_CACHE", str(Path(tempfile.gettempdir()) / "codetune-test-cache"))
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def tiny_tokenizer():
    from codetune.lib.models import embedded_model_dir, load_tokenizer

    return load_tokenizer(str(embedded_model_dir("tiny-qwen3")))


@pytest.fixture(scope="module")
def tiny_model():
    """The random tiny Qwen3, fresh per test module (a module may change its weights)."""
    from codetune.lib.models import embedded_model_dir, load_model

    return load_model(str(embedded_model_dir("tiny-qwen3")))


@pytest.fixture(scope="session")
def stdlib_dir() -> Path:
    import sysconfig

    return Path(sysconfig.get_paths()["stdlib"])
