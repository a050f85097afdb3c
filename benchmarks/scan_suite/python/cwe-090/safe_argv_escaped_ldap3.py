# CWE-90 safe: the helpdesk CLI escapes the argv login with ldap3's escape_filter_chars and refuses wildcards outright
import os
import sys

from ldap3 import MODIFY_REPLACE, Connection, Server
from ldap3.utils.conv import escape_filter_chars


def disable_account(login):
    if "*" in login:
        raise SystemExit("wildcards are not allowed")
    conn = Connection(
        Server("ldap://ldap.corp.local"),
        "cn=helpdesk,dc=corp,dc=local",
        os.environ["HELPDESK_BIND_PASSWORD"],
        auto_bind=True,
    )
    conn.search("dc=corp,dc=local", f"(sAMAccountName={escape_filter_chars(login)})", attributes=["distinguishedName"])
    for entry in conn.entries:
        conn.modify(entry.entry_dn, {"userAccountControl": [(MODIFY_REPLACE, [514])]})
    return len(conn.entries)


if __name__ == "__main__":
    print(disable_account(sys.argv[1]))
