"""Thread defaults on a 2-core machine: training takes 1 thread where 2 gain little and collapse
beside any busy process (AVX512-BF16, or long OpenMP spins) and every core on an fp32-only CPU
under a short spin; inference every core; launchers and users win."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import torch

import codetune.core.runtime as runtime
from codetune.core.config import load_config
from codetune.core.errors import UserError


@pytest.fixture
def restore_threads():
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.mark.parametrize(
    ("cores", "phase", "expected"),
    [(1, "train", 1), (2, "train", 1), (2, "infer", 2), (4, "train", None), (16, "infer", None)],
)
def test_auto_threads_per_phase(monkeypatch, cores, phase, expected):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(runtime, "usable_cores", lambda: cores)
    monkeypatch.setattr(runtime, "cpu_has_bf16", lambda: True)
    assert runtime.thread_count("auto", phase) == expected


@pytest.mark.parametrize(
    ("bf16", "waits", "expected"),
    [
        (False, {"GOMP_SPINCOUNT": "3000"}, 2),  # fp32 CPU, short spin: every core
        (False, {"OMP_WAIT_POLICY": "PASSIVE"}, 2),
        (False, {}, 1),  # OpenMP's long default spin: the collapse beside a busy process
        (False, {"GOMP_SPINCOUNT": "300000"}, 1),
        (True, {"GOMP_SPINCOUNT": "3000"}, 1),  # AVX512-BF16: the second thread gains 4%
    ],
)
def test_training_takes_every_core_only_on_fp32_cpus_with_short_waits(
    monkeypatch, bf16, waits, expected
):
    for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in waits.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(runtime, "usable_cores", lambda: 2)
    monkeypatch.setattr(runtime, "cpu_has_bf16", lambda: bf16)
    assert runtime.thread_count("auto", "train") == expected


def test_stage_phases():
    assert {runtime.phase_of(s) for s in ("sft", "dpo", "mixed", "rm")} == {"train"}
    assert {runtime.phase_of(s) for s in ("data", "pairs", "eval", "bench")} == {"infer"}


def test_omp_num_threads_from_the_launcher_wins_over_auto(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    monkeypatch.setattr(runtime, "usable_cores", lambda: 2)
    assert runtime.thread_count("auto", "train") is None
    assert runtime.thread_count(3, "train") == 3  # an explicit setting wins over everything


def test_configure_threads_applies_the_setting(monkeypatch, restore_threads):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(runtime, "usable_cores", lambda: 2)
    monkeypatch.setattr(runtime, "cpu_has_bf16", lambda: True)
    torch.set_num_threads(2)
    assert runtime.configure_threads("auto", "train") == 1 == torch.get_num_threads()
    assert runtime.configure_threads("auto", "infer") == 2 == torch.get_num_threads()
    assert runtime.configure_threads(1, "infer") == 1


def test_cli_sets_a_short_openmp_spin_on_small_machines_only_unless_chosen():
    code = "import os, codetune.cli; print(os.environ.get('GOMP_SPINCOUNT'))"
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    got = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    small = runtime.usable_cores() <= runtime.SMALL_MACHINE_CORES
    assert got.stdout.strip() == (runtime.SMALL_MACHINE_SPINCOUNT if small else "None")
    for chosen in ({"OMP_WAIT_POLICY": "ACTIVE"}, {"GOMP_SPINCOUNT": "100"}):
        got = subprocess.run(
            [sys.executable, "-c", code], env={**env, **chosen}, capture_output=True, text=True
        )
        assert got.stdout.strip() == chosen.get("GOMP_SPINCOUNT", "None")


def test_threads_config_field_is_validated():
    assert load_config(None, ["threads=3"]).threads == 3
    assert load_config(None, []).threads == "auto"
    with pytest.raises(UserError, match="threads"):
        load_config(None, ["threads=0"])
