"""The release's digest follows the application's own code, catalogues and pinned
requirements, and nothing else."""

from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from registry import release


def test_the_digest_follows_the_code_the_catalogues_and_the_requirements(tmp_path, monkeypatch):
    app = tmp_path / "children"
    library = tmp_path / ".venv" / "lib" / "site-packages" / "a_library"
    catalogue = tmp_path / "locale" / "kk" / "LC_MESSAGES" / "django.po"
    for folder in (app / "services", library, catalogue.parent, tmp_path / "tests"):
        folder.mkdir(parents=True)
    files = {
        app / "services" / "statuses.py": "LIMIT = 18\n",
        library / "module.py": "VERSION = 1\n",
        catalogue: 'msgid "Child"\nmsgstr "Бала"\n',
        tmp_path / "requirements.txt": "Django==5.2.19\n",
        tmp_path / "tests" / "test_children.py": "def test(): pass\n",
        app / "templates.html": "<p>\n",
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    configs = [SimpleNamespace(path=str(app)), SimpleNamespace(path=str(library))]
    monkeypatch.setattr(release.apps, "get_app_configs", lambda: configs)
    first = release.digest_of(tmp_path)
    assert release.digest_of(tmp_path) == first

    for path, change in (
        (app / "services" / "statuses.py", "LIMIT = 16\n"),
        (catalogue, 'msgid "Child"\nmsgstr "Бала (жетім)"\n'),
        (tmp_path / "requirements.txt", "Django==5.2.20\n"),
    ):
        path.write_text(change, encoding="utf-8")
        assert release.digest_of(tmp_path) != first, path
        path.write_text(files[path], encoding="utf-8")
        assert release.digest_of(tmp_path) == first
    # A module added to the application is a release too.
    (app / "services" / "__init__.py").write_text("")
    assert release.digest_of(tmp_path) != first
    (app / "services" / "__init__.py").unlink()

    # Libraries are named by the requirements, wherever installed; tests and templates
    # decide no outcome that is kept.
    for path in (library / "module.py", tmp_path / "tests" / "test_children.py"):
        path.write_text("changed = True\n")
    (app / "templates.html").write_text("<p>changed\n")
    assert release.digest_of(tmp_path) == first


def test_the_release_that_runs_is_this_projects_code():
    root = Path(settings.BASE_DIR).resolve()
    names = {path.relative_to(root).as_posix() for path in release.sources(root)}
    assert {
        "exchange/workbook/importer.py",
        "reports/indicators/engine.py",
        "locale/ru/LC_MESSAGES/django.po",
        "requirements.txt",
    } <= names
    assert not any(name.startswith((".venv/", "tests/", "bench/")) for name in names)
    assert release.code_version() == release.digest_of(root)
