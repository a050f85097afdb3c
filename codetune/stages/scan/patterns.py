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


# Only ever tested for a match (`search`, truthiness). select ... from and update ... set are
# anchored at the text's start with the first keyword taken atomically: unanchored, each
# `select` of a long text rescanned the rest for a `from` (64 KB: 6.6 s).
SQL_TEXT = re.compile(
    r"\b(insert\s+into|delete\s+from|replace\s+into|(create|drop|alter|truncate)\s+table|where\b)|"
    r"\A(?>[\s\S]*?\bselect\b)[\s\S]*?\bfrom|\A(?>[\s\S]*?\bupdate\b)[\s\S]*?\bset",
    re.I,
)
SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "cmd", "cmd.exe", "powershell", "pwsh"}
SHELL_FLAGS = {"-c", "/c", "-command", "/k"}
HTML_TAG = re.compile(r"<\s*+/?\s*+[a-zA-Z][^<>]*>")  # possessive: `<` + blanks was quadratic
XSS_SANITIZERS = re.compile(r"(escape|encode|sanitiz|bleach|purify|htmlspecialchars)", re.I)
UPPER_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")
# Values bandit takes for passwords because of the variable's name ('token_type = "bearer"').
NOT_SECRET_VALUES = re.compile(
    r"^(|bearer|basic|token|password|passwd|secret|none|null|true|false|utf-?8|"
    r"yes|no|on|off|enabled|disabled|required|optional|"
    r"access_token|refresh_token|id_token|api_key|apikey|client_secret|<[A-Z_]+>|\*+)$",
    re.I,
)
