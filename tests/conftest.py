"""Shared fixtures.  ``shared`` is the read-only data folder beside the checkout
(CI lays it there too); the shipped package never needs it."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: tests and CI read the shared data beside the checkout")
    return SHARED


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"
