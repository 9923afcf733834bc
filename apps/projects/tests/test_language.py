from __future__ import annotations

from django.utils import translation

from apps.projects.models import Language


def test_migration_creates_english_and_french(db):
    assert list(Language.objects.order_by("code").values_list("code", "name", "name_ru")) == [
        ("en", "English", "Английский"),
        ("fr", "French", "Французский"),
    ]


def test_name_follows_the_active_language(db):
    french = Language.objects.get(code="fr")

    with translation.override("ru"):
        assert str(french) == "Французский"
    with translation.override("en"):
        assert str(french) == "French"
