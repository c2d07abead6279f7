"""System checks of the exchange app (`manage.py check`, run at start-up and by
`check --deploy`).

The upload folder's check keeps the id it had when the workbook was part of the
reports app (`reports.E001`): operators and their monitoring know it by that id."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error


def upload_folder_check(app_configs=None, **kwargs) -> list[Error]:
    """`WORKBOOK_UPLOAD_DIR` must be a folder only the application's user can write
    (`exchange.uploads`); one that does not exist yet is made private at first use."""
    from exchange.uploads import folder_problem

    problem = folder_problem(Path(settings.WORKBOOK_UPLOAD_DIR))
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint="chmod 700 the folder as the application's user, or set WORKBOOK_UPLOAD_DIR "
            "to a folder of its own.",
            id="reports.E001",
        )
    ]
