"""CLI commands of the web stage (registered on depesche.cli's apps)."""
from __future__ import annotations

from ..cli import annotate_app, app, eval_app, train_app  # noqa: F401
