# CWE-643 safe: 7 * 18 + 86 = 212 > 200 so the helper always receives the literal "sales"; the query parameter is unused
from fastapi import FastAPI
from lxml import etree

api = FastAPI()
TREE = etree.parse("/srv/data/employees.xml")


def dept_query(dept):
    return f"//employee[department=\"{dept}\"]/name/text()"


@api.get("/employees")
def employees(dept: str):
    num = 86
    chosen = "sales" if 7 * 18 + num > 200 else dept
    return {"names": [str(n) for n in TREE.xpath(dept_query(chosen))]}
