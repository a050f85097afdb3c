# CWE-78 vuln: network admin helper reads a host with input(); inside try/except it goes into a shell command via %-format
import subprocess


def main():
    target = input("Host to trace: ").strip()
    try:
        report = subprocess.check_output("traceroute -m 10 %s" % target, shell=True, text=True)
    except subprocess.CalledProcessError as exc:
        report = exc.output or "traceroute failed"
    print(report)


if __name__ == "__main__":
    main()
