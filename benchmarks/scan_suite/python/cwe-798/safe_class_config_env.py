# CWE-798 safe: the config class reads the LDAP bind password from the environment when instantiated
import os

from ldap3 import Connection, Server


class DirectoryConfig:
    URI = "ldaps://ldap.example.com"
    BIND_DN = "cn=svc-portal,ou=services,dc=example,dc=com"

    def __init__(self):
        self.bind_password = os.environ["LDAP_BIND_PASSWORD"]


def service_connection():
    cfg = DirectoryConfig()
    return Connection(Server(cfg.URI), cfg.BIND_DN, cfg.bind_password, auto_bind=True)
