import io

from django.core.management import call_command
from django.db.models import Count

from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from registry.models import User
from tests.conftest import login


def test_demo_children_get_housing_histories(db, monkeypatch):
    monkeypatch.setattr(
        "devdata.demo.children.CHILDREN_PER_DISTRICT", 12
    )  # a smaller region, faster
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "Demo housing:" in output.getvalue()
    kinds = set(HousingRight.objects.values_list("kind", flat=True))
    assert kinds == {"full", "share"}
    assert HousingQueueEntry.objects.filter(end_date__isnull=True, position__isnull=False).exists()
    removed = HousingQueueEntry.objects.filter(end_reason="removed")
    assert removed.exists() and not removed.filter(end_explanation="").exists()
    from_queue = HousingProvision.objects.filter(queue_entry__isnull=False)
    assert from_queue.exists()
    assert set(from_queue.values_list("queue_entry__end_reason", flat=True)) == {"provided"}
    assert HousingProvision.objects.filter(queue_entry__isnull=True).exclude(exception_reason="")
    # Positions in each akimat's queue are distinct.
    duplicates = (
        HousingQueueEntry.objects.filter(end_date__isnull=True, position__isnull=False)
        .values("district", "position")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()

    client = login(User.objects.get(username="officer"))
    for url in ("/housing/", "/housing/without-housing/", "/housing/graduates/"):
        assert client.get(url).status_code == 200
    assert client.get("/housing/").content.decode().count('href="/children/') > 3
