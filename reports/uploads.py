"""Uploaded workbooks waiting for the user's confirmation.

An upload is kept outside every public folder, in `settings.WORKBOOK_UPLOAD_DIR`
(readable by the application only), under a random token that only the uploader's
session holds, next to the report of its check. Confirming or uploading another
workbook discards it; uploads older than a day are swept away.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

SESSION_KEY = "workbook_upload"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
MAX_AGE = 24 * 3600


def folder() -> Path:
    path = Path(settings.WORKBOOK_UPLOAD_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def workbook_path(token: str) -> Path:
    if not TOKEN.match(token or ""):
        raise ValueError("not an upload token")
    return folder() / f"{token}.xlsx"


def report_path(token: str) -> Path:
    return workbook_path(token).with_suffix(".json")


def sweep() -> None:
    """Remove uploads nobody confirmed within a day."""
    limit = time.time() - MAX_AGE
    for path in folder().glob("*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def store(uploaded) -> str:
    """Keep an uploaded file; its token."""
    sweep()
    token = secrets.token_urlsafe(32)
    descriptor = os.open(workbook_path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    return token


def save_report(token: str, report: dict) -> None:
    report_path(token).write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def load_report(token: str) -> dict | None:
    try:
        return json.loads(report_path(token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def discard(token: str) -> None:
    for path in (workbook_path(token), report_path(token)):
        path.unlink(missing_ok=True)


def pending(request) -> tuple[str, dict] | None:
    """The upload of this session waiting for confirmation, and its report."""
    token = request.session.get(SESSION_KEY)
    if not token or not TOKEN.match(token):
        return None
    report = load_report(token)
    if report is None or report.get("user") != request.user.pk:
        return None
    if not workbook_path(token).exists():
        return None
    return token, report
