# CWE-330 vuln: the admin "generate password" tool draws characters with random.sample
import random
import string
import sys

POOL = string.ascii_letters + string.digits + "!@#$%^&*"


def generate_password(length):
    return "".join(random.sample(POOL, length))


if __name__ == "__main__":
    print(generate_password(int(sys.argv[1]) if len(sys.argv) > 1 else 16))
