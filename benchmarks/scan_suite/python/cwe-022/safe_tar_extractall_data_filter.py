# CWE-22 safe: extractall uses the "data" extraction filter (Python 3.11.4+), which refuses absolute and "../" members and links leaving the target
import sys
import tarfile


def unpack(archive_path, destination):
    with tarfile.open(archive_path) as tar:
        tar.extractall(destination, filter="data")


if __name__ == "__main__":
    unpack(sys.argv[1], "/var/lib/plugins")
