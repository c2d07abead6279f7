"""The documents' services: what they refuse, and that a refusal stores nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from children.models import PlacementForm
from documents.models import Document
from tests.children.factories import place, register_child
from tests.documents.conftest import stored_files
from tests.documents.factories import attach


def test_a_record_of_another_child_is_refused(officer_a, district_a, child_a, documents_dir):
    other = register_child(officer_a, district_a)
    placement = place(officer_a, other, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    with pytest.raises(ValidationError) as refused:
        attach(officer_a, child_a, record=placement)
    assert "record" in refused.value.message_dict
    assert not Document.objects.exists() and stored_files(documents_dir) == []


def test_a_document_dated_in_the_future_is_refused(officer_a, child_a, documents_dir):
    with pytest.raises(ValidationError) as refused:
        attach(officer_a, child_a, date=timezone.localdate() + datetime.timedelta(days=1))
    assert "date" in refused.value.message_dict
    assert stored_files(documents_dir) == []


def test_withdrawing_twice_or_without_a_reason_is_refused(officer_a, child_a):
    from documents.services import document_withdraw

    document = attach(officer_a, child_a)
    with pytest.raises(ValidationError):
        document_withdraw(actor=officer_a, document=document, reason="  ")
    document_withdraw(actor=officer_a, document=document, reason="Wrong child")
    with pytest.raises(ValidationError):
        document_withdraw(actor=officer_a, document=document, reason="Again")
    document.refresh_from_db()
    assert document.withdrawal_reason == "Wrong child"
