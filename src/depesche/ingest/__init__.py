"""Readers for every input format; ``read`` turns one item into an Article."""
from .common import IngestError, ItemError, article_from_text

__all__ = ["IngestError", "ItemError", "article_from_text"]
