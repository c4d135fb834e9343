"""Size limits: one oversized item is an error, not an out-of-memory crash."""
from __future__ import annotations

# a news page, feed entry or JSONL record is far below this; 20 MB "pages" are junk
MAX_ITEM_BYTES = 10 * 1024 * 1024
# feeds and page dumps are read whole; WARC and JSONL files are streamed per item
MAX_FILE_BYTES = MAX_ITEM_BYTES


def too_large(size: int, limit: int = MAX_ITEM_BYTES) -> str:
    return f"too large: {size / 1_048_576:.1f} MB (limit {limit / 1_048_576:.0f} MB per item)"
