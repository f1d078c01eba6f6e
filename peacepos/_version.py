"""The version of peacepos (one place: the package and its build read it here)."""

__version__ = "0.2.0"
