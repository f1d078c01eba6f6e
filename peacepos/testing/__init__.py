"""Tools for testing matching rules: strategies (needs hypothesis), laws and a brute-force
reference. ``import peacepos`` never imports this package."""
