# CWE-89 vuln: repository class method concatenates its email parameter into a query; callers pass request data to it
import sqlite3


class AccountRepository:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def find_by_email(self, email):
        query = "SELECT id, email, created_at FROM accounts WHERE email = '" + email + "'"
        return self.conn.execute(query).fetchone()

    def count(self):
        return self.conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
