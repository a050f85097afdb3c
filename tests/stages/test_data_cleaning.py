"""Cleaning: secrets never reach the output, duplicates and benchmark problems are removed."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import string
import sysconfig
from pathlib import Path

import pytest

from codetune.core.io import read_jsonl
from codetune.lib.secrets import (
    find_secrets,
    is_secret,
    looks_like_fixture,
    might_hold_secret,
    redact,
)
from codetune.stages.data import DataConfig, run_data
from codetune.stages.data.decontam import humaneval_path
from codetune.stages.data.extract import describe, extract_functions
from codetune.stages.data.quality import (
    format_python,
    is_unfinished,
    longest_literal_run,
    text_reason,
)

STDLIB = Path(sysconfig.get_paths()["stdlib"])
SPLITS = ("train", "val", "test")
RNG = random.Random(1234)


def _token(alphabet: str, n: int) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits
LOWER_HEX = "abcdef0123456789"

# One planted value per supported kind: (kind, how it appears in code, the secret itself).
SECRETS = [
    ("aws_access_key_id", None, "AKIA" + _token(UPPER, 16)),
    ("aws_secret_access_key", "aws_secret_access_key = '{}'", _token(ALNUM + "/+", 40)),
    ("github_token", None, "ghp_" + _token(ALNUM, 36)),
    ("github_pat", None, "github_pat_" + _token(ALNUM + "_", 82)),
    ("slack_token", None, "xoxb-" + _token(string.digits, 12) + "-" + _token(ALNUM, 24)),
    (
        "slack_webhook",
        None,
        "https://hooks.slack.com/services/T"
        + _token(UPPER, 8)
        + "/B"
        + _token(UPPER, 8)
        + "/"
        + _token(ALNUM, 24),
    ),
    ("google_api_key", None, "AIza" + _token(ALNUM + "_-", 35)),
    ("google_oauth_secret", None, "GOCSPX-" + _token(ALNUM + "_-", 28)),
    (
        "jwt",
        None,
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ."
        + _token(ALNUM + "_-", 43),
    ),
    ("password", "db_password = '{}'", "Tr0ub4dor&3-" + _token(ALNUM, 6)),
    ("token", "settings['auth_token'] = \"{}\"", _token(ALNUM, 30)),
    (
        "db_url",
        None,
        "postgres://admin:" + "S3cret" + _token(ALNUM, 8) + "@db.internal:5432/orders",
    ),
    ("email", None, "jane.doe@acme-payroll.com"),
    ("stripe", None, "sk_live_" + _token(ALNUM, 24)),
    ("twilio", None, "SK" + _token(LOWER_HEX, 32)),
    ("sendgrid", None, "SG." + _token(ALNUM, 22) + "." + _token(ALNUM, 43)),
    ("gitlab", None, "glpat-" + _token(ALNUM, 20)),
    ("square", None, "sq0csp-" + _token(ALNUM, 43)),
]
PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    + "\n".join(_token(ALNUM + "+/", 64) for _ in range(6))
    + "\n-----END RSA PRIVATE KEY-----"
)


def _secret_value(kind: str, value: str) -> str:
    """The part that must vanish (for URLs, the password only)."""
    if kind == "db_url":
        return value.split(":")[2].split("@")[0]
    return value


def _python_module() -> str:
    parts = ["import os\n\n"]
    for i, (kind, template, value) in enumerate(SECRETS):
        line = template.format(value) if template else f"endpoint = {value!r}"
        parts.append(
            f"def configure_{i}(client, retries=3):\n"
            f'    """Configure the client for the {kind.replace("_", " ")} integration."""\n'
            f"    {line}\n"
            "    for attempt in range(retries):\n"
            "        if client.connect(attempt):\n"
            "            return client\n"
            "    raise ConnectionError(os.environ.get('HOST'))\n\n\n"
        )
    parts.append(
        "def load_key(path):\n"
        '    """Return the signing key, read from path when it exists."""\n'
        "    if os.path.exists(path):\n"
        "        with open(path) as fh:\n"
        "            return fh.read()\n"
        f'    return """{PRIVATE_KEY}"""\n'
    )
    return "".join(parts)


JAVA = """package com.example;

public class Clients {
    /** Builds the billing client. */
    public static Client billing(Config config) {
        String password = "%s";
        String url = "jdbc:postgresql://billing:%s@db.example.com/billing";
        Client client = new Client(config.host(), password);
        client.setUrl(url);
        return client;
    }
}
"""
GO = """package clients

