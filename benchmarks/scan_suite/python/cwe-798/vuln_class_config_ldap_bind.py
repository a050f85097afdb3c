# CWE-798 vuln: a config class carries the LDAP bind password as a class attribute used for the service bind
from ldap3 import Connection, Server


class DirectoryConfig:
    URI = "ldaps://ldap.example.com"
    BIND_DN = "cn=svc-portal,ou=services,dc=example,dc=com"
    BIND_PASSWORD = "P0rtal-Bind-2023"


def service_connection():
    cfg = DirectoryConfig()
    return Connection(Server(cfg.URI), cfg.BIND_DN, cfg.BIND_PASSWORD, auto_bind=True)
