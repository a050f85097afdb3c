# CWE-643 vuln: a shared lookup CLI (run via sudo for helpdesk staff) concatenates sys.argv into an XPath over the staff directory
import sys

from lxml import etree


def main():
    surname = sys.argv[1]
    doc = etree.parse("/etc/company/staff.xml")
    for person in doc.xpath("//person[surname='" + surname + "']"):
        print(person.findtext("name"), person.findtext("phone"))


if __name__ == "__main__":
    main()