// Payments returns a client for the payment provider.
func Payments(host string) *Client {
	apiToken := "%s"
	c := NewClient(host)
	c.SetToken(apiToken)
	c.SetKey("%s")
	return c
}
"""


def _planted_tree(root: Path) -> list[str]:
    root.mkdir(parents=True)
    (root / "settings.py").write_text(_python_module(), encoding="utf-8")
    java_pw, java_url_pw = "hunter2-" + _token(ALNUM, 8), "Pa55" + _token(ALNUM, 8)
    (root / "Clients.java").write_text(JAVA % (java_pw, java_url_pw), encoding="utf-8")
    go_token, go_key = _token(ALNUM, 32), "AKIA" + _token(UPPER, 16)
    (root / "clients.go").write_text(GO % (go_token, go_key), encoding="utf-8")
    planted = [_secret_value(k, v) for k, _, v in SECRETS]
    planted += [line for line in PRIVATE_KEY.splitlines() if "-----" not in line]
    return [*planted, java_pw, java_url_pw, go_token, go_key]


def _all_output(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.is_file())


def test_planted_secrets_never_reach_the_output(tmp_path: Path) -> None:
    planted = _planted_tree(tmp_path / "src")
    cfg = DataConfig(
        sources=[str(tmp_path / "src")],
        languages=["python", "java", "go"],
        formats=["completion", "chat", "fim"],
        workers=1,
        prompt_lines=1,
    )
    stats = run_data(cfg, tmp_path / "out", seed=0)
    output = _all_output(tmp_path / "out")
    for secret in planted:
        assert secret not in output
    rows = [r for s in SPLITS for r in read_jsonl(tmp_path / "out" / "functions" / f"{s}.jsonl")]
    # Redacted, not dropped: every planted function is still there, with placeholders.
    assert len(rows) == len(SECRETS) + 3
    assert "<KEY>" in output and "<PASSWORD>" in output and "<EMAIL>" in output
    found = stats["secrets"]["by_type"]
    for kind in ("private_key", "aws_access_key_id", "github_token", "slack_token", "jwt"):
        assert found.get(kind, 0) >= 1, kind
    for kind in ("google_api_key", "url_credentials", "password_assignment", "email"):
        assert found.get(kind, 0) >= 1, kind
    assert any(k.startswith("detect_secrets:") for k in found)
    # Real-looking credentials are not reported as fixtures.
    assert stats["secrets"]["fixture_like"] == 0
    assert "## Secrets" in (tmp_path / "out" / "DATA.md").read_text()


def test_drop_mode_removes_functions_holding_secrets(tmp_path: Path) -> None:
    planted = _planted_tree(tmp_path / "src")
    cfg = DataConfig(
        sources=[str(tmp_path / "src")],
        languages=["python", "java", "go"],
        workers=1,
        secrets="drop",
    )
    stats = run_data(cfg, tmp_path / "out", seed=0)
    output = _all_output(tmp_path / "out")
    for secret in planted:
        assert secret not in output
    rows = [r for s in SPLITS for r in read_jsonl(tmp_path / "out" / "functions" / f"{s}.jsonl")]
    # Only the function with nothing but an e-mail address survives (redacted, it is PII).
    assert [r["name"] for r in rows] == [f"configure_{[k for k, _, _ in SECRETS].index('email')}"]
    assert stats["functions"]["dropped"]["secret"] == len(SECRETS) - 1 + 3


def test_prefilter_lets_every_planted_line_through() -> None:
    for line in _python_module().splitlines():
        if find_secrets(line, "python"):
            assert might_hold_secret(line)
    for kind, template, value in SECRETS:
        line = template.format(value) if template else f"endpoint = {value!r}"
        assert might_hold_secret(line), kind
        assert find_secrets(line, "python"), kind


@pytest.mark.parametrize(
    "code",
    [
        "y = x@self.weight + bias\n",  # matrix product, not an e-mail address
        "token_type = 'bare-quoted-string'\n",
        "if token == 'async':\n    pass\n",
        "password = os.environ['DB_PASSWORD']\n",
        "password = '<PASSWORD>'\n",
        "url = 'https://example.com/path?q=1'\n",
        "key = self.cache_key(name)\n",
    ],
)
def test_ordinary_code_is_not_redacted(code: str) -> None:
    assert find_secrets(code, "python") == []


def test_stdlib_scan_has_few_false_secrets() -> None:
    findings = []
    for name in ("smtplib.py", "urllib/request.py", "ftplib.py", "imaplib.py", "http/cookiejar.py"):
        text = (STDLIB / name).read_text(encoding="utf-8")
        for fn in extract_functions(text, "python"):
            findings += [f for f in find_secrets(fn.code, "python") if f.placeholder != "<EMAIL>"]
    # Login helpers mention passwords everywhere; literal values assigned to them are rare.
    assert len(findings) <= 5


def test_fixture_secrets_of_real_tests_are_reported_apart_and_still_redacted() -> None:
    """CPython's own test fixtures (`password='python'`, `http://user:pass@host/`,
    `passwd='wile'`) read as fixtures; AWS's documented example key does too; a credential of
    a real shape does not. Both are redacted."""
    fixtures = []
    for name in ("test_urllib2.py", "test_zipfile.py", "test_netrc.py", "test_urlparse.py"):
        path = STDLIB / "test" / name
        if not path.is_file():
            continue
        for fn in extract_functions(path.read_text(encoding="utf-8"), "python"):
            fixtures += [(f, fn.code) for f in find_secrets(fn.code, "python") if is_secret(f)]
    assert len(fixtures) >= 5
    assert all(looks_like_fixture(f, code) for f, code in fixtures), fixtures

    def judged(code: str) -> list[bool]:
        return [looks_like_fixture(f, code) for f in find_secrets(code, "python") if is_secret(f)]

    assert judged("KEY_ID = 'AKIAIOSFODNN7EXAMPLE'\n") == [True]
    for real in ("hunter2-correct-horse", "Pa55w0rdQx7", "s3cr3t!x"):
        assert judged(f"password = '{real}'\n") == [False], real
    assert judged("token = 'ghp_" + "a1B2c3D4" * 5 + "'\n") == [False]
    code = 'def connect(host):\n    password = "python"\n    return login(host, password)\n'
    assert judged(code) == [True]
    assert "python" not in redact(code, find_secrets(code, "python"))


def _renamed(code: str, renames: dict[str, str]) -> str:
    for old, new in renames.items():
        code = re.sub(rf"\b{old}\b", new, code)
    return code


def test_near_duplicate_with_renamed_variables_is_removed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    shutil.copy(STDLIB / "shlex.py", src / "shlex.py")
    original = next(
        f
        for f in extract_functions((src / "textwrap.py").read_text(), "python")
        if f.name == "_wrap_chunks"
    )
    copy = _renamed(original.code, {"cur_line": "current", "chunks": "pieces", "cur_len": "used"})
    assert copy != original.code
    (src / "wrapping.py").write_text(
        "class Wrapper:\n"
        + "".join(
            "    " + line if line.strip() else line for line in copy.splitlines(keepends=True)
        )
    )
    # And an exact copy under another name, differing only in layout.
    exact = next(
        f for f in extract_functions((src / "shlex.py").read_text(), "python") if f.name == "quote"
    )
    (src / "quoting.py").write_text(exact.code.replace("\n\n", "\n"))

    stats = run_data(DataConfig(sources=[str(src)], workers=1), tmp_path / "out", seed=0)
    rows = [r for s in SPLITS for r in read_jsonl(tmp_path / "out" / "functions" / f"{s}.jsonl")]
    # One copy of each kept (which one depends on the seeded file order).
    assert len([r for r in rows if r["name"] == "_wrap_chunks"]) == 1
    assert len([r for r in rows if r["name"] == "quote"]) == 1
    assert stats["dedup"]["near_duplicates"] >= 1
    assert stats["dedup"]["exact_duplicates"] >= 1
    # Unrelated functions of the same modules all survive.
    names = {r["name"] for r in rows}
    assert {"dedent", "indent", "split", "shorten"} <= names


def test_humaneval_solution_in_the_tree_is_removed(tmp_path: Path) -> None:
    with gzip.open(humaneval_path(), "rt") as fh:
        problems = [json.loads(line) for line in fh]
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    leaked = [problems[0], problems[12]]
    for p in leaked:
        (src / f"{p['entry_point']}.py").write_text(p["prompt"] + p["canonical_solution"])
    # The same solution under another name: caught by its n-grams, not its signature.
    renamed = problems[0]["prompt"].replace(problems[0]["entry_point"], "close_pairs")
    (src / "renamed.py").write_text(renamed + problems[0]["canonical_solution"])

    stats = run_data(DataConfig(sources=[str(src)], workers=1), tmp_path / "out", seed=0)
    rows = [r for s in SPLITS for r in read_jsonl(tmp_path / "out" / "functions" / f"{s}.jsonl")]
    assert {r["path"] for r in rows} == {"textwrap.py"}
    assert stats["functions"]["dropped"]["contaminated"] == 3
    hits = stats["contamination"]["hits"]
    assert hits["humaneval:signature"] >= 1 and hits["humaneval:ngram"] >= 1
    assert "has_close_elements" in (tmp_path / "out" / "DATA.md").read_text()


@pytest.mark.parametrize(
    ("language", "code", "unfinished"),
    [
        ("python", "def f(x):\n    pass\n", True),
        ("python", 'def f(x):\n    """Doc."""\n    ...\n', True),
        ("python", "def f(x):\n    # TODO: write me\n    pass\n", True),
        ("python", "def f(x):\n    raise NotImplementedError('subclasses')\n", True),
        ("python", "def f(x):\n    raise NotImplementedError\n", True),
        ("python", "def f(x):\n    return x + 1\n", False),
        ("python", "def f(x):\n    raise ValueError(x)\n", False),
        ("java", "void f() {\n    // TODO\n}", True),
        ("java", 'void f() {\n    throw new UnsupportedOperationException("later");\n}', True),
        ("java", "int f() {\n    return 1;\n}", False),
        ("go", 'func f() {\n\tpanic("not implemented")\n}', True),
        ("go", 'func f() {\n\tpanic("bad state")\n}', False),
        ("javascript", "function f() {\n  throw new Error('Not implemented');\n}", True),
        ("javascript", "function f() {\n  throw new Error('bad input');\n}", False),
    ],
)
def test_unfinished_bodies(language: str, code: str, unfinished: bool) -> None:
    kind = {"python": "function_definition", "java": "method_declaration"}.get(
        language, "function_declaration"
    )
    anatomy = describe(code + ("" if code.endswith("\n") else "\n"), language, kind)
    assert anatomy is not None
    assert is_unfinished(anatomy.body, language) is unfinished


def test_ruff_normalises_python_style(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "messy.py").write_text(
        "def total(items,tax = 0.2):\n"
        "    '''Sum prices with tax.'''\n"
        "    subtotal=sum( [i['price']*i['qty'] for i in items] )\n"
        "    result  =  subtotal*(1+tax)\n"
        "    if result>100 : result=round(result,2)\n"
        "    return result\n"
    )
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    stats = run_data(
        DataConfig(sources=[str(src)], workers=1, format_python=True), tmp_path / "out", seed=0
    )
    rows = [r for s in SPLITS for r in read_jsonl(tmp_path / "out" / "functions" / f"{s}.jsonl")]
    codes = [r["code"] for r in rows]
    assert format_python(codes) == codes  # already in ruff's style: formatting again is a no-op
    total = next(r for r in rows if r["name"] == "total")
    assert 'subtotal = sum([i["price"] * i["qty"] for i in items])' in total["code"]
    assert total["signature"] == "def total(items, tax=0.2):"
    assert stats["formatting"]["changed"] >= 1


def test_entropy_plugins_scan_past_the_prefilter() -> None:
    code = "def f():\n    return call('q8ZxN3vR7tLm2WcY5bHd9JfK4gTs6PuE1nVa0XiO')\n"
    assert not might_hold_secret(code)
    assert find_secrets(code, "python") == []
    found = find_secrets(code, "python", entropy=True)
    assert [f.kind for f in found] == ["detect_secrets:Base64 High Entropy String"]


def test_near_duplicate_shingles_keep_operators() -> None:
    """`Decimal.__lt__` and `__le__` differ in one operator: they must not look like copies
    (they shared every word shingle when operators were dropped)."""
    import ast
    import inspect

    from codetune.stages.data.dedup import canonical_tokens, shingles

    source = (Path(sysconfig.get_paths()["stdlib"]) / "_pydecimal.py").read_text()
    methods = {
        node.name: ast.get_source_segment(source, node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and node.name in ("__lt__", "__le__")
    }
    lt, le = (inspect.cleandoc(methods[name]) for name in ("__lt__", "__le__"))
    assert "<" in canonical_tokens(lt) and "<=" in canonical_tokens(le)
    a, b = shingles(lt, 5), shingles(le, 5)
    without_names = {s for s in a if b"__lt__" not in s} - b
    assert without_names, "the operator must make shingles of its own"


HUMANEVAL_X = Path(__file__).parents[3] / "shared" / "data" / "humaneval-x"
EXTRACT_LANGUAGE = {"python": "python", "java": "java", "go": "go", "js": "javascript"}


def _caught(code: str, language: str) -> str | None:
    from codetune.stages.data.decontam import benchmark_index

    index = benchmark_index("humaneval", 10)
    for fn in extract_functions(code, language):
        anatomy = describe(fn.code, language, fn.kind)
        if anatomy is not None:
            how = index.check(fn.code, fn.name, anatomy.signature, language)
            if how is not None:
                return how
    return None


def test_every_real_humaneval_solution_is_caught_even_without_its_docstring() -> None:
    with gzip.open(humaneval_path(), "rt") as fh:
        problems = [json.loads(line) for line in fh]
    for p in problems:
        code = p["prompt"] + p["canonical_solution"]
        assert _caught(code, "python"), p["task_id"]
        bare = re.sub(r'(?s)""".*?"""|#[^\n]*', "", code)  # a copy with its docstring removed
        assert _caught(bare, "python"), p["task_id"]


@pytest.mark.skipif(not HUMANEVAL_X.is_dir(), reason="HumanEval-X not in ../shared/data")
@pytest.mark.parametrize("short", ["java", "go", "js"])
def test_humaneval_x_ports_are_caught(short: str) -> None:
    """The canonical solutions ported to Java, Go and JS (HumanEval-X), as published: ports
    keep the docstring's words and the data's names, not Python's idioms."""
    with gzip.open(HUMANEVAL_X / f"humaneval_{short}.jsonl.gz", "rt") as fh:
        rows = [json.loads(line) for line in fh]
    caught = sum(
        _caught(r["prompt"] + r["canonical_solution"], EXTRACT_LANGUAGE[short]) is not None
        for r in rows
    )
    assert caught >= 0.95 * len(rows), f"{caught}/{len(rows)}"


