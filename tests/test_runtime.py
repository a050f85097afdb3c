"""Thread defaults: 1 intra-op thread on a 2-core machine, where 2 collapse under any load."""

from __future__ import annotations

import pytest
import torch

from codetune import runtime
from codetune.config import load_config
from codetune.errors import UserError


@pytest.fixture
def restore_threads():
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.mark.parametrize(("cores", "expected"), [(1, 1), (2, 1), (4, None), (16, None)])
def test_auto_takes_one_thread_on_small_machines_only(monkeypatch, cores, expected):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(runtime, "usable_cores", lambda: cores)
    assert runtime.thread_count("auto") == expected


def test_omp_num_threads_from_the_launcher_wins_over_auto(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    monkeypatch.setattr(runtime, "usable_cores", lambda: 2)
    assert runtime.thread_count("auto") is None
    assert runtime.thread_count(3) == 3  # an explicit setting wins over everything


def test_configure_threads_applies_the_setting(monkeypatch, restore_threads):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(runtime, "usable_cores", lambda: 2)
    torch.set_num_threads(2)
    assert runtime.configure_threads("auto") == 1 == torch.get_num_threads()
    assert runtime.configure_threads(2) == 2 == torch.get_num_threads()


def test_threads_config_field_is_validated():
    assert load_config(None, ["threads=3"]).threads == 3
    assert load_config(None, []).threads == "auto"
    with pytest.raises(UserError, match="threads"):
        load_config(None, ["threads=0"])
