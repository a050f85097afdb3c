"""Run by every Python process the multi-process tests launch (tests/multiproc.py puts this
folder on PYTHONPATH): installs the opt-in FSDP-on-CPU hook (fsdp_cpu.py, CODETUNE_FSDP_ON_CPU=1)
before any Trainer creates its Accelerator. A test harness: production code never patches
accelerate."""

import fsdp_cpu

if fsdp_cpu.requested():
    fsdp_cpu.install()
