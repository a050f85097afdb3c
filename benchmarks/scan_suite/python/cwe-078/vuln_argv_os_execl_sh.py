# CWE-78 vuln: a setuid-style maintenance wrapper runs "/bin/sh -c" with a command line built from sys.argv
import os
import sys


def rotate(log_name):
    script = "gzip -9 /var/log/service/" + log_name + " && touch /var/log/service/" + log_name
    os.execl("/bin/sh", "sh", "-c", script)


if __name__ == "__main__":
    rotate(sys.argv[1])
