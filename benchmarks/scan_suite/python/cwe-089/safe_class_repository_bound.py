# CWE-89 safe: the repository method binds its email parameter with a named :email placeholder
import sqlite3


class AccountRepository:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def find_by_email(self, email):
        query = "SELECT id, email, created_at FROM accounts WHERE email = :email"
        return self.conn.execute(query, {"email": email}).fetchone()

    def count(self):
        return self.conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
