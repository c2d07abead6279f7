import io

from django.core.management import call_command

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
from registry.models import User
from tests.conftest import login


def test_demo_children_get_allowances_and_alimony(db, monkeypatch):
    monkeypatch.setattr(
        "devdata.demo.children.CHILDREN_PER_DISTRICT", 12
    )  # a smaller region, faster
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "Demo benefits:" in output.getvalue()
    kinds = set(Allowance.objects.values_list("kind", flat=True))
    assert {"survivor", "guardian_allowance"} <= kinds
    assert AlimonyPayment.objects.exists()
    assert AlimonyOrder.objects.filter(payments__isnull=True).exists()  # never paid
    client = login(User.objects.get(username="regional"))
    for url in ("/benefits/", "/benefits/alimony/", "/benefits/alimony/unpaid/"):
        assert client.get(url).status_code == 200
