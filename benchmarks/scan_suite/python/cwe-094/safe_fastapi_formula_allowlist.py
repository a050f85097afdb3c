# CWE-94 safe: the formula name must be a key of a table of predefined lambdas; nothing the client sends is evaluated
from fastapi import FastAPI, HTTPException

api = FastAPI()
FORMULAS = {
    "linear": lambda x: 2 * x + 1,
    "square": lambda x: x * x,
    "half": lambda x: x / 2,
}


@api.get("/score")
def score(formula: str, value: float):
    fn = FORMULAS.get(formula)
    if fn is None:
        raise HTTPException(status_code=400, detail="unknown formula")
    return {"score": fn(value)}
