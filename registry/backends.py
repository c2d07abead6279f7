"""How a person signs in: Django's password check, never for a service account."""

from django.contrib.auth.backends import ModelBackend


class PersonBackend(ModelBackend):
    """Django's ModelBackend for the accounts of people. A service account (the
    exchange API's) has no usable password; should one ever be given one, it still
    cannot sign in: the login page answers it as it answers a wrong password."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and not user.is_service_account
