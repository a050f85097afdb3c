# CWE-94 vuln: a deploy tool exec()s the "settings override" string given on the command line of a CI job anyone can trigger
import sys

DEFAULTS = {"replicas": 2, "region": "eu-west-1"}


def apply_overrides(text):
    settings = dict(DEFAULTS)
    exec(text, {}, settings)
    return settings


if __name__ == "__main__":
    print(apply_overrides(sys.argv[1] if len(sys.argv) > 1 else ""))
