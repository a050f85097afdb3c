"""Deprecated-API migration pairs (codetune/stages/pairs/migration.py) from the data stage's
`migrate` samples, and the config check that those samples will be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.errors import UserError
from codetune.core.io import write_jsonl
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
