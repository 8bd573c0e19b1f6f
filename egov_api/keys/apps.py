from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeysConfig(AppConfig):
    """API keys: their model, authentication, permissions, admin and `create_api_key`."""

    name = "egov_api.keys"
    label = "keys"
    verbose_name = _("API keys")
