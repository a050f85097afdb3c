"""Secrets and PII: find them in a function, then redact them to placeholders or drop the sample.

Two detectors run together: our own rules (AWS, GitHub, Slack, Google keys, private-key blocks,
JWTs, passwords and tokens assigned to variables, credentials in URLs, e-mail addresses) and the
regex plugins of detect-secrets (Stripe, Twilio, GitLab, SendGrid, its keyword detector...).

detect-secrets alone runs near 5 s/MB on one core, so a pre-filter comes first: one regex of
the literal anchors every rule needs ('AKIA', 'ghp_', 'BEGIN ... PRIVATE KEY', 'password', '://x:y@'
...). Only the lines it hits go through the full detectors; most functions are never scanned.
A rule added below must add its anchor to `_ANCHORS`, or the pre-filter would hide it (the
planted-secret tests catch that).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

KEY, PASSWORD, EMAIL = "<KEY>", "<PASSWORD>", "<EMAIL>"
_PLACEHOLDERS = {KEY, PASSWORD, EMAIL}


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    placeholder: str
    group: str | int = 0  # the part of the match that is the secret


# A variable, key or argument whose name ends in a secret-ish word: `db_password`, `API_KEY`,
# `clientSecret`, `"auth_token":` (not `token_type`: names are matched up to their end).
_ASSIGNED_NAME = (
    r"[\w.-]*(?:password|passwd|passphrase|pwd|secret|token|api_?key|apikey|access_?key|"
    r"auth_?key|private_?key|secret_?key|credentials?)s?\d*(?![\w-])"
)

RULES = [
    Rule(
        "private_key",
        re.compile(
            r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----.*?"
            r"(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)",
            re.S,
        ),
        KEY,
    ),
    Rule(
        "aws_access_key_id", re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[0-9A-Z]{16}\b"), KEY
    ),
    Rule(
        "aws_secret_access_key",
        re.compile(
            r"(?i)aws.{0,20}?(?:secret|key|token).{0,20}?['\"`](?P<v>[0-9a-zA-Z/+=]{40})['\"`]"
        ),
        KEY,
        "v",
    ),
    Rule(
        "github_token",
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9_]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"),
        KEY,
    ),
    Rule("slack_token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), KEY),
    Rule(
        "slack_webhook",
        re.compile(r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9_/]+"),
        KEY,
    ),
    Rule("google_api_key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}"), KEY),
    Rule("google_oauth_secret", re.compile(r"\bGOCSPX-[A-Za-z0-9_-]{20,}"), KEY),
    Rule(
        "jwt",
        # The run of token characters is taken once up to its `eyJ` (atomic): tried from each
        # `eyJ` of a long run of them, the plain pattern was quadratic (128 KB: 5 s).
        re.compile(
            r"(?<![A-Za-z0-9_-])(?>[A-Za-z0-9_-]*?\b(?=eyJ))"
            r"(?P<v>eyJ[A-Za-z0-9_-]{8,}+\.eyJ[A-Za-z0-9_-]{8,}+\.[A-Za-z0-9_-]{8,})"
        ),
        KEY,
        "v",
    ),
    Rule(
        "url_credentials",
        re.compile(
            r"\b[a-zA-Z][a-zA-Z0-9+.-]{0,62}://[^\s:/@'\"`<>]+:(?P<v>[^\s@/'\"`<>]+)@[\w.-]"
        ),
        PASSWORD,
        "v",
    ),
    Rule(
        "password_assignment",
        re.compile(
            # Not from inside a run of name characters ('-' included): each start in a long
            # `a-a-a-...` run rescanned it to its end (8 KB: 2.5 s); the run's first does.
            r"(?i)(?<![\w.-])" + _ASSIGNED_NAME + r"['\"]?\]?\s*(?::=|=>|=|:)\s*"
            r"(?:[rbuRBU]{1,2})?(?P<q>['\"`])(?P<v>[^'\"`\s]{4,})(?P=q)"
        ),
        PASSWORD,
        "v",
    ),
]

EMAIL_RULE = Rule(
    "email",
    re.compile(
        # A local part is at most 64 characters (RFC 5321); unbounded, each start in a long
        # `a%a%...` run rescanned it (64 KB: 2.4 s).
        r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?!(?:self|this|cls)\.)"
        r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}\b(?![.(\w])"
    ),
    EMAIL,
)

# The pre-filter: every rule above and every detect-secrets plugin we run needs one of these.
# Each check is a substring or a regex starting with a literal, so the scan runs at memory speed
# (an alternation of them all would defeat the regex engine's literal search).
_SUBSTRINGS_CASED = [
    "PRIVATE KEY",
    "PuTTY-User-Key-File",
    *("AKIA", "ASIA", "ABIA", "ACCA", "A3T", "AKC", "AIza", "GOCSPX-", "eyJ", "AccountKey="),
    *("github_pat_", "GR1348941", "hooks.slack.com", "_authToken", "T3BlbkFJ", "pypi-"),
    *("SG.", "sq0csp-", "k_live_"),
    *("glpat-", "gldt-", "glft-", "glsoat-", "glrt-", "glcbt-", "glimt-", "glptt-", "glagent-"),
    "gloas-",
]
_REGEXES_CASED = [
    re.compile(p)
    for p in (
        r"gh[pousr]_",
        r"xox[abposr]-",
        r"AP[\dA-F][a-zA-Z0-9]{8}",
        r"\.[\w-]{6}\.[\w-]{27}",  # Discord bot token
        r"-us\d",  # Mailchimp
        r":[\w-]{35}",  # Telegram bot token
        r"AC[a-z0-9]{32}",
        r"SK[a-z0-9]{32}",
        r"://[^\s:/@]+:[^\s@/]+@",
        r"@(?<=[\w.%+-]@)[A-Za-z0-9-]+\.[A-Za-z]{2}",  # e-mail
    )
]
_KEY_WORDS = ["api", "auth", "service", "account", "db", "database", "priv", "private"]
_KEY_WORDS += ["client", "access", "secret"]
_SUBSTRINGS_LOWER = ["pass", "pwd", "secret", "token", "credential", "contrase", "aws"]
_SUBSTRINGS_LOWER += ["softlayer"]
_REGEXES_LOWER = [
    re.compile(
        "key(?:" + "|".join(f"(?<={w}key)|(?<={w}_key)|(?<={w}-key)" for w in _KEY_WORDS) + ")"
    ),
    re.compile(r"cl(?:ou(?:dant)?)?[_-]?(?:api)?(?:key|pw|pass|token)"),
    re.compile(r"sl[_-]?(?:api)?[_-]?(?:key|pwd|pass|token)"),
]


_FILE_NAMES = {
    "python": "x.py",
    "java": "x.java",
    "go": "x.go",
    "javascript": "x.js",
    "typescript": "x.js",
}


def might_hold_secret(text: str) -> bool:
    """Cheap pre-filter: False means no detector below can fire on `text`."""
    if any(s in text for s in _SUBSTRINGS_CASED):
        return True
    lower = text.lower()
    if any(s in lower for s in _SUBSTRINGS_LOWER):
        return True
    return any(r.search(lower) for r in _REGEXES_LOWER) or any(
        r.search(text) for r in _REGEXES_CASED
    )


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    placeholder: str


def _is_placeholder_value(value: str) -> bool:
    """Values that are not secrets: our placeholders, templates, masks, format strings."""
    if value in _PLACEHOLDERS or (value.startswith("<") and value.endswith(">")):
        return True
    if re.search(r"\{[^{}\n]*\}|%\(?\w*\)?s|\$\{|\$\w+", value):
        return True
    return len(set(value)) <= 2  # '****', 'xxxx', '----'


@functools.cache
def _plugins(entropy: bool) -> list[tuple[str, Any, str]]:
    """(secret type, plugin, placeholder) for each detect-secrets plugin we run."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    plugins = []
    for secret_type, cls in sorted(get_mapping_from_secret_type_to_class().items()):
        name = cls.__name__
        if name == "IPPublicDetector":
            continue  # addresses, not secrets
        if "HighEntropy" in name and not entropy:
            continue
        placeholder = PASSWORD if name in {"KeywordDetector", "BasicAuthDetector"} else KEY
        plugins.append((secret_type, cls(), placeholder))
    return plugins


