"""Uploaded workbooks waiting for the user's confirmation.

An upload is kept outside every public folder, in `settings.WORKBOOK_UPLOAD_DIR`,
under a random token that only the uploader's session holds, next to the report of
its check. The folder and the files are private to the application's user (0700 and
0600, whatever the process's umask), and a folder another user could write, or one
that belongs to another user, is refused (`UnsafeUploadFolder`; the system check
`reports.E001` says so at start-up and in `check --deploy`). Confirming or uploading
another workbook discards an upload; uploads older than a day are swept away.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import stat
import time
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

SESSION_KEY = "workbook_upload"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
MAX_AGE = 24 * 3600
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


class UnsafeUploadFolder(ImproperlyConfigured):
    """`WORKBOOK_UPLOAD_DIR` is not a folder only the application's user can write."""


def folder_problem(path: Path) -> str | None:
    """Why `path` may not hold uploads, or None (also when it does not exist yet: it
    is then made private)."""
    try:
        status = path.stat()  # of the folder a link leads to
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(status.st_mode):
        return f"WORKBOOK_UPLOAD_DIR {path} is not a folder."
    if status.st_uid != os.geteuid():
        return (
            f"WORKBOOK_UPLOAD_DIR {path} belongs to another user (uid {status.st_uid}), who "
            "could read or replace the uploaded workbooks. Use a folder of the application's "
            "own user."
        )
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return (
            f"WORKBOOK_UPLOAD_DIR {path} can be written by other users (mode "
            f"{stat.S_IMODE(status.st_mode):o}), who could read or replace the uploaded "
            "workbooks. Use a folder only the application's user can write (mode 700)."
        )
    return None


def folder() -> Path:
    """The upload folder, made if need be, and private (0700). Raises
    `UnsafeUploadFolder` when others could write it."""
    path = Path(settings.WORKBOOK_UPLOAD_DIR)
    with suppress(FileExistsError):  # a file of that name: refused below
        path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    problem = folder_problem(path)
    if problem is not None:
        logger.error("Uploads refused: %s", problem)
        raise UnsafeUploadFolder(problem)
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FOLDER:  # the umask's, or an old folder's
        path.chmod(PRIVATE_FOLDER)
    return path


def _write_private(path: Path, chunks) -> None:
    """Write a new file at `path` that only the application's user can read, whatever
    the umask (never a file, or a link, that is already there)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
    except OSError:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "wb") as target:
        for chunk in chunks:
            target.write(chunk)


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
    _write_private(workbook_path(token), uploaded.chunks())
    return token


def save_report(token: str, report: dict) -> None:
    """Write (or write again) the report of an upload's check, private, whole: it
    replaces the former one only once written."""
    target = report_path(token)
    written = target.with_name(f"{target.name}.{secrets.token_hex(8)}.part")
    try:
        _write_private(written, [json.dumps(report, ensure_ascii=False).encode()])
        os.replace(written, target)
    finally:
        written.unlink(missing_ok=True)


def load_report(token: str) -> dict | None:
    try:
        return json.loads(report_path(token).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def discard(token: str) -> None:
    for path in (workbook_path(token), report_path(token)):
        path.unlink(missing_ok=True)


def pending(request) -> tuple[str, dict] | None:
    """The upload of this session waiting for confirmation, and its report (none while
    the folder is unsafe: nothing in it can be trusted)."""
    token = request.session.get(SESSION_KEY)
    if not token or not TOKEN.match(token):
        return None
    try:
        report = load_report(token)
    except UnsafeUploadFolder:
        return None
    if report is None or report.get("user") != request.user.pk:
        return None
    if not workbook_path(token).exists():
        return None
    return token, report
