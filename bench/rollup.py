"""Measurement 3: the roll-up read by the Bloc office: its statistics dashboard and the statistics
API for the whole province, timed in the measuring process through Django's full request handling
(middleware, policy, queries, rendering), with the number of queries of each."""

import time
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from .figures import median, percentile

SAMPLES = 15


def office_client(user: Any) -> Client:
    """The Bloc office user, signed in with the second factor verified."""
    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _time(client: Client, url: str, samples: int) -> dict[str, Any]:
    for _ in range(min(3, samples)):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
    return {
        "ms": round(median(times), 1),
        "p10": round(percentile(times, 10), 1),
        "p90": round(percentile(times, 90), 1),
        "queries": len(queries),
        "query_ms": round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
        "slowest": [f"{float(q['time']) * 1000:.1f} ms: {q['sql'][:300]}" for q in slowest],
    }


def measure(bloc: Any, campaign: Any, office: Any, samples: int = SAMPLES) -> dict[str, dict[str, Any]]:
    client = office_client(office)
    return {
        "dashboard": _time(client, f"/stats/units/{bloc.pk}/?campaign={campaign.pk}", samples),
        "api": _time(client, f"/api/v1/campaigns/{campaign.pk}/stats", samples),
    }
