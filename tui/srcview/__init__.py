"""srcview: how a news article is sourced, claim by claim."""

__version__ = "0.1.0"
