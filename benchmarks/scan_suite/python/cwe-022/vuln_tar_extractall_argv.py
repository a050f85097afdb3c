# CWE-22 vuln: archive named on the command line is unpacked with tarfile.extractall and no member filter, so "../" members ("tar slip") land outside the target
import sys
import tarfile


def unpack(archive_path, destination):
    with tarfile.open(archive_path) as tar:
        tar.extractall(destination)


if __name__ == "__main__":
    unpack(sys.argv[1], "/var/lib/plugins")
