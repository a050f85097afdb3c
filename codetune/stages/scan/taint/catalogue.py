"""The taint rules' catalogue: the CWE, severity and message of every rule id, per language,
and `finding`, the one constructor the rules of python_rules.py, python_misuse.py,
java_rules.py and java_misuse.py build their findings with.

A message may hold format fields (`{method}`, `{algorithm}`) that the rule fills at the call
site. A rule whose message differs with where it fires (a response built by a call or
returned by a handler) passes that text as `message=`; the id, CWE and severity stay the
catalogue's.
"""

from __future__ import annotations

from codetune.stages.scan.findings import Finding, Severity
from codetune.stages.scan.taint.events import Call, Return, Store

# rule id -> (CWE, severity, message)
Rule = tuple[str, Severity, str]

PYTHON_RULES: dict[str, Rule] = {
    "py-command-injection": (
        "CWE-78",
        "high",
        "user data chooses the program or reaches a shell; pass a fixed program "
        "and an argument list without shell=True",
    ),
    "py-sql-injection": (
        "CWE-89",
        "high",
        "user data is part of the SQL text run by {method}(); pass it as a query parameter",
    ),
    "py-path-traversal": (
        "CWE-22",
        "medium",
        "file path built from user data without realpath + startswith(base) "
        "('../' escapes the base folder)",
    ),
    "py-tar-extract": (
        "CWE-22",
        "medium",
        "tarfile extraction without filter='data': members named '../x' or "
        "absolute paths are written outside the folder",
    ),
    "py-xss": (
        "CWE-79",
        "medium",
        "user data goes into an HTML response through {method}() unescaped",
    ),
    "py-code-injection": (
        "CWE-94",
        "high",
        "user data is run as code (or a template) by {method}()",
    ),
    "py-unsafe-deserialization": (
        "CWE-502",
        "high",
        "{name}() on data the user controls can run code",
    ),
    "py-open-redirect": (
        "CWE-601",
        "medium",
        "redirect to a URL taken from the request; allow-list the target",
    ),
    "py-ldap-injection": (
        "CWE-90",
        "high",
        "user data in an LDAP filter or DN; escape it with escape_filter_chars",
    ),
    "py-xpath-injection": (
        "CWE-643",
        "high",
        "user data in an XPath expression; pass it as an XPath variable",
    ),
    "py-trust-boundary": (
        "CWE-501",
        "medium",
        "request data stored in the session, where code trusts it",
    ),
    "py-cookie-not-secure": (
        "CWE-614",
        "low",
        "cookie set without secure=True is sent over plain HTTP",
    ),
    "py-hardcoded-credential": (
        "CWE-798",
        "high",
        "password or key written in the code; read it from the environment or a secret store",
    ),
    "py-weak-random": (
        "CWE-330",
        "medium",
        "a random-module number (predictable) used for a secret; use secrets or "
        "random.SystemRandom",
    ),
    "py-weak-cipher": (
        "CWE-327",
        "medium",
        "broken cipher {name}; use AES-GCM or ChaCha20-Poly1305",
    ),
    "py-ecb-mode": ("CWE-327", "medium", "ECB mode leaks the plaintext's structure; use GCM"),
    "py-weak-hash": (
        "CWE-328",
        "medium",
        "weak hash {algorithm}; use SHA-256 (or a KDF for passwords)",
    ),
    "py-xxe": (
        "CWE-611",
        "medium",
        "{name}() parses XML with entity expansion on; use defusedxml",
    ),
}

JAVA_RULES: dict[str, Rule] = {
    "java-sql-injection": (
        "CWE-89",
        "high",
        "request data is part of the SQL text run by {method}(); use a "
        "PreparedStatement with ? placeholders",
    ),
    "java-command-injection": (
        "CWE-78",
        "high",
        "request data chooses the program or reaches a shell; run a fixed program "
        "with separate arguments",
    ),
    "java-path-traversal": (
        "CWE-22",
        "medium",
        "file path built from request data without getCanonicalPath() + startsWith(base)",
    ),
    "java-xss": (
        "CWE-79",
        "medium",
        "request data written into the HTML response without encoding",
    ),
    # `{{0}}` is the text `{0}`: the directory client's placeholder for a filter argument.
    "java-ldap-injection": (
        "CWE-90",
        "high",
        "request data in an LDAP filter; encode it (encodeForLDAP) or bind it "
        "as a filter argument {{0}}",
    ),
    "java-xpath-injection": (
        "CWE-643",
        "high",
        "request data in an XPath expression; use an XPathVariableResolver",
    ),
    "java-code-injection": (
        "CWE-94",
        "high",
        "request data is evaluated as code, an expression or a class name by {method}()",
    ),
    "java-trust-boundary": (
        "CWE-501",
        "medium",
        "request data stored in the HTTP session, where code trusts it",
    ),
    "java-unsafe-deserialization": (
        "CWE-502",
        "high",
        "{what} on data the user controls instantiates arbitrary classes",
    ),
    "java-open-redirect": (
        "CWE-601",
        "medium",
        "redirect to a URL taken from the request; allow-list the target",
    ),
    "java-cookie-not-secure": (
        "CWE-614",
        "low",
        "cookie sent without the Secure flag (over plain HTTP too)",
    ),
    "java-weak-hash": (
        "CWE-328",
        "medium",
        "weak hash {algorithm}; use SHA-256 or, for passwords, a KDF",
    ),
    "java-weak-cipher": (
        "CWE-327",
        "medium",
        "broken cipher or ECB mode '{algorithm}'; use AES/GCM/NoPadding",
    ),
    "java-weak-random": (
        "CWE-330",
        "medium",
        "java.util.Random / Math.random (predictable) used for a secret; use SecureRandom",
    ),
    "java-xxe": (
        "CWE-611",
        "medium",
        "XML parser resolves external entities (XXE); set disallow-doctype-decl",
    ),
    "java-hardcoded-secret": ("CWE-798", "high", "'{name}' holds a secret written in the code"),
    "java-hardcoded-credential": (
        "CWE-798",
        "high",
        "password or key written in the code; read it from the environment or a secret store",
    ),
}

# Ids start with the language (py-, java-), so one table serves `finding` for both.
RULES: dict[str, Rule] = {**PYTHON_RULES, **JAVA_RULES}


def finding(
    event: Call | Store | Return,
    origin: str,
    rule_id: str,
    message: str | None = None,
    **fields: object,
) -> Finding:
    """The finding of rule `rule_id` at `event`: its message is the catalogue's (or
    `message`), with `fields` filled in."""
    cwe, severity, text = RULES[rule_id]
    return Finding(origin, event.line, cwe, rule_id, severity, (message or text).format(**fields))
