"""The view count under concurrent readers: one `UPDATE … SET views = views + 1` per reading."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tusoi.bulletin.models import Post

from .conftest import make_post

READERS = 20


def read(url: str, statuses: list[int], barrier: threading.Barrier | None) -> None:
    try:
        client = Client()
        if barrier is not None:
            barrier.wait(timeout=30)
        statuses.append(client.get(url).status_code)
    finally:
        connections.close_all()  # this thread's own connection


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_readings_add_exactly_twenty():
    post = make_post(views=100)
    url = post.get_absolute_url()
    statuses: list[int] = []
    if connection.vendor == "postgresql":
        # Each thread has its own database connection: the increments really run side by side.
        barrier = threading.Barrier(READERS)
        threads = [threading.Thread(target=read, args=(url, statuses, barrier)) for _ in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:
        # SQLite's in-memory test database cannot be shared by threads: the readings run in turn.
        for _ in range(READERS):
            statuses.append(Client().get(url).status_code)
    assert statuses == [200] * READERS
    assert Post.objects.get(pk=post.pk).views == 100 + READERS


@pytest.mark.django_db
def test_a_reading_is_one_atomic_update_not_a_read_modify_write():
    post = make_post()
    with CaptureQueriesContext(connection) as queries:
        Client().get(post.get_absolute_url())
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 1
    assert '"views" = ("bulletin_post"."views" + ' in updates[0]


@pytest.mark.django_db
def test_head_requests_and_redirects_do_not_count():
    post = make_post()
    Client().head(post.get_absolute_url())
    Client().get(post.get_absolute_url().replace(post.slug, "khac"))
    post.refresh_from_db()
    assert post.views == 0
