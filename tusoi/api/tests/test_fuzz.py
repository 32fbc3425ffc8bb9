"""Schemathesis against the served OpenAPI schema, with a token for each role, on the small `org`
organisation: no 5xx, no status code or body the schema does not document, invalid input refused.

Bounded (`MAX_EXAMPLES` per operation, role and mode, derandomised) so it runs in well under a
minute; every request goes through the real WSGI application inside the test's transaction.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tusoi.wsgi import application

pytestmark = pytest.mark.django_db

ROLES = ["member_a", "secretary_a", "committee_office", "bloc_office", "admin"]
MAX_EXAMPLES = 6
CHECKS: dict[GenerationMode, list[Any]] = {
    GenerationMode.POSITIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ],
    GenerationMode.NEGATIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        negative_data_rejection,
    ],
}


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI application would close the database connection after each request (it is inside
    the test's transaction, so PostgreSQL's persistent connection looks unusable): as Django's test
    client does, keep it open while the test runs."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(operation: Any, mode: GenerationMode, headers: dict[str, str], **fixed: Any) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS[mode])

    check()


def _known_ids(world: Any) -> dict[str, int]:
    """An existing object per resource (the random ids of the schema rarely hit one)."""
    return {
        "units": world.org.branch_a.pk,
        "members": world.org.users["member_a"].member_id,
        "catalogs": world.catalog.pk,
        "campaigns": world.campaign.pk,
        "self-reviews": world.reviews["member_a"].pk,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("keep_the_test_connection")
def test_no_server_error_and_nothing_undocumented(world, role):
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, headers=headers)
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results) >= 15  # every operation of the schema loads
    known = _known_ids(world)
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, headers)
        resource = operation.path.removeprefix("/api/v1/").split("/")[0]
        if "{id}" in operation.path:  # and once more on an object that exists, to reach the deep paths
            _run(operation, GenerationMode.POSITIVE, headers, path_parameters={"id": known[resource]})
