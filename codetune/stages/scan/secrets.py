"""Hard-coded secrets in any language, found by the data stage's detector (CWE-798).

The detector is `codetune.lib.secrets` (our key formats + detect-secrets plugins), the same one
that redacts training data, so what the scan calls a secret is what the data stage removes.
"""

from __future__ import annotations

import re

from codetune.lib.secrets import PASSWORD, find_secrets
from codetune.stages.scan.findings import Finding, Severity
from codetune.stages.scan.patterns import NOT_SECRET_VALUES


def secret_findings(code: str, language: str, origin: str) -> list[Finding]:
    """Hard-coded secrets, found by the same detector that redacts training data.

    Entropy detectors stay off: generated code is full of hashes, test vectors and base64 data.
    """
    findings = []
    for secret in find_secrets(code, "typescript" if language == "tsx" else language, emails=False):
        line = code.count("\n", 0, secret.start) + 1
        value = code[secret.start : secret.end]
        if NOT_SECRET_VALUES.match(value):
            continue
        # a password-like name with a literal may be a default; a recognised key format is not
        severity: Severity = "medium" if secret.placeholder == PASSWORD else "high"
        kind = secret.kind.removeprefix("detect_secrets:")
        findings.append(
            Finding(
                origin,
                line,
                "CWE-798",
                "secret-" + re.sub(r"\W+", "-", kind.lower()).strip("-"),
                severity,
                f"hard-coded secret ({kind}); read it from the environment or a secret store",
            )
        )
    return findings
