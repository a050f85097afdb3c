# CWE-643 safe: the CLI selects all <person> nodes with a constant XPath and compares the argv surname in Python
import sys

from lxml import etree


def main():
    surname = sys.argv[1]
    doc = etree.parse("/etc/company/staff.xml")
    for person in doc.xpath("//person"):
        if person.findtext("surname") == surname:
            print(person.findtext("name"), person.findtext("phone"))


if __name__ == "__main__":
    main()
