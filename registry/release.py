"""The release that runs: a digest of the application's own code (the Python modules
of its apps, its translation catalogues and its pinned requirements), read once per
process.

What is kept of the code's outcome beyond a request and trusted later without
working it out again (a workbook's check, a file known by its digest) carries it, so
that after a release whose rules or messages differ it is worked out again instead
of being answered from the old code's outcome, whether or not the release ran
`migrate`. Hosts of one release compute the same; during a rolling update, hosts of
two releases keep their outcomes apart."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings


def sources(root: Path) -> list[Path]:
    """The files of the release under `root`: the modules of the installed apps that
    are its own folders (the libraries' are named by `requirements.txt`, wherever they
    are installed), the catalogues of `locale`, and `requirements.txt`."""
    found = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.parent == root:
            found.update(path.rglob("*.py"))
    found.update((root / "locale").rglob("*.po"))
    requirements = root / "requirements.txt"
    if requirements.is_file():
        found.add(requirements)
    return sorted(found)


def digest_of(root: Path) -> str:
    """The digest of the release's files under `root`: each one's path and content."""
    digest = hashlib.sha256()
    for path in sources(root):
        content = path.read_bytes()
        name = path.relative_to(root).as_posix().encode()
        digest.update(b"%d:%s%d:" % (len(name), name, len(content)))
        digest.update(content)
    return digest.hexdigest()[:16]


@functools.cache
def code_version() -> str:
    """The digest of the release that runs (`digest_of` the project's folder)."""
    return digest_of(Path(settings.BASE_DIR).resolve())
