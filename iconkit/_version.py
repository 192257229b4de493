"""The version of iconkit."""

__version__ = "0.1.0"
