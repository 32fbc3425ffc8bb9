"""Every URL name and every API operation is declared, and no declaration names a way out that is gone."""

from django.contrib import admin
from django.urls import get_resolver

from tests.security.test_every_url_needs_login import _walk

from .admin_api import ADMIN_DECLARED, API_DECLARED, admin_names, api_operations
from .declarations import DECLARED

URL_NAMES = {name for name, _route in _walk(get_resolver().url_patterns)}
API_NAMES = {name for name in URL_NAMES if name.startswith("api-v1:")} - set(DECLARED)


def test_every_url_name_is_declared() -> None:
    covered = set(DECLARED) | set(ADMIN_DECLARED) | admin_names() | API_NAMES
    missing = sorted(URL_NAMES - covered)
    assert not missing, f"URL names with no declaration in tests/security/matrix/declarations.py: {missing}"


def test_no_declaration_names_a_url_that_is_gone() -> None:
    gone = sorted((set(DECLARED) | set(ADMIN_DECLARED)) - URL_NAMES)
    assert not gone, f"declared but no longer in the URLconf: {gone}"
    assert admin_names() <= URL_NAMES, "the admin walk names pages the admin site no longer has"


def test_every_api_operation_is_declared() -> None:
    operations = api_operations()
    assert len(operations) >= 10
    missing = sorted(operations - set(API_DECLARED))
    assert not missing, f"API operations with no declaration in tests/security/matrix/admin_api.py: {missing}"
    gone = sorted(set(API_DECLARED) - operations)
    assert not gone, f"declared API operations that no longer exist: {gone}"


def test_every_api_url_name_is_an_operation() -> None:
    """The API's URL names are covered by the operation declarations: one name per operation, plus the
    root and the schema pages declared in declarations.py."""
    assert len(API_NAMES) == len(api_operations())


def test_the_admin_walk_covers_every_registered_model() -> None:
    assert admin.site._registry, "nothing registered: the admin walk would check nothing"
