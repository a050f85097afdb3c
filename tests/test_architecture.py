"""The package's layering: core below library below stages, stages as leaves (issue 16).

Imports are read from the source (module level and inside functions alike: a lazy import is
still a dependency), so the test fails the moment a change makes a stage import another stage
or makes core / the library reach up into the stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "codetune"
TOP = ("codetune.pipeline", "codetune.cli", "codetune.commands", "codetune.__main__")
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {m for m in found if m == "codetune" or m.startswith("codetune.")}
    return graph


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _stage_of(module: str) -> str | None:
    """The stage a module belongs to (codetune.stages.<stage>...), None outside the stages and
    for the stage interface itself (codetune.stages.base), which every stage implements."""
    parts = module.split(".")
    if len(parts) < 3 or parts[1] != "stages" or parts[2] == "base":
        return None
    return parts[2]


GRAPH = _imports()


def test_no_stage_imports_another_stage() -> None:
    crossings = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _stage_of(module) and _stage_of(target) and _stage_of(target) != _stage_of(module)
    )
    assert crossings == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("codetune.core", ("codetune.lib", "codetune.stages", "codetune.scale", *TOP)),
        ("codetune.lib", ("codetune.stages", "codetune.scale", *TOP)),
        ("codetune.stages", TOP),
    ],
)
def test_imports_only_go_down(layer: str, forbidden: tuple[str, ...]) -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _within(module, layer)
        for target in targets
        if any(_within(target, f) for f in forbidden)
    )
    assert upward == []


def test_the_stage_list_is_declared_once_and_agrees_with_the_config() -> None:
    from codetune.core.config import STAGES
    from codetune.stages.base import REGISTRY

    assert tuple(REGISTRY) == STAGES
    for stage in REGISTRY.values():
        assert stage.name in STAGES
        assert all(up in STAGES for up in (*stage.needs, *stage.optional))
        assert (PACKAGE.parent / Path(*stage.module.split("."))).with_suffix(".py").is_file() or (
            PACKAGE.parent / Path(*stage.module.split(".")) / "__init__.py"
        ).is_file(), stage.module


def test_long_files_say_why_at_their_top() -> None:
    """A source file over MAX_LINES lines states its reason in its first lines."""
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = "\n".join(lines[:40]).lower()
        if len(lines) > MAX_LINES and "reason:" not in head:
            unexplained.append(f"{path.relative_to(PACKAGE.parent)} ({len(lines)} lines)")
    assert unexplained == []
