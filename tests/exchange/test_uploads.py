"""The folder where uploaded workbooks wait (`WORKBOOK_UPLOAD_DIR`): private to the
application's user whatever the umask, and refused, at use and by the system check,
when another user could write it or owns it."""

import logging
import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from exchange import uploads
from tests.exchange.test_workbook_pages import upload


@pytest.fixture
def upload_dir(tmp_path, settings):
    settings.WORKBOOK_UPLOAD_DIR = tmp_path / "uploads"
    return settings.WORKBOOK_UPLOAD_DIR


@pytest.fixture
def umask():
    """`umask(value)` sets the process's umask for the test."""
    before = os.umask(0o022)
    yield os.umask
    os.umask(before)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def keep_an_upload() -> str:
    token = uploads.store(SimpleUploadedFile("list.xlsx", b"PK workbook"))
    uploads.save_report(token, {"user": 1, "problems": []})
    return token


@pytest.mark.parametrize("mask", [0o000, 0o002, 0o277])
def test_the_folder_and_its_files_are_private_whatever_the_umask(upload_dir, umask, mask):
    umask(mask)
    token = keep_an_upload()
    uploads.save_report(token, {"user": 1, "problems": ["again"]})  # written again
    assert mode(upload_dir) == 0o700
    files = sorted(upload_dir.iterdir())
    assert [path.name for path in files] == [f"{token}.json", f"{token}.xlsx"]
    assert [mode(path) for path in files] == [0o600, 0o600]
    assert uploads.load_report(token) == {"user": 1, "problems": ["again"]}
    assert uploads.workbook_path(token).read_bytes() == b"PK workbook"


def test_an_existing_folder_of_the_application_is_made_private(upload_dir):
    upload_dir.mkdir(mode=0o755)
    upload_dir.chmod(0o755)
    keep_an_upload()
    assert mode(upload_dir) == 0o700


@pytest.mark.parametrize("unsafe", [0o770, 0o720, 0o777, 0o1777, 0o702])
def test_a_folder_others_can_write_is_refused(upload_dir, unsafe, caplog):
    upload_dir.mkdir()
    upload_dir.chmod(unsafe)
    with (
        caplog.at_level(logging.ERROR, logger="exchange.uploads"),
        pytest.raises(uploads.UnsafeUploadFolder) as refused,
    ):
        keep_an_upload()
    message = str(refused.value)
    assert str(upload_dir) in message and f"mode {unsafe:o}" in message
    assert "can be written by other users" in message
    assert message in caplog.text
    assert list(upload_dir.iterdir()) == [] and mode(upload_dir) == unsafe  # left as it was


def test_a_folder_of_another_user_is_refused(upload_dir, monkeypatch):
    upload_dir.mkdir(mode=0o700)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(upload_dir).st_uid + 1)
    with pytest.raises(uploads.UnsafeUploadFolder, match="belongs to another user"):
        keep_an_upload()
    assert list(upload_dir.iterdir()) == []


def test_a_file_in_place_of_the_folder_is_refused(upload_dir):
    upload_dir.write_bytes(b"")
    with pytest.raises(uploads.UnsafeUploadFolder, match="is not a folder"):
        keep_an_upload()


def test_the_system_check_reports_an_unsafe_folder(upload_dir):
    # (--deploy with the security checks only: the browser tests' environment allows
    # async-unsafe calls, which a deployment check refuses)
    deploy = ["--deploy", "--tag", "security", "--fail-level", "ERROR"]
    call_command("check")  # not made yet: it will be private
    upload_dir.mkdir(mode=0o700)
    call_command("check")
    call_command("check", *deploy)
    upload_dir.chmod(0o777)
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "reports.E001" in str(refused.value) and str(upload_dir) in str(refused.value)
    with pytest.raises(SystemCheckError, match=r"reports\.E001"):
        call_command("check", *deploy)


def test_an_upload_into_an_unsafe_folder_is_refused_with_a_message(
    areas, as_user, admin_user, upload_dir
):
    upload_dir.mkdir()
    upload_dir.chmod(0o777)
    client = as_user(admin_user)
    response = upload(client)
    assert response.status_code == 302 and response["Location"] == "/workbook/import/"
    page = client.get("/workbook/import/").content.decode()
    assert (
        "The workbook cannot be received: the server&#x27;s folder for uploads is not safe. "
        "Tell the register&#x27;s administrator." in page
    )
    assert list(upload_dir.iterdir()) == []
    assert uploads.SESSION_KEY not in client.session
