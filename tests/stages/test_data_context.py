"""File context in prompts (`data.context_tokens`): what a reader of the file sees around a
function (path, imports, class header and fields, sibling signatures), as comments, within a
budget, redacted like the function itself."""

from __future__ import annotations

import ast
import shutil
import sysconfig
from pathlib import Path

from codetune.core.io import read_jsonl
from codetune.lib.codeparse import parser_for
from codetune.stages.data import DataConfig, run_data
from codetune.stages.data.extract import extract_file
from codetune.stages.data.formats import file_context
from codetune.stages.data.quality import count_tokens

STDLIB = Path(sysconfig.get_paths()["stdlib"])
FIXTURES = Path(__file__).parents[1] / "fixtures" / "data"
SPLITS = ("train", "val", "test")


def _functions(path: Path, language: str) -> dict[str, object]:
    parsed = extract_file(path.read_text(encoding="utf-8"), language, path.name, surroundings=True)
    return {f"{f.class_name}.{f.name}" if f.class_name else f.name: f for f in parsed.functions}


def test_surroundings_of_real_methods_in_every_language() -> None:
    decoder = _functions(STDLIB / "json" / "decoder.py", "python")
    around = decoder["JSONDecoder.decode"].surroundings
    assert around.class_header == "class JSONDecoder(object):"
    signatures = [s for _, s in around.siblings]
    assert "def raw_decode(self, s, idx=0):" in signatures
    assert not any(s.startswith("def decode(") for s in signatures)  # not itself
    # A module-level function's siblings are the other module-level functions, not methods.
    top = decoder["py_scanstring"].surroundings
    assert top.class_header is None and not any("raw_decode" in s for _, s in top.siblings)

    java = _functions(FIXTURES / "java" / "OrderService.java", "java")
    service = next(f for k, f in java.items() if k.startswith("OrderService."))
    assert service.surroundings.class_header == "public class OrderService"
    assert "private final Inventory inventory;" in service.surroundings.fields

    go = _functions(FIXTURES / "go" / "lru.go", "go")
    assert go["LRU.Get"].surroundings.class_header.startswith("type LRU struct {")
    assert "func (c *LRU) Len() int" in [s for _, s in go["LRU.Get"].surroundings.siblings]


def test_context_fits_its_budget_nearest_siblings_first_and_parses_as_comments() -> None:
    path = STDLIB / "argparse.py"
    text = path.read_text(encoding="utf-8")
    functions = _functions(path, "python")
    fn = functions["ArgumentParser.parse_known_args"]
    roomy = file_context("argparse.py", "python", fn.imports, fn.surroundings, fn.start_line, 4000)
    for budget in (40, 120, 400):
        context = file_context(
            "argparse.py", "python", fn.imports, fn.surroundings, fn.start_line, budget
        )
        assert count_tokens(context) <= budget + 2 * context.count("\n")  # the '#' marks
        assert context.startswith("# File: argparse.py\n")
        assert "class ArgumentParser(_AttributeHolder, _ActionsContainer):" in context
        # Everything kept is in the unlimited context, and the prompt is still valid Python.
        assert set(context.splitlines()) <= set(roomy.splitlines())
        ast.parse(context + fn.code)
    small = file_context("argparse.py", "python", fn.imports, fn.surroundings, fn.start_line, 120)
    # Under a small budget the nearest sibling is kept first (the rest as room allows).
    kept = [
        line.removeprefix("#     ") for line in small.splitlines() if line.startswith("#     def ")
    ]
    nearest = min(fn.surroundings.siblings, key=lambda s: abs(s[0] - fn.start_line))[1]
    assert nearest in kept and len(kept) < len(fn.surroundings.siblings)
    assert file_context("argparse.py", "python", fn.imports, fn.surroundings, 1, 0) == ""
    assert "import" in text  # the module has imports, and the roomy context shows them
    assert "# import os as _os" in roomy

    java = _functions(FIXTURES / "java" / "OrderService.java", "java")
    method = next(f for k, f in java.items() if k.startswith("OrderService."))
    context = file_context("OrderService.java", "java", method.imports, method.surroundings, 1, 300)
    wrapped = context + "class W {\n" + method.code + "}\n"
    assert not parser_for("java").parse(wrapped.encode()).root_node.has_error


def test_data_run_puts_context_before_prompts_and_redacts_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("textwrap.py", "shlex.py"):
        shutil.copy(STDLIB / name, src / name)
    secret = "ghp_" + "Zq7Rk2Lm9Xc4Vb8Nw1Ty5Ua3Sd6Fg0Hj2Kl4"
    (src / "client.py").write_text(
        "import json\n\n\n"
        "class Client:\n"
        f'    TOKEN = "{secret}"\n'
        "    contact = 'ops.lead@corp.io'\n\n"
        "    def fetch(self, path, retries=3):\n"
        "        for attempt in range(retries):\n"
        "            response = self.session.get(self.base + path)\n"
        "            if response.ok:\n"
        "                return json.loads(response.text)\n"
        "        raise IOError(path)\n\n"
        "    def close(self):\n"
        "        self.session.close()\n"
        "        self.session = None\n"
        "        return True\n"
    )
    plain_out, context_out = tmp_path / "plain", tmp_path / "context"
    cfg = dict(sources=[str(src)], workers=1, formats=["completion", "chat", "fim"])
    run_data(DataConfig(**cfg, context_tokens=0), plain_out, seed=0)
    run_data(DataConfig(**cfg, context_tokens=200), context_out, seed=0)

    def rows(out: Path, kind: str) -> dict[str, dict]:
        return {r["id"]: r for s in SPLITS for r in read_jsonl(out / kind / f"{s}.jsonl")}

    plain, context = rows(plain_out, "completion"), rows(context_out, "completion")
    functions = rows(context_out, "functions")
    assert plain.keys() == context.keys()  # the same functions, split alike
    for key, row in context.items():
        # The completion is unchanged; the prompt gains the context in front.
        assert row["completion"] == plain[key]["completion"]
        assert row["prompt"].endswith(plain[key]["prompt"])
        assert (
            row["prompt"] + row["completion"] == functions[key]["context"] + functions[key]["code"]
        )
        assert row["prompt"].startswith(f"# File: {functions[key]['path']}\n")
    fetch = next(r for k, r in context.items() if k.endswith("Client.fetch"))
    assert "# class Client:" in fetch["prompt"] and "#     def close(self):" in fetch["prompt"]
    # The field's secret and address are redacted in the context as in code.
    everything = "\n".join(p.read_text() for p in context_out.rglob("*") if p.is_file())
    assert secret not in everything and "ops.lead@corp.io" not in everything
    assert "<KEY>" in fetch["prompt"]
    chat = rows(context_out, "chat")
    assert "Around it in its file:" in chat[fetch["id"]]["messages"][0]["content"]
    fim = rows(context_out, "fim")
    assert fim[fetch["id"]]["prompt"].startswith("<|fim_prefix|># File: client.py\n")
