"""The package version (defined in the package's __init__, which imports nothing)."""

from . import __version__

__all__ = ["__version__"]
