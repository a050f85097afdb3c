# CWE-94 vuln: FastAPI query formula concatenated into "lambda x: ..." and eval-ed to build a scoring function
from fastapi import FastAPI

api = FastAPI()


@api.get("/score")
def score(formula: str, value: float):
    fn = eval("lambda x: " + formula)
    return {"score": fn(value)}
