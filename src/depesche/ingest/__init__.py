"""Readers for every input format; ``read`` turns one item into an Article,
``iter_items`` walks files and folders."""
from .common import IngestError, ItemError, article_from_text
from .dates import parse_date
from .reader import FORMATS, iter_items, iter_source, read

__all__ = ["IngestError", "ItemError", "article_from_text", "read", "iter_items", "iter_source", "parse_date",
           "FORMATS"]
