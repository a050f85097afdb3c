# CWE-611 vuln: a supplier-feed importer iterparses the file given on the command line with load_dtd and resolve_entities on
import sys

from lxml import etree


def count_products(path):
    count = 0
    for _event, elem in etree.iterparse(path, tag="product", load_dtd=True, resolve_entities=True):
        count += 1
        elem.clear()
    return count


if __name__ == "__main__":
    print(count_products(sys.argv[1]))
