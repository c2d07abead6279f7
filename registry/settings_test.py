"""The test configuration: the real settings, with test-only speed-ups."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Tests read messages in English unless they choose a language (see tests/conftest.py).
os.environ.setdefault("LANGUAGE_CODE", "en")
# Jobs run in the request that starts them, unless a test chooses the worker.
os.environ.setdefault("JOBS_IN_PROCESS", "1")

from registry.settings import *  # noqa: F403
from registry.settings import INSTALLED_APPS

# The tests load the demo region and the synthetic register (devdata).
DEVELOPMENT_DATA = True
if "devdata" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Documents the tests attach go to a folder of their own, never the project's.
DOCUMENTS_DIR = Path(tempfile.mkdtemp(prefix="registry-test-documents-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DOCUMENTS_DIR), "base_url": None},
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# A "replica" alias on the test database itself (Django's test mirror), so that tests
# can send figures through it (settings.FIGURES_DATABASE = "replica") and see which
# connection each query takes; unless a test does, everything reads "default".
DATABASES = {
    **DATABASES,  # noqa: F405
    "replica": {
        **DATABASES["default"],  # noqa: F405
        "TEST": {"MIRROR": "default"},
    },
}
FIGURES_DATABASE = "default"
# Progress is written on the test's own connection (its transaction is rolled back).
JOBS_PROGRESS_DATABASE = "default"
# The change feed serves what the test has just written (on PostgreSQL it otherwise
# waits API_FEED_SETTLE_SECONDS; tests/api/test_feed_settling.py tests the wait).
API_FEED_SETTLE_SECONDS = 0
