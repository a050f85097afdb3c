# CWE-94 safe: the command-line overrides are parsed as JSON (data) and restricted to known keys; nothing is executed
import json
import sys

DEFAULTS = {"replicas": 2, "region": "eu-west-1"}


def apply_overrides(text):
    settings = dict(DEFAULTS)
    overrides = json.loads(text) if text else {}
    for key, value in overrides.items():
        if key in DEFAULTS:
            settings[key] = value
    return settings


if __name__ == "__main__":
    print(apply_overrides(sys.argv[1] if len(sys.argv) > 1 else ""))
