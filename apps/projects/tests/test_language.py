from __future__ import annotations

from django.utils import translation

from apps.projects.models import Language


def test_migrations_create_english_french_and_russian(db):
    # Russian comes with the dictionary, which translates into it.
    assert list(Language.objects.order_by("code").values_list("code", "name", "name_ru")) == [
        ("en", "English", "Английский"),
        ("fr", "French", "Французский"),
        ("ru", "Russian", "Русский"),
    ]


def test_name_follows_the_active_language(db):
    french = Language.objects.get(code="fr")

    with translation.override("ru"):
        assert str(french) == "Французский"
    with translation.override("en"):
        assert str(french) == "French"
