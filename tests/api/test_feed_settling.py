"""The change feed on PostgreSQL serves settled entries only: a transaction still
writing holds entry ids below those others commit meanwhile, and a consumer must not
move past them (exchange.api.feed.settled_before). Skipped on SQLite, whose one
writer at a time commits entries in the order of their ids."""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from children.models import PlacementForm
from exchange.api.feed import settled_before
from registry.models import AuditEntry
from tests.api.test_records_endpoints import every_page, follow
from tests.children.factories import place, register_child

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_the_feed_does_not_pass_a_transaction_still_writing(
    api, district_token, officer_a, district_a, settings
):
    settings.API_FEED_SETTLE_SECONDS = 0
    first = register_child(officer_a, district_a)
    slow = register_child(officer_a, district_a)
    consumer, copy = api(district_token), {}
    cursor = follow(consumer, copy, 0)
    assert set(copy) == {first.pk, slow.pk}

    written, release, held = threading.Event(), threading.Event(), []

    def long_import():
        """Another connection: writes an entry, and commits only when released."""
        try:
            with transaction.atomic():
                place(officer_a, slow, PlacementForm.GUARDIANSHIP, datetime.date(2024, 2, 1))
                held.append(AuditEntry.objects.order_by("-pk").values_list("pk", flat=True)[0])
                written.set()
                assert release.wait(30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=long_import)
    thread.start()
    try:
        assert written.wait(30)
        # Meanwhile a change with higher entry ids commits.
        newer = register_child(officer_a, district_a)
        assert AuditEntry.objects.filter(child_id=newer.pk).earliest("pk").pk > held[0]
        assert settled_before() is not None

        waiting = follow(consumer, copy, cursor)
        assert waiting < held[0]  # not past the entry not committed yet
        assert newer.pk not in copy and copy[slow.pk]["Placements"] == []
    finally:
        release.set()
        thread.join(30)

    follow(consumer, copy, waiting)
    assert copy == {doc["id"]: doc for doc in every_page(consumer, "/api/v1/children")}
    assert set(copy) == {first.pk, slow.pk, newer.pk}
    assert copy[slow.pk]["Placements"][0]["start_date"] == "2024-02-01"


def test_the_feed_waits_the_settle_delay(api, district_token, officer_a, district_a, settings):
    child = register_child(officer_a, district_a)
    settings.API_FEED_SETTLE_SECONDS = 3600  # every entry is younger
    body = api(district_token).get("/api/v1/changes").json()
    assert body == {"results": [], "cursor": 0}
    settings.API_FEED_SETTLE_SECONDS = 0
    body = api(district_token).get("/api/v1/changes").json()
    assert [item["id"] for item in body["results"]] == [child.pk]
