"""The embedded default: SQLite in the data directory, served on 127.0.0.1 (what `clusterdesk demo` uses)."""

from .base import *  # noqa: F403
