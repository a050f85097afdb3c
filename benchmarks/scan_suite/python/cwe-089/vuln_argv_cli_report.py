# CWE-89 vuln: a reporting CLI run by operators interpolates sys.argv into SQL with an f-string; quotes in the argument break out
import sqlite3
import sys


def main(argv):
    region = argv[1]
    db = sqlite3.connect("/srv/reports/sales.db")
    for row in db.execute(f"SELECT month, SUM(amount) FROM sales WHERE region = '{region}' GROUP BY month"):
        print(*row)


if __name__ == "__main__":
    main(sys.argv)
