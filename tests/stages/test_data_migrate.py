"""The `migrate` format on real code (CPython's textwrap and its tests), and the behaviour check
the eval runs on migrated test methods: a known-good migration passes, a behaviour-changing
one fails."""

from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

import pytest

from codetune.core.config.sandbox import SandboxLimits
from codetune.core.io import read_jsonl
from codetune.lib.deprecations import find_deprecated, holding_rules
from codetune.stages.data import DataConfig, run_data
from codetune.stages.eval.migration import run_migrated_tests

STDLIB = Path(sysconfig.get_paths()["stdlib"])


@pytest.fixture(scope="module")
def migrate_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    src = tmp_path_factory.mktemp("src")
    (src / "test").mkdir()
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    shutil.copy(STDLIB / "test" / "test_textwrap.py", src / "test" / "test_textwrap.py")
    (src / "test" / "__init__.py").write_text("")
    out = src.parent / "data"
    cfg = DataConfig(
        sources=[str(src)],
        workers=1,
        split=[0.0, 0.0, 1.0],
        formats=["completion", "migrate"],
        max_test_share=None,
        link_tests=False,
    )
    return out, run_data(cfg, out, seed=0)


def test_migrate_samples_are_the_teams_functions_behind_deprecated_apis(migrate_data) -> None:
    out, stats = migrate_data
    samples = read_jsonl(out / "migrate" / "test.jsonl")
    holding = {rule.name for rule in holding_rules()}
    if "unittest_aliases" not in holding:  # Python >= 3.12 has no assertEquals to migrate from
        assert not samples and "unittest_aliases" in stats["migrate"]["rules_not_holding"]
        return
    assert stats["samples"]["migrate"]["test"] == len(samples) >= 10
    assert stats["migrate"]["by_rule"]["unittest_aliases"] == len(samples)
    sample = next(s for s in samples if s["name"] == "test_dedent_even")
    assert "self.assertEquals(" in sample["deprecated"]
    assert (
        "self.assertEqual(" in sample["completion"] and "assertEquals" not in sample["completion"]
    )
    assert sample["prompt"].endswith(sample["deprecated"] + "\n# After:\n")
    # The tools find the deprecated side and nothing in the completion.
    old, new = find_deprecated([sample["deprecated"], sample["completion"]])
    assert old and new == []
    test = sample["test"]
    assert (
        test["module"] == "test.test_textwrap"
        and test["test_id"] == "DedentTestCase.test_dedent_even"
    )
    assert set(test["files"]) == {"test/test_textwrap.py", "test/__init__.py"}
    # Helpers of a TestCase (`BaseTestCase.check`) are no test of their own: no `test` entry.
    methods = [s for s in samples if s["name"].startswith("test")]
    assert stats["migrate"]["heldout_test_methods_runnable"] == len(methods) < len(samples)
    assert all("test" in s for s in methods)


def test_a_known_good_migration_passes_its_test_and_a_behaviour_changing_one_fails(
    migrate_data,
) -> None:
    out, _ = migrate_data
    samples = read_jsonl(out / "migrate" / "test.jsonl")
    if not samples:
        pytest.skip("the sandbox's Python has no unittest aliases to migrate from")
    sample = next(s for s in samples if s["name"] == "test_dedent_even")
    good = sample["completion"]
    changed = good.replace("self.assertEqual(", "self.assertNotEqual(", 1)
    assert changed != good
    results = run_migrated_tests(
        [sample] * 3, [good, sample["deprecated"], changed], SandboxLimits(timeout_s=30)
    )
    assert results == [True, True, False]
