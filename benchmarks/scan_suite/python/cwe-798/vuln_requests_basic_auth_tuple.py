# CWE-798 vuln: a billing client sends a hard-coded username/password pair with requests' basic auth
import requests

BILLING_URL = "https://billing.internal/api/v2/invoices"


def fetch_invoices(customer_id):
    resp = requests.get(
        BILLING_URL,
        params={"customer": customer_id},
        auth=("billing-sync", "Spr1ngT1de!2024"),
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()
