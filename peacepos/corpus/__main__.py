"""``python -m peacepos.corpus``: regenerate the shipped JSON Schemas (a maintainer's command)."""

from peacepos.corpus import write_schemas

for path in write_schemas():
    print(path)
