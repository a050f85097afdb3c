# CWE-330 vuln: the account-unlock PIN e-mailed to users is random.randrange output, which an attacker can predict
import random

from starlette.responses import JSONResponse

UNLOCK_PINS = {}


async def request_unlock(request):
    form = await request.form()
    pin = random.randrange(100000, 1000000)
    UNLOCK_PINS[form["username"]] = pin
    return JSONResponse({"sent": True})
