"""The client's address behind the reverse proxy (docs/production.md), for the login lockout and the log.

nginx talks to gunicorn over a unix socket (REMOTE_ADDR is then empty) or from a trusted address
(TUSOI_TRUSTED_PROXIES, loopback by default), and sets X-Real-IP to the address it saw, replacing any
the client sent. Only then is the header believed: a client that reaches gunicorn directly cannot
choose its address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    peer = str(request.META.get("REMOTE_ADDR") or "")
    if peer == "" or peer in settings.TUSOI_TRUSTED_PROXIES:
        try:
            return str(ipaddress.ip_address(str(request.META.get("HTTP_X_REAL_IP", "")).strip()))
        except ValueError:
            pass
    return peer
