"""Every add, end and correct form of every kind of a child's records, on the demo
region: none shows the lost-update panel unless a lost update happened."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from benefits.views import records as benefits_records
from care.views import records as care_records
from children.views import records as children_records
from housing.views import records as housing_records
from registry.models import User
from registry.records.views import RecordViews
from tests.conftest import login

KINDS = [
    kind
    for module in (children_records, benefits_records, housing_records, care_records)
    for kind in vars(module).values()
    if isinstance(kind, RecordViews)
]


def form_urls(officer):
    """(name, url) of each form of each kind, for a record of the officer's district."""
    for kind in KINDS:
        path = f"{kind.owner_path}__district"
        record = kind.model._default_manager.filter(**{path: officer.district}).first()
        if record is None:
            continue
        owner = record
        for part in kind.owner_path.split("__"):
            owner = getattr(owner, part)
        for action in kind.actions:
            kwargs = {"pk": owner.pk}
            if action.on_record and not kind.single:
                kwargs[f"{kind.record}_pk"] = record.pk
            name = f"{kind.model._meta.app_label}:{action.name}"
            yield name, reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_no_record_form_shows_the_conflict_panel_without_a_conflict():
    call_command("load_demo", stdout=StringIO())
    officer = User.objects.get(username="officer")
    client = login(officer)
    urls = list(form_urls(officer))
    assert len(urls) >= 30  # the demo has a record of (almost) every kind
    for name, url in urls:
        for response in (
            client.get(url),
            client.post(url, {}),
            client.post(url, {"start_date": "not a date", "end_date": "not a date"}),
        ):
            page = response.content.decode()
            assert response.status_code == 200, name
            assert "What you had typed" not in page, name
            assert ": —</li>" not in page, name
