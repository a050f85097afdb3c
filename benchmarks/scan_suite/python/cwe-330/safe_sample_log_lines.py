# CWE-330 safe: random.sample picks log lines for a human spot-check report; sampling, not a security token
import random
import sys


def spot_check(path, k=25):
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    return random.sample(lines, min(k, len(lines)))


if __name__ == "__main__":
    for line in spot_check(sys.argv[1]):
        print(line, end="")
