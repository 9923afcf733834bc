"""Emoji pictures for concrete nouns: exact CLDR names, no flags or people, shown on the pages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary.importers.emoji_names import fill_emoji, match, names
from apps.dictionary.models import Entry
from apps.dictionary.sample_data import load_sample

from .factories import make_entry

ATTRIBUTION = "Picture: Unicode CLDR emoji names, emoji package (BSD)"
SKIN_TONES = {chr(code) for code in range(0x1F3FB, 0x1F400)}
REGIONAL_INDICATORS = {chr(code) for code in range(0x1F1E6, 0x1F200)}


@pytest.mark.parametrize(
    ("headword", "code", "expected"),
    [
        ("house", "en", "🏠"),
        ("maison", "fr", "🏠"),  # not 🏡 "maison avec jardin"
        ("T-shirt", "en", "👕"),
        ("дом", "ru", "🏠"),
        ("school", "en", "🏫"),
        ("école", "fr", "🏫"),
        ("chat", "fr", "🐈"),
        ("cat", "en", "🐈"),  # not 🐱 "cat face"
        ("кошка", "ru", "🐈"),
        ("apple", "en", ""),  # CLDR says "red apple": no near misses
        ("pomme", "fr", ""),
        ("house", "fr", ""),  # the name must be in the entry's language
        ("house", "de", ""),
        ("turkey", "en", "🦃"),
        ("lion", "en", "🦁"),
    ],
)
def test_it_matches_exact_names_in_the_entry_language(headword, code, expected):
    assert match(headword, code) == expected


@pytest.mark.parametrize(
    ("headword", "code"),
    [
        ("France", "en"),  # 🇫🇷
        ("drapeau arc-en-ciel", "fr"),  # 🏳️‍🌈
        ("woman", "en"),  # 👩 comes in skin tones
        ("femme", "fr"),
        ("thumbs up", "en"),
        ("grinning face", "en"),
        ("thinking face", "en"),  # 🤔: faces outside the emoticons block too
        ("dog face", "en"),  # 🐶 (the dog is 🐕)
        ("face with monocle", "en"),
        ("family", "en"),  # 👪
        ("keycap 1", "en"),
        ("lion", "fr"),  # ♌ (🦁 is "tête de lion")
        ("cancer", "en"),  # ♋
        ("Turkey", "en"),  # the country, not 🦃
        ("Jean", "fr"),  # the name, not 👖
    ],
)
def test_flags_people_faces_and_keycaps_are_never_pictures(headword, code):
    assert match(headword, code) == ""


def test_no_flag_or_skin_tone_in_any_language():
    for code in ("en", "fr", "ru"):
        pictures = "".join(names(code).values())
        assert len(names(code)) > 1000
        assert not set(pictures) & (SKIN_TONES | REGIONAL_INDICATORS)


def test_nouns_get_their_picture_once_with_the_source(db):
    maison = make_entry("maison", lang="fr", gender="f")
    house_verb = make_entry("house", pos="verb")
    apple = make_entry("apple")
    cat = make_entry("cat")

    stats = fill_emoji()

    maison.refresh_from_db()
    assert maison.emoji == "🏠"
    assert list(maison.sources.values_list("slug", flat=True)) == ["emoji"]
    assert Entry.objects.get(pk=house_verb.pk).emoji == ""  # nouns only
    assert Entry.objects.get(pk=apple.pk).emoji == ""
    assert Entry.objects.get(pk=cat.pk).emoji == "🐈"
    assert (stats["matched"], stats["updated"]) == (2, 2)

    again = fill_emoji()

    assert (again["matched"], again["updated"]) == (2, 0)
    assert Entry.sources.through.objects.count() == 2


def test_a_picture_chosen_by_hand_stays(db):
    apple = make_entry("apple", emoji="🍎")
    chat = make_entry("chat", lang="fr", gender="m", emoji="😺")

    stats = fill_emoji()

    assert Entry.objects.get(pk=apple.pk).emoji == "🍎"
    assert Entry.objects.get(pk=chat.pk).emoji == "😺"
    assert stats["updated"] == 0
    assert not Entry.sources.through.objects.exists()  # not the emoji package's picture


def test_import_dictionary_runs_it(db):
    house = make_entry("house")
    out = StringIO()

    call_command("import_dictionary", "--source", "emoji", stdout=out)

    assert Entry.objects.get(pk=house.pk).emoji == "🏠"
    assert "emoji: 1 nouns checked, 1 with a picture, 1 updated (done)" in out.getvalue()
    assert "entries with a picture (emoji): 1" in out.getvalue()


def test_the_sample_shows_pictures(db):
    load_sample()

    pictured = dict(
        Entry.objects.filter(part_of_speech="noun")
        .exclude(emoji="")
        .values_list("headword", "emoji")
    )
    assert {"house", "maison", "school", "école", "cat", "chat"} <= set(pictured)
    assert pictured["maison"] == "🏠"
    before = Entry.objects.exclude(emoji="").count()
    load_sample()
    assert Entry.objects.exclude(emoji="").count() == before


def test_the_entry_page_shows_the_picture_with_attribution(teacher_client, db):
    entry = make_entry("maison", lang="fr", gender="f")
    fill_emoji(log=lambda line: None)

    response = teacher_client.get(reverse("dictionary:entry", args=[entry.pk]))

    assertContains(response, '<span role="img" aria-label="maison">🏠</span>', html=True)
    assertContains(response, ATTRIBUTION)
    assertContains(response, "Unicode CLDR emoji names, emoji package")  # in the sources too


def test_an_entry_without_a_picture_has_no_attribution(teacher_client, db):
    entry = make_entry("apple")

    response = teacher_client.get(reverse("dictionary:entry", args=[entry.pk]))

    assertNotContains(response, 'role="img"')
    assertNotContains(response, ATTRIBUTION)


def test_search_results_show_small_pictures_in_fixed_queries(
    teacher_client, db, django_assert_max_num_queries
):
    for number in range(20):
        make_entry(f"house{number}", emoji="🏠", translations=[("ru", "дом")])

    with django_assert_max_num_queries(7):
        response = teacher_client.get(reverse("dictionary:search"), {"q": "house"})

    assertContains(response, '<span class="result-emoji" aria-hidden="true">🏠</span>', count=20)
