# CWE-611 safe: the stdlib parser only reads an XML literal written in this file (trusted, no DOCTYPE), never request data
import xml.etree.ElementTree as ET

DEFAULT_LAYOUT = """
<layout>
  <column name="id" width="60"/>
  <column name="title" width="240"/>
  <column name="status" width="90"/>
</layout>
"""


def default_columns():
    root = ET.fromstring(DEFAULT_LAYOUT)
    return [(c.get("name"), int(c.get("width"))) for c in root.iter("column")]
