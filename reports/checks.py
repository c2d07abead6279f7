"""System checks of the reports app (`manage.py check`, run at start-up and by
`check --deploy`)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error


def upload_folder_check(app_configs=None, **kwargs) -> list[Error]:
    """`WORKBOOK_UPLOAD_DIR` must be a folder only the application's user can write
    (`reports.uploads`); one that does not exist yet is made private at first use."""
    from reports.uploads import folder_problem

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
