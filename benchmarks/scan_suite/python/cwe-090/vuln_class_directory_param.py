# CWE-90 vuln: directory class builds an authentication filter from its username/password parameters (uid=*)(|(uid=* style bypass)
import ldap


class Directory:
    def __init__(self, uri, base_dn):
        self.conn = ldap.initialize(uri)
        self.base_dn = base_dn

    def check_login(self, username, password):
        flt = "(&(uid=" + username + ")(userPassword=" + password + "))"
        hits = self.conn.search_s(self.base_dn, ldap.SCOPE_SUBTREE, flt, ["uid"])
        return len(hits) == 1
