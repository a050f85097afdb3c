# CWE-78 safe: the hop count read with input() is converted with int(), so only a number can appear in the shell command
import subprocess


def main():
    try:
        hops = int(input("Max hops: ").strip())
    except ValueError:
        print("not a number")
        return
    report = subprocess.check_output("traceroute -m %d example.org" % hops, shell=True, text=True)
    print(report)


if __name__ == "__main__":
    main()
