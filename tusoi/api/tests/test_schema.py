"""The OpenAPI schema documents every answer an operation can give (401, 403, 404, 409, 422)."""

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from tusoi.api.api import api

pytestmark = pytest.mark.django_db


def openapi() -> dict:
    """The schema as served (JSON: status codes are strings)."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), cls=NinjaJSONEncoder))


def operations():
    schema = openapi()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_the_issue_paths_are_there():
    paths = {path for path, _m, _o in operations()}
    assert {
        "/api/v1/units/",
        "/api/v1/members/",
        "/api/v1/campaigns/",
        "/api/v1/campaigns/{id}/stats",
        "/api/v1/campaigns/{id}/sessions/",
        "/api/v1/self-reviews/",
        "/api/v1/self-reviews/{id}",
        "/api/v1/self-reviews/{id}/submit",
        "/api/v1/catalogs/{id}",
    } <= paths


def test_every_operation_documents_its_error_answers():
    for path, method, operation in operations():
        codes = set(operation["responses"])
        assert "401" in codes, (method, path)
        if operation.get("parameters") or "requestBody" in operation:
            assert "422" in codes, (method, path)
        if "{id}" in path or any(p["name"] in ("under", "branch", "unit") for p in operation.get("parameters", [])):
            assert "404" in codes, (method, path)
        if method in ("put", "post"):
            assert {"403", "404", "409", "422"} <= codes, (method, path)


def test_errors_have_their_schemas():
    schema = openapi()
    put = schema["paths"]["/api/v1/self-reviews/{id}"]["put"]["responses"]
    ref = put["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ValidationErrorOut")
    assert put["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/ConflictOut")
    security = {name for item in schema["paths"]["/api/v1/units/"]["get"]["security"] for name in item}
    assert security == {"TokenAuth", "SessionAuth"}


def test_the_served_schema_is_the_same(world):
    assert world.get("member_a", "/openapi.json").json() == openapi()