def _plugin_findings(line: str, language: str, entropy: bool) -> Iterator[tuple[str, str, str]]:
    """(kind, secret value, placeholder) from detect-secrets plugins on one line."""
    from detect_secrets.plugins.keyword import REGEX_BY_FILETYPE
    from detect_secrets.util.filetype import determine_file_type

    for secret_type, plugin, placeholder in _plugins(entropy):
        try:
            if type(plugin).__name__ == "KeywordDetector":
                filetype = determine_file_type(_FILE_NAMES.get(language, "x.txt"))
                regexes = REGEX_BY_FILETYPE.get(filetype)
                values = list(plugin.analyze_string(line, denylist_regex_to_group=regexes))
            else:
                values = list(plugin.analyze_string(line))
        except Exception:  # a plugin bug must not lose a file: treat the line as clean
            continue
        for value in values:
            if isinstance(value, str) and len(value) >= 4 and not _is_placeholder_value(value):
                yield "detect_secrets:" + secret_type, value, placeholder


# Addresses that are not anyone's: domains reserved for documentation and tests (RFC 2606 /
# RFC 6761), message identifiers, and `git@host:owner/repo` remotes (scp-style ssh, where the
# `@` names a login on a server, not a mailbox).
_RESERVED_DOMAIN = re.compile(
    r"(?i)(?:^|\.)(?:example\.(?:com|net|org|edu)|[^.]+\.(?:example|test|invalid|localhost))$"
)
_MESSAGE_ID_HEADER = re.compile(r"(?i)\b(?:message-id|in-reply-to|references|content-id)\s*:")


