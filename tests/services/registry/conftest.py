"""The central backends the registry's service tests run on: the workspace's SQLCipher file,
and a scratch PostgreSQL database (skipped without a server, failed in CI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.central_db import scratch_database, skip_or_fail_without_server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for the registry workspace's own file; else the URL of a new PostgreSQL database."""
    if request.param == "sqlite":
        yield None
        return
    with scratch_database(skip_or_fail_without_server()) as url:
        yield url
