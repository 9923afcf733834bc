"""The results htmx asks for as a member types are kept rendered in the cache (selectors.kept)
until the dictionary changes: the same search again costs no query of the dictionary, and
every kind of change shows at once."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.dictionary import services
from apps.dictionary.models import Entry, Translation
from apps.dictionary.sample_data import load_sample

from .factories import make_entry

URL = reverse("dictionary:search")
HTMX = {"HX-Request": "true"}


def results(client, q: str, **params) -> str:
    response = client.get(URL, {"q": q, **params}, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def house(db):
    return make_entry("house", frequency=5.7, translations=[("ru", "дом")])


def test_the_same_search_again_reads_no_words(student_client, house):
    first = results(student_client, "hou")

    with CaptureQueriesContext(connection) as again:
        second = results(student_client, "hou")

    assert second == first
    assert "house" in second
    # The session and the user; nothing of the dictionary.
    assert len(again) == 2, [query["sql"] for query in again.captured_queries]


def test_other_searches_and_filters_are_kept_apart(student_client, house, db):
    make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])

    assert "maison" in results(student_client, "дом")
    assert "maison" not in results(student_client, "дом", language="en")
    assert "house" not in results(student_client, "дом", language="fr")


def test_a_word_published_shows_in_a_search_made_before(student_client, teacher, house):
    pending = make_entry(
        "housekeeper",
        translations=[("ru", "экономка")],
        status=Entry.Status.PENDING,
        contributed_by=teacher,
    )
    assert "housekeeper" not in results(student_client, "hou")

    services.entry_publish(entry_ids=[pending.pk])  # one UPDATE, no signal

    assert "housekeeper" in results(student_client, "hou")


def test_a_changed_translation_shows(student_client, house):
    assert "дом" in results(student_client, "house")

    Translation.objects.filter(text="дом").get().delete()
    make_entry("hut", translations=[("ru", "хижина")])
    translation = Translation.objects.get(text="хижина")
    translation.text = "избушка"
    translation.save()

    assert "дом" not in results(student_client, "house")
    assert "избушка" in results(student_client, "hut")


def test_a_deleted_word_goes(student_client, house):
    row = f'href="{reverse("dictionary:entry", args=[house.pk])}"'
    assert row in results(student_client, "house")

    house.delete()

    assert row not in results(student_client, "house")


def test_an_import_shows_at_once(student_client, tmp_path, house):
    assert "houseboat" not in results(student_client, "hou")
    sample = tmp_path / "en.json"
    sample.write_text(
        json.dumps(
            {
                "language": "en",
                "sources": [],
                "entries": [
                    {
                        "headword": "houseboat",
                        "part_of_speech": "noun",
                        "senses": [{"translations": [{"language": "ru", "text": "плавучий дом"}]}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )

    load_sample(paths=[sample])  # bulk writes

    assert "houseboat" in results(student_client, "hou")
