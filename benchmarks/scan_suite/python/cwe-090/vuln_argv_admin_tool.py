# CWE-90 vuln: helpdesk CLI (run on behalf of callers) puts sys.argv into a filter for a privileged bind; "*" disables every account
import os
import sys

from ldap3 import MODIFY_REPLACE, Connection, Server


def disable_account(login):
    conn = Connection(
        Server("ldap://ldap.corp.local"),
        "cn=helpdesk,dc=corp,dc=local",
        os.environ["HELPDESK_BIND_PASSWORD"],
        auto_bind=True,
    )
    conn.search("dc=corp,dc=local", f"(sAMAccountName={login})", attributes=["distinguishedName"])
    for entry in conn.entries:
        conn.modify(entry.entry_dn, {"userAccountControl": [(MODIFY_REPLACE, [514])]})
    return len(conn.entries)


if __name__ == "__main__":
    print(disable_account(sys.argv[1]))
