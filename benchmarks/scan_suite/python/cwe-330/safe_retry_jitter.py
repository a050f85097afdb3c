# CWE-330 safe: random.uniform adds jitter to retry back-off delays of an HTTP client; not security relevant
import random
import time

import requests


def get_with_retries(url, attempts=5):
    delay = 0.5
    for attempt in range(attempts):
        try:
            return requests.get(url, timeout=10)
        except requests.ConnectionError:
            if attempt == attempts - 1:
                raise
            time.sleep(delay + random.uniform(0, delay))
            delay *= 2
