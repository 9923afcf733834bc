from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DictionaryConfig(AppConfig):
    name = "apps.dictionary"
    label = "dictionary"
    verbose_name = _("Dictionary")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
