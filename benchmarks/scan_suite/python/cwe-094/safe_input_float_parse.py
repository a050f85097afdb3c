# CWE-94 safe: the kiosk tool parses two numbers and an operator from input() and applies them itself; nothing is evaluated
import operator

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def main():
    while True:
        line = input("calc (a op b)> ").strip()
        if line in ("quit", "exit"):
            break
        try:
            left, op, right = line.split()
            print(OPS[op](float(left), float(right)))
        except (ValueError, KeyError, ZeroDivisionError) as exc:
            print("error:", exc)


if __name__ == "__main__":
    main()
