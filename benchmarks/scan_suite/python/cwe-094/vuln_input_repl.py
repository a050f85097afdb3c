# CWE-94 vuln: a shared kiosk calculator evaluates whatever is typed at input(), so any Python expression runs
def main():
    while True:
        line = input("calc> ").strip()
        if line in ("quit", "exit"):
            break
        try:
            print(eval(line))
        except Exception as exc:
            print("error:", exc)


if __name__ == "__main__":
    main()
