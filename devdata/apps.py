from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development data (see the package's docstring); no models, two commands."""

    name = "devdata"
    verbose_name = "Development data"
