"""bandit as a rule source for Python: its test ids mapped to our CWEs, run on strings.

bandit's Python API scans code held in memory; nothing is written to disk or executed. Only
the tests listed in BANDIT_RULES are kept, each from a lowest severity up.
"""

from __future__ import annotations

import functools
import importlib
import io
import logging
import re
from typing import Any

from codetune.stages.scan.findings import SEVERITY_RANK, Finding, Severity
from codetune.stages.scan.patterns import NOT_SECRET_VALUES

# bandit test id -> (our CWE, lowest bandit severity kept). Tests left out are noise for
# generated code (assert, import-only warnings), or data-flow questions the taint engine
# answers with the values (eval, shell commands, SQL, deserialisation, XML parsing, random
# numbers, mark_safe): bandit flags those on the call's shape, constants included.
BANDIT_RULES: dict[str, tuple[str, Severity]] = {
    "B201": ("CWE-94", "low"),  # flask debug=True: interactive debugger runs code
    "B601": ("CWE-78", "low"),  # paramiko exec_command
    "B610": ("CWE-89", "low"),  # django extra
    "B611": ("CWE-89", "low"),  # django RawSQL
    "B614": ("CWE-502", "low"),  # torch.load without weights_only
    "B105": ("CWE-798", "low"),  # password-like name = "literal"
    "B106": ("CWE-798", "low"),  # password-like keyword argument
    "B107": ("CWE-798", "low"),  # password-like default argument
    "B303": ("CWE-328", "low"),  # MD5/SHA1 from pycrypto/cryptography
    "B324": ("CWE-328", "low"),  # hashlib md5/sha1 for security
    "B304": ("CWE-327", "low"),  # DES, RC4, Blowfish, ...
    "B305": ("CWE-327", "low"),  # ECB mode
    "B306": ("CWE-377", "low"),  # tempfile.mktemp
    "B108": ("CWE-377", "low"),  # hard-coded /tmp path
    "B701": ("CWE-79", "low"),  # jinja2 autoescape=False
    "B702": ("CWE-79", "low"),  # mako templates (no escaping)
    "B501": ("CWE-295", "low"),  # requests verify=False
    "B323": ("CWE-295", "low"),  # ssl._create_unverified_context
    "B312": ("CWE-319", "low"),  # telnetlib
    "B321": ("CWE-319", "low"),  # ftplib
}


class _UnusedFormatterFilter(logging.Filter):
    """Drops stevedore's "Could not load 'sarif'" (an optional dependency missing) and the like
    for bandit's report formatters, which we never use. A test plugin that fails to load is
    still logged: its findings would be missing."""

    def __init__(self, formatters: set[str]) -> None:
        super().__init__()
        self.formatters = formatters

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        loading = str(record.msg).startswith("Could not load")
        return not (loading and args and args[0] in self.formatters)


@functools.cache
def _import_bandit() -> None:
    """Import bandit, whose plugin manager loads every entry point once, at import."""
    from importlib.metadata import entry_points

    formatters = {ep.name for ep in entry_points(group="bandit.formatters")}
    stevedore_log = logging.getLogger("stevedore.extension")
    quiet = _UnusedFormatterFilter(formatters)
    stevedore_log.addFilter(quiet)
    try:
        # The manager is built when bandit.core.extension_loader is first imported, by both.
        importlib.import_module("bandit.core.config")
        importlib.import_module("bandit.core.manager")
    finally:
        stevedore_log.removeFilter(quiet)


@functools.cache
def _bandit_config() -> Any:
    _import_bandit()
    from bandit.core import config as bandit_config

    # bandit warns once per string that it cannot find a module name for it; not useful here.
    logging.getLogger("bandit").setLevel(logging.ERROR)
    return bandit_config.BanditConfig()


def bandit_findings(code: str, origin: str) -> list[Finding]:
    """bandit's issues on `code` that BANDIT_RULES keeps, as our findings."""
    _import_bandit()
    from bandit.core import manager as bandit_manager

    # ignore_nosec: a model must not be able to hide a finding by writing "# nosec".
    mgr = bandit_manager.BanditManager(_bandit_config(), "file", quiet=True, ignore_nosec=True)
    mgr._parse_file(origin, io.BytesIO(code.encode("utf-8")), [origin])
    findings = []
    for issue in mgr.results:
        rule = BANDIT_RULES.get(issue.test_id)
        if rule is None:
            continue
        cwe, lowest = rule
        severity = issue.severity.lower()
        if SEVERITY_RANK[severity] < SEVERITY_RANK[lowest]:
            continue
        if issue.test_id in {"B105", "B106", "B107"}:
            value = re.search(r"'(.*)'", issue.text)
            if value and NOT_SECRET_VALUES.match(value.group(1)):
                continue
        findings.append(
            Finding(origin, issue.lineno, cwe, f"bandit-{issue.test_id}", severity, issue.text)
        )
    return findings
