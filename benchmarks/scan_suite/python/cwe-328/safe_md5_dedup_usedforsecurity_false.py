# CWE-328 safe: MD5 (usedforsecurity=False) groups identical log lines for de-duplication in a report; not a security use
import hashlib
import sys
from collections import Counter


def summarize(lines):
    counts = Counter()
    samples = {}
    for line in lines:
        key = hashlib.md5(line.strip().encode(), usedforsecurity=False).hexdigest()
        counts[key] += 1
        samples.setdefault(key, line.strip())
    return [(samples[k], n) for k, n in counts.most_common(20)]


if __name__ == "__main__":
    for text, n in summarize(open(sys.argv[1], encoding="utf-8")):
        print(n, text)
