# CWE-90 safe: the directory class escapes the username for the filter and checks a non-empty password by binding, not by a filter
import ldap
from ldap.filter import escape_filter_chars


class Directory:
    def __init__(self, uri, base_dn):
        self.uri = uri
        self.conn = ldap.initialize(uri)
        self.base_dn = base_dn

    def check_login(self, username, password):
        flt = "(uid=" + escape_filter_chars(username) + ")"
        hits = self.conn.search_s(self.base_dn, ldap.SCOPE_SUBTREE, flt, ["uid"])
        if not password or len(hits) != 1:
            return False
        user_conn = ldap.initialize(self.uri)
        try:
            user_conn.simple_bind_s(hits[0][0], password)
        except ldap.INVALID_CREDENTIALS:
            return False
        return True
