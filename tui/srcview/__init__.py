"""srcview: how a news article is sourced, claim by claim."""

from . import spacy_import

__version__ = "0.1.0"

spacy_import.install()  # spaCy, once something imports it, comes without its unused CLI package
