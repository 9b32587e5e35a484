"""The package version, importable at no cost."""

__version__ = "0.1.0"
