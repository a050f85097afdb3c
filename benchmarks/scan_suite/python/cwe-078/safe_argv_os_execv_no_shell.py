# CWE-78 safe: the maintenance wrapper execs gzip directly (os.execv, no shell) with the basename of the argv log name
import os
import sys


def rotate(log_name):
    path = "/var/log/service/" + os.path.basename(log_name)
    os.execv("/usr/bin/gzip", ["gzip", "-9", "--", path])


if __name__ == "__main__":
    rotate(sys.argv[1])
