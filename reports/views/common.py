from django.http import Http404
from django.utils import timezone

from children.models import Child

FIRST_YEAR = 2000


def year_choices() -> list[int]:
    """Years the register has data for, newest first."""
    first = Child.objects.order_by("registered_on").values_list("registered_on", flat=True).first()
    start = max(first.year if first else timezone.localdate().year, FIRST_YEAR)
    return list(range(timezone.localdate().year, start - 1, -1))


def default_year() -> int:
    """The last completed year: the one annual reports are written about."""
    return timezone.localdate().year - 1


def year_from(value, default: int | None = None) -> int:
    """A reporting year from a URL parameter; 404 for nonsense."""
    if value in (None, ""):
        return default if default is not None else default_year()
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return year