def _not_a_mailbox(code: str, start: int, end: int) -> bool:
    address = code[start:end]
    local, _, domain = address.partition("@")
    if _RESERVED_DOMAIN.search(domain):
        return True
    if code[end : end + 1] == ":":  # git@github.com:owner/repo.git
        return True
    line_start = code.rfind("\n", 0, start) + 1
    if _MESSAGE_ID_HEADER.search(code, line_start, start):
        return True
    # <20040209192936.GA18064@mail.python.org>: a timestamp or counter, not a person's name.
    return sum(ch.isdigit() for ch in local) >= 6


def find_secrets(
    code: str, language: str, *, emails: bool = True, entropy: bool = False
) -> list[Finding]:
    """Every secret (and e-mail address) in `code`, as non-overlapping spans, in order.

    With `entropy`, any string may be flagged, so the pre-filter is off (and the scan slow).
    """
    if not entropy and not might_hold_secret(code):
        return []
    spans: list[Finding] = []
    for rule in [*RULES, EMAIL_RULE] if emails else RULES:
        for m in rule.pattern.finditer(code):
            value = m.group(rule.group)
            if rule.group != 0 and _is_placeholder_value(value):
                continue
            if rule is EMAIL_RULE and _not_a_mailbox(code, m.start(), m.end()):
                continue
            spans.append(
                Finding(rule.kind, m.start(rule.group), m.end(rule.group), rule.placeholder)
            )
    offset = 0
    for line in code.splitlines(keepends=True):
        if entropy or might_hold_secret(line):
            for kind, value, placeholder in _plugin_findings(line, language, entropy):
                for m in re.finditer(re.escape(value), line):
                    spans.append(Finding(kind, offset + m.start(), offset + m.end(), placeholder))
        offset += len(line)
    return _merge(spans)


def _merge(spans: list[Finding]) -> list[Finding]:
    """Non-overlapping findings; of overlapping ones the earliest, then longest, wins.

    An e-mail-looking match overlapping a secret is dropped first: in `scheme://user:pw@host`
    the `pw@host` part is a password, to be counted and replaced as one.
    """
    secrets = [f for f in spans if f.placeholder != EMAIL]
    spans = secrets + [
        f
        for f in spans
        if f.placeholder == EMAIL and not any(s.start < f.end and f.start < s.end for s in secrets)
    ]
    out: list[Finding] = []
    for f in sorted(spans, key=lambda f: (f.start, -(f.end - f.start))):
        if out and f.start < out[-1].end:
            last = out[-1]
            if f.end > last.end:  # widen so no part of either secret survives
                out[-1] = Finding(last.kind, last.start, f.end, last.placeholder)
            continue
        out.append(f)
    return out


def redact(code: str, findings: list[Finding]) -> str:
    parts, pos = [], 0
    for f in findings:
        parts.append(code[pos : f.start])
        parts.append(f.placeholder)
        pos = f.end
    parts.append(code[pos:])
    return "".join(parts)


# Values written to look like a credential in tests and docs: AKIAIOSFODNN7EXAMPLE, 'dummy-key'.
_FIXTURE_MARKER = re.compile(r"(?i)example|dummy|fake|test|sample|placeholder|changeme|xxx")
_PLAIN_WORD = re.compile(r"[A-Za-z]{1,12}")


def looks_like_fixture(finding: Finding, code: str) -> bool:
    """A secret in `code` that reads like a test fixture or documentation: a password of one
    plain word of at most 12 letters (`password='python'`, `http://user:pass@host/`), or any
    value marked example, dummy, fake, test... (AWS's own AKIAIOSFODNN7EXAMPLE). Reported
    apart, still redacted: a real password can be a plain word too. Key formats are judged by
    their marker only (a detect-secrets span can be a key's bare prefix, `glpat`)."""
    value = code[finding.start : finding.end]
    if finding.placeholder == PASSWORD and _PLAIN_WORD.fullmatch(value):
        return True
    return bool(_FIXTURE_MARKER.search(value))


def is_secret(finding: Finding) -> bool:
    """Secrets (as opposed to e-mail addresses, which are PII and always just redacted)."""
    return finding.placeholder != EMAIL
