"""System checks of the register's own configuration (`manage.py check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends that send nothing over the network: printed, kept in memory, dropped, or
# written to files. Any other backend talks to a mail server.
LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def email_is_encrypted(app_configs, **kwargs):
    """Reminders name children, and the server's login travels with them: a mail
    server is reached over TLS or SSL, never in clear text."""
    if settings.EMAIL_BACKEND in LOCAL_EMAIL_BACKENDS:
        return []
    if settings.EMAIL_USE_TLS or settings.EMAIL_USE_SSL:
        return []
    return [
        Warning(
            f"E-mail is sent with {settings.EMAIL_BACKEND} to {settings.EMAIL_HOST}:"
            f"{settings.EMAIL_PORT} without encryption: the messages, and EMAIL_HOST_PASSWORD "
            "if set, cross the network in clear text.",
            hint="Set EMAIL_USE_TLS=1 (STARTTLS, usually port 587) or EMAIL_USE_SSL=1 "
            "(implicit TLS, usually port 465).",
            id="registry.W001",
        )
    ]
