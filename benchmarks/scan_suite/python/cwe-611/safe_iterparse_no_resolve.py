# CWE-611 safe: the supplier-feed importer iterparses with resolve_entities=False, load_dtd=False and no_network=True
import sys

from lxml import etree


def count_products(path):
    count = 0
    for _event, elem in etree.iterparse(
        path, tag="product", load_dtd=False, resolve_entities=False, no_network=True
    ):
        count += 1
        elem.clear()
    return count


if __name__ == "__main__":
    print(count_products(sys.argv[1]))