def test_ordinary_code_with_a_benchmark_signature_or_generic_ngrams_is_kept() -> None:
    """The stdlib's false positives: `Context.multiply(self, a, b)` shares only HumanEval's
    `multiply(a, b)` signature, `add(x, y)` doing something else only `add`'s, and test_descr's
    nested index loops only the words every loop is made of."""
    import inspect

    decimal_source = (STDLIB / "_pydecimal.py").read_text()
    start = decimal_source.index("    def multiply(self, a, b):")
    multiply = inspect.cleandoc(
        decimal_source[start : decimal_source.index("\n    def ", start + 1)]
    )
    assert _caught(multiply, "python") is None
    add = "def add(x, y):\n    return merge_sorted(x, y, key=str.casefold)\n"
    assert _caught(add, "python") is None
    descr_path = STDLIB / "test" / "test_descr.py"
    if not descr_path.is_file():
        pytest.skip("this Python ships without its test package")
    descr = descr_path.read_text()
    loops = next(  # nested `for i in range(N)` / `for j in range(N)` loops
        fn.code for fn in extract_functions(descr, "python") if fn.name == "test_python_dicts"
    )
    assert _caught(loops, "python") is None


def test_literal_tables_are_dropped_and_ordinary_code_is_kept() -> None:
    """CPython's own data-table tests (60 lines of codec strings, 48 of float triples) go as
    `literal_table`; no function of modules full of ordinary code and small literals does."""
    cfg = DataConfig()

    def reasons(path: str) -> dict[str, str | None]:
        code = (STDLIB / path).read_text(encoding="utf-8")
        return {fn.name: text_reason(fn.code, cfg) for fn in extract_functions(code, "python")}

    assert reasons("test/test_codecs.py")["test_bug1175396"] == "literal_table"
    assert reasons("test/test_math.py")["testRemainder"] == "literal_table"
    for module in ("textwrap.py", "json/decoder.py", "ipaddress.py", "fractions.py", "csv.py"):
        assert "literal_table" not in reasons(module).values()
    # The threshold is the config's: a looser one keeps the table.
    loose = DataConfig(max_literal_lines=100)
    table = next(
        fn.code
        for fn in extract_functions((STDLIB / "test/test_math.py").read_text(), "python")
        if fn.name == "testRemainder"
    )
    assert text_reason(table, loose) != "literal_table"


@pytest.mark.timeout(60)
def test_literal_table_check_is_linear_on_long_digit_runs() -> None:
    """A line of digits that is not all literal ("0123...9a": a hash, a key, a constant next to
    a name) must not be retried as every split of its digits into numbers: 40 digits would take
    2**40 tries. Real modules hold such lines (CPython's data stage took 65 s instead of 7)."""
    digits = "0123456789" * 4
    assert longest_literal_run(f"x = 1\n{digits}a\n{digits}\n") == 1
    table = "\n".join(f"    ({i}, {digits}, 'row {i}')," for i in range(40))
    assert longest_literal_run(table + f"\n    {digits}x\n") == 40
