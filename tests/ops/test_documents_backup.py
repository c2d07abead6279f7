"""A backup restores the documents: the database dumped as the README's "Backing up"
section says (pg_dump on PostgreSQL; SQLite's online backup, which `sqlite3 .backup`
uses, on SQLite) and the documents' folder archived with tar, both restored into
fresh places, and a document opened there through the download view by the
district's officer: the same file, logged in the restored access log."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.children.factories import register_child
from tests.documents.conftest import documents_dir  # noqa: F401 - fixture
from tests.documents.factories import attach, photo_with_location

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]

OPEN_DOCUMENT = """
import hashlib
from registry.models import AccessLog, User
from tests.conftest import login
client = login(User.objects.get(username="officer_a"), HTTP_HOST="localhost")
response = client.get({url!r})
content = b"".join(response.streaming_content) if response.status_code == 200 else b""
print(response.status_code, hashlib.sha256(content).hexdigest(), AccessLog.objects.filter(
    action=AccessLog.Action.EXPORT, parameters__document={pk}).count())
"""


def _postgres_base(settings_dict) -> str:
    host = settings_dict["HOST"] or "127.0.0.1"
    return f"postgresql://{settings_dict['USER']}@{host}:{settings_dict['PORT'] or 5432}"


def back_up_database(folder: Path, env: dict) -> Path:
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        dump = folder / "registry.dump"
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                f"--file={dump}",
                f"{_postgres_base(settings_dict)}/{settings_dict['NAME']}",
            ],
            check=True,
            env=env,
        )
        return dump
    copy = folder / "copy.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    with target:
        connection.connection.backup(target)
    target.close()
    return copy


def restore_database(backup: Path, fresh: Path, env: dict) -> tuple[str, callable]:
    """DATABASE_URL of a fresh database holding `backup`, and how to drop it."""
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        host = settings_dict["HOST"] or "127.0.0.1"
        name = f"restore_{uuid.uuid4().hex[:8]}"
        subprocess.run(
            ["createdb", "-h", host, "-U", settings_dict["USER"], name], check=True, env=env
        )
        url = f"{_postgres_base(settings_dict)}/{name}"
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={url}", str(backup)], check=True, env=env
        )
        return url, lambda: subprocess.run(
            ["dropdb", "-h", host, "-U", settings_dict["USER"], name], check=False, env=env
        )
    restored = fresh / "db.sqlite3"
    restored.write_bytes(backup.read_bytes())
    return f"sqlite:///{restored}", lambda: None


def test_database_and_documents_restored_elsewhere_open_the_same_document(
    officer_a,
    district_a,
    tmp_path,
    documents_dir,  # noqa: F811
):
    child = register_child(officer_a, district_a)
    attach(officer_a, child)
    photo = attach(officer_a, child, content=photo_with_location(), name="photo.jpg")
    original = (documents_dir / photo.stored_name).read_bytes()

    env = {**os.environ, "PGPASSWORD": connection.settings_dict.get("PASSWORD") or ""}
    backups = tmp_path / "backups"
    backups.mkdir()
    # The README's order: the database first, then the documents' folder.
    dump = back_up_database(backups, env)
    archive = backups / "registry-documents.tar.gz"
    subprocess.run(
        ["tar", "--create", "--gzip", f"--file={archive}", "-C", str(documents_dir), "."],
        check=True,
    )

    # The server is lost; both come back in fresh places.
    for path in sorted(documents_dir.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    fresh = tmp_path / "restored"
    restored_documents = fresh / "documents"
    restored_documents.mkdir(parents=True)
    subprocess.run(
        ["tar", "--extract", "--gzip", f"--file={archive}", "-C", str(restored_documents)],
        check=True,
    )
    database_url, drop = restore_database(dump, fresh, env)
    try:
        url = f"/children/{child.pk}/documents/{photo.pk}/"
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "--no-imports",
                "-c",
                OPEN_DOCUMENT.format(url=url, pk=photo.pk),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={
                **env,
                "DATABASE_URL": database_url,
                "DOCUMENTS_DIR": str(restored_documents),
                "DEBUG": "1",
                # The settings of a server, not the tests' (their own documents folder).
                "DJANGO_SETTINGS_MODULE": "registry.settings",
            },
        )
        assert result.returncode == 0, result.stderr
        status, digest, logged = result.stdout.split()[-3:]
        assert status == "200"
        assert digest == hashlib.sha256(original).hexdigest()
        assert logged == "1"
    finally:
        drop()
