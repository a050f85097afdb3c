# CWE-798 safe: the billing client fetches its password from the OS keyring at call time
import keyring
import requests

BILLING_URL = "https://billing.internal/api/v2/invoices"
SERVICE = "billing-api"
USERNAME = "billing-sync"


def fetch_invoices(customer_id):
    resp = requests.get(
        BILLING_URL,
        params={"customer": customer_id},
        auth=(USERNAME, keyring.get_password(SERVICE, USERNAME)),
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()
