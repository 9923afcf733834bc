"""Genders of Russian translations from pymorphy3 (the real package and dictionary)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.dictionary.importers.russian_gender import fill_russian_genders, gender_of
from apps.dictionary.models import Sense, Translation
from apps.dictionary.sample_data import load_sample

from .factories import language, make_entry


def quiet(line: str) -> None:
    pass


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("дом", "m"),
        ("книга", "f"),
        ("окно", "n"),
        ("до́м", "m"),  # with a stress mark
        ("лед", "m"),  # ё written as е
        ("время", "n"),
        ("папа", "m"),
        ("ножницы", ""),  # plural only
        ("сирота", ""),  # either gender
        ("дома", ""),  # not the dictionary form
        ("красивый", ""),  # an adjective
        ("печь", ""),  # a noun or a verb: not sure
        ("большой дом", ""),  # a phrase
        ("(собачий) лай", ""),
        ("абырвалг", ""),  # not in the dictionary
    ],
)
def test_gender_of_a_russian_word(text, gender):
    assert gender_of(text) == gender


def test_translations_of_nouns_get_their_gender_once(db):
    house = make_entry("house", translations=[("ru", "дом"), ("ru", "жилище")])
    book = make_entry("book", translations=[("ru", "книга")])
    window = make_entry("window", translations=[("ru", "окно"), ("ru", "оконный проём")])
    scissors = make_entry("scissors", translations=[("ru", "ножницы")])
    given = make_entry("cat", translations=[("ru", "кот")])
    Translation.objects.filter(text="кот").update(gender="mf")  # a dictionary's, kept
    verb = make_entry("book", pos="verb", translations=[("ru", "заказывать")])
    # Only the translations of nouns: "книга" as a translation of a verb stays as it is.
    Translation.objects.create(
        sense=Sense.objects.get(entry=verb), language=language("ru"), text="книга", position=1
    )

    stats = fill_russian_genders(log=quiet)

    genders = dict(
        Translation.objects.filter(sense__entry__part_of_speech="noun").values_list(
            "text", "gender"
        )
    )
    assert genders == {
        "дом": "m",
        "жилище": "n",
        "книга": "f",
        "окно": "n",
        "оконный проём": "",
        "ножницы": "",
        "кот": "mf",
    }
    assert Translation.objects.get(sense__entry=verb, text="книга").gender == ""
    assert (stats["read"], stats["updated"]) == (6, 4)
    for entry in (house, book, window):
        assert list(entry.sources.values_list("slug", flat=True)) == ["ru-gender"]
    assert not scissors.sources.exists()
    assert not given.sources.exists()

    again = fill_russian_genders(log=quiet)

    assert (again["read"], again["updated"]) == (2, 0)
    assert Translation.objects.exclude(gender="").count() == 5


def test_the_command_runs_it_as_a_source(db):
    make_entry("house", translations=[("ru", "дом")])
    make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])
    out = StringIO()

    call_command("import_dictionary", "--source", "ru-gender", "--words", "maison", stdout=out)

    assert list(Translation.objects.values_list("sense__entry__headword", "gender")) == [
        ("house", ""),
        ("maison", "m"),
    ]
    assert "ru-gender: 1 Russian translations of nouns without gender, 1 given" in out.getvalue()
    assert "Russian translations with gender: 1" in out.getvalue()


def test_the_sample_loader_gives_genders(db):
    load_sample()

    house = Translation.objects.get(
        sense__entry__headword="house", sense__entry__part_of_speech="noun", text="дом"
    )
    assert house.gender == "m"
    before = Translation.objects.exclude(gender="").count()
    load_sample()
    assert Translation.objects.exclude(gender="").count() == before


def test_the_entry_page_shows_the_gender_and_the_source(teacher_client, db):
    entry = make_entry("window", translations=[("ru", "окно")])
    fill_russian_genders(log=quiet)

    response = teacher_client.get(reverse("dictionary:entry", args=[entry.pk]))

    assertContains(response, "окно <small>(neuter)</small>", html=True)
    assertContains(response, "pymorphy3 with the OpenCorpora dictionary")
