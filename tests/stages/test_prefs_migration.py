"""Deprecated-API migration pairs (codetune/stages/pairs/migration.py) from the data stage's
`migrate` samples, and the config check that those samples will be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl, write_jsonl
from codetune.lib.deprecations import migration_prompt
from codetune.lib.deprecations.python import PYTHON_REVERSE_MIGRATIONS, reverse_migrate_python
from codetune.stages.pairs.migration import KIND, migration_pairs

CURRENT = "def size(path):\n    try:\n        return os.path.getsize(path)\n    except OSError:\n        return -1\n"


def _samples(split: str, n: int) -> list[dict]:
    deprecated, rules = reverse_migrate_python(CURRENT, PYTHON_REVERSE_MIGRATIONS)
    return [
        {
            "id": f"repo:{split}/m{i}.py:1:size::migrate",
            "language": "python",
            "path": f"{split}/m{i}.py",
            "prompt": migration_prompt(deprecated),
            "completion": CURRENT,
            "deprecated": deprecated,
            "rules": rules,
        }
        for i in range(n)
    ]


def test_pairs_prefer_the_current_api_and_keep_the_data_split(tmp_path: Path) -> None:
    for split, n in (("train", 5), ("val", 2), ("test", 3)):
        write_jsonl(tmp_path / "migrate" / f"{split}.jsonl", _samples(split, n))
    pairs, stats = migration_pairs(tmp_path, limit=4, seed=0)
    assert stats["pairs"] == {"train": 4, "val": 2, "test": 3}
    assert stats["by_rule"] == {"os_error_alias": 9}
    pair = pairs["train"][0]
    assert pair["kind"] == KIND and pair["split"] == "train"
    assert "except OSError" in pair["chosen"] and "except IOError" in pair["rejected"]
    assert pair["prompt"].endswith(pair["rejected"] + "\n# After:\n")
    assert pair["token_distance"] > 0
    assert all(p["group"].startswith("test/") for p in pairs["test"])
    again, _ = migration_pairs(tmp_path, limit=4, seed=0)
    other, _ = migration_pairs(tmp_path, limit=4, seed=1)
    assert again == pairs
    assert {p["id"] for p in other["train"]} != {p["id"] for p in pairs["train"]}


def test_migration_needs_the_migrate_format(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"migrate: not found; pairs.migration needs"):
        migration_pairs(tmp_path, limit=4, seed=0)
    with pytest.raises(UserError) as err:
        load_config(None, ["pairs.migration=10"])
    assert "pairs.migration" in str(err.value) and "add migrate to data.formats" in str(err.value)
    load_config(None, ["pairs.migration=10", "data.formats=[completion, migrate]"])


def test_onpolicy_migrations_are_judged_by_the_tools_and_the_methods_own_test(
    tmp_path: Path, tiny_tokenizer, monkeypatch
) -> None:
    import contextlib
    from types import SimpleNamespace

    from codetune.core.config.pairs import MigrationPairsConfig
    from codetune.lib.deprecations.python import holding_python_rules
    from codetune.stages.data import DataConfig, run_data
    from codetune.stages.pairs import judged, migration

    if "unittest_aliases" not in {r.name for r in holding_python_rules()}:
        pytest.skip("the sandbox's Python has no unittest aliases to migrate from")
    src = tmp_path / "src"
    (src / "team" / "tests").mkdir(parents=True)
    (src / "team" / "__init__.py").write_text("")
    (src / "team" / "tests" / "__init__.py").write_text("")
    (src / "team" / "tests" / "test_pricing.py").write_text(
        "import unittest\n\n\ndef total(prices):\n    return sum(prices)\n\n\n"
        "class PricingTest(unittest.TestCase):\n"
        "    def test_total(self):\n"
        "        self.assertEqual(total([10, 30]), 40)\n"
        "        self.assertNotEqual(total([1]), 2)\n"
    )
    data = tmp_path / "data"
    run_data(
        DataConfig(
            sources=[str(src)],
            workers=1,
            split=[1.0, 0.0, 0.0],
            formats=["completion", "migrate"],
            link_tests=False,
        ),
        data,
        seed=0,
    )
    (sample,) = read_jsonl(data / "migrate" / "train.jsonl")
    good = sample["completion"]
    answers = [
        good,  # passes
        good.replace("total([10, 30]), 40", "total([10, 30]), 41"),  # clean, test fails
        sample["deprecated"],  # the deprecated call left in
        "no code at all",
    ]
    monkeypatch.setattr(judged, "inference_autocast", lambda model: contextlib.nullcontext())
    monkeypatch.setattr(
        judged,
        "generate",
        lambda model, tok, prompts, sampling, desc: [
            SimpleNamespace(text=a, finished=True, new_tokens=9) for a in answers
        ],
    )
    splits, judged, stats = migration.build_onpolicy_migration_pairs(
        None, tiny_tokenizer, data, MigrationPairsConfig(k=4), seed=0
    )
    assert [j["status"] for j in judged] == ["passed", "failed", "deprecated_left", "no_function"]
    pairs = splits["train"]
    assert [p["kind"] for p in pairs] == ["migration:failed", "migration:deprecated_left"]
    assert all(p["chosen"] == good and p["source"] == "migration" for p in pairs)
    assert stats["sample_pass_rate"] == 0.25 and stats["dropped"] == {"no_function_dropped": 1}
