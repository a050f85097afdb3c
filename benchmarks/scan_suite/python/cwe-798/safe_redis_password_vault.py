# CWE-798 safe: the Redis password is read from HashiCorp Vault (hvac) with a token taken from the environment
import os

import hvac
import redis


def cache_client():
    vault = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
    secret = vault.secrets.kv.v2.read_secret_version(path="cache/redis")
    password = secret["data"]["data"]["password"]
    return redis.Redis(host="cache.internal", port=6379, password=password)
