# CWE-643 vuln: FastAPI query parameter goes through a same-file helper that builds an XPath f-string
from fastapi import FastAPI
from lxml import etree

api = FastAPI()
TREE = etree.parse("/srv/data/employees.xml")


def dept_query(dept):
    return f"//employee[department=\"{dept}\"]/name/text()"


@api.get("/employees")
def employees(dept: str):
    return {"names": [str(n) for n in TREE.xpath(dept_query(dept))]}
