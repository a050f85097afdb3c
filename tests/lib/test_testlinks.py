"""Linking a repository's tests to the functions they exercise (codetune/lib/testlinks.py),
on CPython's own textwrap and its test file, and on small files written the way teams write
tests (pytest functions, mocks, mixins)."""

from __future__ import annotations

import sysconfig
import textwrap
from pathlib import Path

from codetune.lib.testlinks import (
    candidate_test_paths,
    link_function,
    mocks_in,
    module_suffixes,
    parse_test_file,
)

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def _textwrap_tests():
    path = "test/test_textwrap.py"
    return parse_test_file(path, (STDLIB / path).read_text(encoding="utf-8"))


def test_module_names_of_a_path():
    assert module_suffixes("src/pkg/mod.py") == ["src.pkg.mod", "pkg.mod", "mod"]
    assert module_suffixes("json/__init__.py") == ["json"]


def test_cpython_textwrap_functions_link_to_their_own_test_cases():
    tests = _textwrap_tests()
    dedent = link_function("textwrap.py", "dedent", None, [tests])
    assert dedent and all(c.test_id.startswith("DedentTestCase.") for c in dedent[:5])
    assert all(c.by_name for c in dedent if c.test_id.startswith("DedentTestCase."))
    # A method is linked by attribute name when the test file uses its class; named-after
    # tests first (WrapTestCase.test_split for TextWrapper._split).
    split = link_function("textwrap.py", "_split", "TextWrapper", [tests])
    assert split[0].test_id == "WrapTestCase.test_split" and split[0].by_name
    # __init__ is reached by constructing the class, here in setUp.
    init = link_function("textwrap.py", "__init__", "TextWrapper", [tests])
    assert any(c.test_id.startswith("WrapTestCase.") for c in init)
    # Dunders other than __init__ say nothing by name.
    assert link_function("textwrap.py", "__repr__", "TextWrapper", [tests]) == []


def test_a_test_file_that_does_not_import_the_module_is_not_linked():
    tests = _textwrap_tests()
    assert link_function("other/dedent.py", "dedent", None, [tests]) == []


def test_pytest_functions_helpers_fixtures_and_mocks():
    source = textwrap.dedent(
        """
        from unittest import mock
        from unittest.mock import MagicMock, patch

        import pytest

        from shop.billing import Invoice, total_due


        def check_total(items, expected):
            assert total_due(items) == expected


        def test_empty_cart_is_free():
            check_total([], 0)


        @pytest.fixture
        def client():
            return MagicMock()


        def test_invoice_sends(client, mocker, monkeypatch):
            mocker.patch.object(Invoice, "render", return_value="x")
            monkeypatch.setattr("shop.billing.SMTP", MagicMock(spec=object))
            Invoice(client).send()


        class InvoiceTests:
            @patch("shop.billing.now")
            def test_dates(self, now):
                with mock.patch.dict("os.environ", {"TZ": "UTC"}):
                    assert Invoice(None).date() == now.return_value
        """
    )
    tf = parse_test_file("tests/test_billing.py", source)
    ids = {case.test_id: case for case, _ in tf.tests}
    # The helper's call to total_due counts for the test that calls the helper.
    linked = link_function("src/shop/billing.py", "total_due", None, [tf])
    assert [c.test_id for c in linked] == ["test_empty_cart_is_free"]
    send = ids["test_invoice_sends"]
    assert send.fixtures == ("client", "mocker", "monkeypatch")
    assert "mocker.patch.object(Invoice)" in send.mocks
    assert "monkeypatch.setattr(shop.billing.SMTP)" in send.mocks
    # A class without bases is a mixin: unittest cannot run its methods by themselves.
    assert "InvoiceTests.test_dates" not in ids
    init = link_function("src/shop/billing.py", "__init__", "Invoice", [tf])
    assert [c.test_id for c in init] == ["test_invoice_sends"]


def test_mixin_tests_run_through_their_concrete_subclasses():
    source = textwrap.dedent(
        """
        import unittest
        from shop import billing

        class Base:
            def test_rounding(self):
                self.assertEqual(billing.round_cents(1.005), 1.0)

        class PyTests(Base, unittest.TestCase):
            pass
        """
    )
    tf = parse_test_file("tests/test_billing.py", source)
    linked = link_function("shop/billing.py", "round_cents", None, [tf])
    assert [c.test_id for c in linked] == ["PyTests.test_rounding"]


def test_mock_calls_are_named_with_their_targets():
    import ast

    tree = ast.parse("patch('a.b.c')\nMock()\nx.dict()\npatch.object(A, 'f')\ncreate_autospec(A)")
    assert mocks_in(tree) == ("patch(a.b.c)", "Mock()", "patch.object(A)", "create_autospec(A)")


def test_unparsable_test_file_is_none():
    assert parse_test_file("tests/test_x.py", "def test_(:\n") is None


def test_candidate_test_files_by_name():
    paths = [
        "test/test_textwrap.py",
        "test/test_json/test_decode.py",
        "tests/decoder_test.py",
        "test/test_os.py",
    ]
    assert candidate_test_paths("textwrap.py", paths) == ["test/test_textwrap.py"]
    assert candidate_test_paths("json/decoder.py", paths) == [
        "test/test_json/test_decode.py",
        "tests/decoder_test.py",
    ]
