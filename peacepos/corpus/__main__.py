"""``python -m peacepos.corpus``: regenerate the shipped JSON Schemas and write the cache of
the built-in data beside it (maintainers' commands; a wheel build writes the cache itself)."""

from peacepos.corpus import write_cache, write_schemas

for path in write_schemas():
    print(path)
print(write_cache())
