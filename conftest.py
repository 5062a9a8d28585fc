"""Test-wide fixtures: reference data loaded once per test database, a change context, a two-city world."""

import pytest

# Imported before the test database is created: it remembers the configured database name, to tell whether the test
# database has been set up (`test_database_is_set_up`).
from clusterdesk.testing.databases import test_database_is_set_up


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference tables once into the test database; each test's transaction rolls back over them.

    pytest-django sets the test database up only when a collected test is marked for the database; when none is
    (only the browser tests run, say), there is nothing to load into."""
    from clusterdesk.changelog.context import change_context
    from clusterdesk.regions.services import refdata_load

    if test_database_is_set_up():
        with django_db_blocker.unblock(), change_context(actor=None, source="cli", message="test setup"):
            refdata_load()


@pytest.fixture
def cli_context():
    from clusterdesk.changelog.context import change_context

    with change_context(actor=None, source="cli", message="test") as ctx:
        yield ctx


@pytest.fixture
def world(db, cli_context):
    """Two cities (长沙 A, 株洲 B) with parks, enterprises, projects and one user per role scoped to A."""
    from clusterdesk.testing import build_world

    return build_world()


@pytest.fixture
def review_required(settings):
    """Filings are reviewed before they count (the production default; the test settings switch it off)."""
    settings.CLUSTERDESK = {**settings.CLUSTERDESK, "REVIEW": {"REQUIRED": True}}
