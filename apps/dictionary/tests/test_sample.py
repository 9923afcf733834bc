from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from apps.dictionary import demo
from apps.dictionary.models import Entry, Example, Sense, Source, Translation
from apps.dictionary.sample_data import load_sample, sample_files

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Entry.objects.count(),
        Sense.objects.count(),
        Translation.objects.count(),
        Example.objects.count(),
        Source.objects.count(),
    )


def test_it_loads_hundreds_of_words_in_each_language():
    call_command("load_dictionary_sample", verbosity=0)
    assert Entry.objects.filter(language__code="en").count() >= 300
    assert Entry.objects.filter(language__code="fr").count() >= 300
    house = Entry.objects.get(language__code="en", headword="house", part_of_speech="noun")
    assert "дом" in [t.text for t in Translation.objects.filter(sense__entry=house)]
    assert house.frequency > 5
    assert house.examples.exists()
    assert set(house.sources.values_list("slug", flat=True)) == {
        "verbal-voyager",
        "wordfreq",
        "emoji",
        "openmoji",  # the bundled drawing of 🏠
        "ru-gender",  # дом is masculine
    }
    assert house.emoji == "🏠"
    assert house.pictures.get().file.name == "dictionary/openmoji/1F3E0.svg"


def test_it_is_idempotent():
    load_sample()
    before = _counts()
    result = demo.seed()
    assert _counts() == before
    assert result.created == 0
    assert result.updated == 0


def test_it_merges_into_an_entry_that_exists():
    from apps.projects.models import Language

    maison = Entry.objects.create(
        language=Language.objects.get(code="fr"),
        headword="maison",
        part_of_speech="noun",
        gender="f",
        ipa="",
    )
    sense = Sense.objects.create(entry=maison, definition="bâtiment")
    Translation.objects.create(sense=sense, language=Language.objects.get(code="ru"), text="дом")
    load_sample()
    maison.refresh_from_db()
    assert maison.ipa == "mɛzɔ̃"
    # The sample sense (дом / house; home) is not the same as the existing one: added once.
    assert maison.senses.count() == 2
    load_sample()
    assert maison.senses.count() == 2


NAMED_GENDERS = {
    "livre": "m",
    "maison": "f",
    "musée": "m",
    "fin": "f",
    "silence": "m",
    "page": "f",
    "école": "f",
    "eau": "f",
    "problème": "m",
}


def test_french_nouns_have_the_right_gender():
    load_sample()
    genders = dict(
        Entry.objects.filter(
            language__code="fr", part_of_speech="noun", headword__in=NAMED_GENDERS
        ).values_list("headword", "gender")
    )
    assert genders == NAMED_GENDERS


def test_every_french_noun_has_a_gender_and_every_source_a_licence():
    for path in sample_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert all(source["licence"] for source in data["sources"])
        for item in data["entries"]:
            if data["language"] == "fr" and item["part_of_speech"] == "noun":
                assert item.get("gender") in ("m", "f", "mf"), item["headword"]
            assert item["senses"], item["headword"]
