"""Imports every stage module so that its analysis stage and its database
migrations are registered.  Add a stage here when you add one."""
from .entities import stage as _entities  # noqa: F401
from .quotes import stage as _quotes  # noqa: F401
from .events import stage as _events  # noqa: F401
from .stories import schema as _stories_schema  # noqa: F401
