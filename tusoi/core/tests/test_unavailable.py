"""A request that fails because the database cannot be reached (restart, failover) is answered 503
with Retry-After and a Vietnamese "send it again" page; any other failure stays the generic 500."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

URLS = "tusoi.core.tests.database_down_urls"


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@override_settings(ROOT_URLCONF=URLS)
def test_database_unreachable_is_503_with_retry_after(client: Client) -> None:
    response = client.get("/unreachable/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in page
    assert "gửi lại" in page
    assert "5432" not in page and "connection" not in page  # no detail of the failure
    assert response["X-Request-ID"] in page


@override_settings(ROOT_URLCONF=URLS)
def test_error_caused_by_a_closed_connection_is_503(client: Client) -> None:
    response = client.get("/closed/")
    assert response.status_code == 503
    assert "Retry-After" in response


@override_settings(ROOT_URLCONF=URLS)
def test_other_errors_stay_500_without_retry_after(client: Client) -> None:
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Hệ thống tạm thời gián đoạn" not in response.content.decode()
