"""generate_register: a synthetic register of any size, in bulk, for the benchmarks."""

from io import StringIO

from django.core.management import call_command

from care.models import ScheduledVisit
from children.models import Child, Placement, Status
from registry.models import District, Region


def test_generate_register_writes_the_children_asked_for(db):
    output = StringIO()
    call_command("generate_register", children=120, regions=2, districts=3, stdout=output)
    assert "Synthetic register written" in output.getvalue()
    assert Region.objects.filter(code__startswith="gen-").count() == 2
    assert District.objects.count() == 6
    assert Child.objects.count() == 120
    assert Status.objects.count() >= 120 and Placement.objects.count() >= 120
    assert ScheduledVisit.objects.exists()
