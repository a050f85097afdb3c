# CWE-330 safe: random.choices with a fixed seed generates synthetic customer rows for a load-test fixture
import csv
import random
import sys

FIRST = ["Ana", "Bo", "Chen", "Dara", "Eli"]
CITIES = ["Lyon", "Oslo", "Quito", "Pune"]


def write_fixture(path, rows=1000):
    rng = random.Random(42)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "city", "age"])
        for _ in range(rows):
            out.writerow([rng.choice(FIRST), rng.choices(CITIES, weights=[4, 1, 1, 2])[0], rng.randint(18, 90)])


if __name__ == "__main__":
    write_fixture(sys.argv[1])
