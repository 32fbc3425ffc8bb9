"""Behind the reverse proxy of docs/production.md every request reaches gunicorn from nginx (a unix
socket: REMOTE_ADDR is empty; or loopback). The login lockout must count the client's address, which
nginx passes in X-Real-IP, or five typing mistakes anywhere would lock the whole province out."""

import pytest
from django.test import Client, RequestFactory

from tusoi.accounts.tests.helpers import login
from tusoi.core.proxy import client_ip

pytestmark = pytest.mark.django_db


def behind_proxy(address: str, socket_peer: str = "") -> Client:
    return Client(REMOTE_ADDR=socket_peer, HTTP_X_REAL_IP=address)


@pytest.mark.parametrize("socket_peer", ["", "127.0.0.1"])
def test_failures_of_one_client_behind_the_proxy_lock_that_client_only(org, socket_peer):
    attacker = behind_proxy("203.0.113.9", socket_peer)
    for username in ("nobody1", "nobody2", "nobody3", "nobody4", "nobody5"):
        login(username, password="wrong-password-123", client=attacker)
    _, locked = login("member_b", client=attacker)
    assert locked.status_code == 429  # the attacker's address is locked, whatever the username
    _, response = login("member_a", client=behind_proxy("198.51.100.20", socket_peer))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("peer", "header", "expected"),
    [
        ("", "203.0.113.9", "203.0.113.9"),  # unix socket from nginx
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # local proxy over TCP
        ("::1", " 2001:db8::5 ", "2001:db8::5"),
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # a client reaching gunicorn directly: not trusted
        ("127.0.0.1", None, "127.0.0.1"),
        ("", "not an address", ""),
    ],
)
def test_client_ip_trusts_the_header_only_from_the_proxy(peer, header, expected):
    extra = {"REMOTE_ADDR": peer}
    if header is not None:
        extra["HTTP_X_REAL_IP"] = header
    assert client_ip(RequestFactory().get("/", **extra)) == expected
