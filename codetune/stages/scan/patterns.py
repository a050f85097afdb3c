"""Text patterns the rules of more than one language (or rule source) share.

SQL keywords, shell names and flags, HTML tags, sanitiser names and the values that look like
passwords by their variable's name but are not. A pattern used by one language lives with its
rules instead.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A set of names written as one space-separated string (long lists stay readable)."""
    return frozenset(text.split())


SQL_TEXT = re.compile(
    r"\b(select\b[\s\S]*\bfrom|insert\s+into|update\b[\s\S]*\bset|delete\s+from|replace\s+into|"
    r"(create|drop|alter|truncate)\s+table|where\b)",
    re.I,
)
SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "cmd", "cmd.exe", "powershell", "pwsh"}
SHELL_FLAGS = {"-c", "/c", "-command", "/k"}
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][\w-]*[^<>]*>")
XSS_SANITIZERS = re.compile(r"(escape|encode|sanitiz|bleach|purify|htmlspecialchars)", re.I)
UPPER_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")
# Values bandit takes for passwords because of the variable's name ('token_type = "bearer"').
NOT_SECRET_VALUES = re.compile(
    r"^(|bearer|basic|token|password|passwd|secret|none|null|true|false|utf-?8|"
    r"yes|no|on|off|enabled|disabled|required|optional|"
    r"access_token|refresh_token|id_token|api_key|apikey|client_secret|<[A-Z_]+>|\*+)$",
    re.I,
)
