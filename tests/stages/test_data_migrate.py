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
from codetune.lib.sandbox.repotests import run_test_methods
from codetune.stages.data import DataConfig, run_data

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
    holding = {rule.name for rule in holding_rules("python")}
    if "unittest_aliases" not in holding:  # Python >= 3.12 has no assertEquals to migrate from
        assert not samples and "unittest_aliases" in stats["migrate"]["rules_not_holding"]["python"]
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
    assert stats["migrate"]["test_methods_runnable"]["test"] == len(methods) < len(samples)
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
    results = run_test_methods(
        [sample] * 3, [good, sample["deprecated"], changed], SandboxLimits(timeout_s=30)
    )
    assert results == [True, True, False]


def _jdk_src_zip() -> Path | None:
    import glob

    found = [Path(z) for z in sorted(glob.glob("/usr/lib/jvm/*/lib/src.zip")) if Path(z).is_file()]
    return found[0] if found else None


@pytest.mark.skipif(_jdk_src_zip() is None, reason="no JDK with src.zip")
def test_java_migrate_samples_from_the_jdks_own_code(tmp_path: Path) -> None:
    import zipfile

    name = "java.desktop/javax/swing/colorchooser/SlidingSpinner.java"
    src = tmp_path / "src"
    (src / "colorchooser").mkdir(parents=True)
    with zipfile.ZipFile(_jdk_src_zip()) as archive:
        (src / "colorchooser" / "SlidingSpinner.java").write_bytes(archive.read(name))
    out = tmp_path / "data"
    cfg = DataConfig(
        sources=[str(src)], workers=1, split=[0.0, 0.0, 1.0], formats=["completion", "migrate"]
    )
    stats = run_data(cfg, out, seed=0)
    samples = read_jsonl(out / "migrate" / "test.jsonl")
    assert stats["migrate"]["rules_holding"]["java"] == [
        "box_constructors", "character_aliases", "bigdecimal_rounding"
    ]  # fmt: skip
    assert samples and all(s["language"] == "java" for s in samples)
    set_range = next(s for s in samples if "setMinimum" in s["completion"])
    assert "new Integer(min)" in set_range["deprecated"]
    assert "Integer.valueOf(min)" in set_range["completion"]
    assert set_range["prompt"].startswith("// Migrate this Java function")
    assert all(f.startswith("removal: ") for f in set_range["findings"])
    assert "test" not in set_range  # no runnable test for Java methods


@pytest.mark.skipif(_jdk_src_zip() is None, reason="no JDK")
def test_a_java_rewrite_that_adds_a_compile_error_is_not_kept() -> None:
    from codetune.stages.data.migrate import _checked

    current = "void set(int min) {\n    this.model.setMinimum(Integer.valueOf(min));\n}\n"
    fine = current.replace("Integer.valueOf(min)", "new Integer(min)")
    broken = current.replace("Integer.valueOf(min)", "new Integer(min, mistake)")
    row = {"language": "java", "code": current, "imports": []}
    old, new, worse = _checked([(row, fine, ["box_constructors"]), (row, broken, ["x"])])
    # Both originals fail alone (no `model` field here), with the same errors as `fine`.
    assert new == [[], []] and old[0] and worse == [False, True]


def test_a_held_out_test_method_carries_the_teams_modules_it_imports(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "team" / "tests").mkdir(parents=True)
    (src / "team" / "__init__.py").write_text("")
    (src / "team" / "tests" / "__init__.py").write_text("")
    (src / "team" / "pricing.py").write_text(
        "def total(prices, discount=0):\n    gross = sum(prices)\n    return gross - gross * discount\n"
    )
    (src / "team" / "tests" / "test_pricing.py").write_text(
        "import json\nimport unittest\n\nfrom team.pricing import total\n\n\n"
        "class PricingTest(unittest.TestCase):\n"
        "    def test_total_with_discount(self):\n"
        "        self.assertEqual(total([10, 30], 0.5), 20)\n"
        "        self.assertEqual(json.dumps(total([1])), '1')\n"
    )
    out = tmp_path / "data"
    cfg = DataConfig(
        sources=[str(src)],
        workers=1,
        split=[0.0, 0.0, 1.0],
        formats=["completion", "migrate"],
        link_tests=False,
    )
    run_data(cfg, out, seed=0)
    samples = read_jsonl(out / "migrate" / "test.jsonl")
    if "unittest_aliases" not in {r.name for r in holding_rules("python")}:
        pytest.skip("the sandbox's Python has no unittest aliases to migrate from")
    (sample,) = samples
    # The team's module goes along (the sandbox may not read the source folder); json does not.
    assert set(sample["test"]["files"]) == {
        "team/tests/test_pricing.py", "team/tests/__init__.py", "team/__init__.py", "team/pricing.py"
    }  # fmt: skip
    assert run_test_methods([sample], [sample["completion"]], SandboxLimits(timeout_s=30)) == [True]
