import pytest

from tests.children.conftest import child_a, child_b, children_home  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    """Each test's documents in a folder of its own."""
    folder = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": None},
        },
    }
    settings.DOCUMENTS_DIR = folder
    return folder


def stored_files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
