"""Suggesting a word: the form's rules, duplicates, what is saved and who finds it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary import services
from apps.dictionary.forms import SuggestionForm
from apps.dictionary.models import Entry, Example, Translation
from apps.dictionary.selectors import search
from apps.dictionary.services import MAX_PENDING

from .factories import make_entry

URL = reverse("dictionary:suggest")


def _data(**changes) -> dict:
    data = {
        "language": "fr",
        "headword": "maisonnette",
        "part_of_speech": "noun",
        "gender": "f",
        "ipa": "",
        "translations_ru": "домик",
        "translations_en": "",
        "example": "",
        "example_translation": "",
    }
    data.update(changes)
    return data


def test_it_works(teacher_client, teacher):
    response = teacher_client.post(
        URL,
        _data(
            headword="  maisonnette ",
            ipa="/mɛzɔnɛt/",
            translations_ru="домик\nдомишко; домик",
            translations_en="small house",
            example="Une maisonnette au bord de la mer.",
            example_translation="Домик на берегу моря.",
        ),
        follow=True,
    )

    entry = Entry.objects.get(headword="maisonnette")
    assert response.redirect_chain == [(reverse("dictionary:entry", args=[entry.pk]), 302)]
    assertContains(response, "Thank you! The word waits for a moderator")
    assertContains(response, "waiting for moderation")
    assert entry.status == Entry.Status.PENDING
    assert entry.contributed_by == teacher
    assert (entry.language.code, entry.part_of_speech, entry.gender) == ("fr", "noun", "f")
    assert entry.ipa == "mɛzɔnɛt"
    assert entry.headword_folded == "maisonnette"
    assert entry.frequency > 0  # wordfreq knows it: search ranks by it
    sense = entry.senses.get()
    assert [(t.language.code, t.text, t.text_folded) for t in sense.translations.all()] == [
        ("ru", "домик", "домик"),
        ("ru", "домишко", "домишко"),
        ("en", "small house", "small house"),
    ]
    example = Example.objects.get(entry=entry)
    assert (example.sense, example.text, example.translation) == (
        sense,
        "Une maisonnette au bord de la mer.",
        "Домик на берегу моря.",
    )


def test_it_requires_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_students_suggest_too(student_client, student):
    response = student_client.post(URL, _data(language="en", headword="cottage", gender=""))

    assert response.status_code == 302
    assert Entry.objects.get(headword="cottage").contributed_by == student


def test_a_pending_teacher_waits_for_approval(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.post(URL, _data())

    assert response.status_code == 302
    assert response.url == reverse("accounts:awaiting_approval")
    assert not Entry.objects.exists()


def test_the_search_prefills_the_form(teacher_client):
    response = teacher_client.get(URL, {"q": " maisonnette ", "language": "fr", "pos": "noun"})

    form = response.context["form"]
    assert form["headword"].value() == "maisonnette"
    assert form["language"].value() == "fr"
    assert form["part_of_speech"].value() == "noun"


def test_a_word_searched_in_russian_is_a_translation(teacher_client):
    response = teacher_client.get(URL, {"q": "домишко", "language": "nonsense", "pos": "x"})

    form = response.context["form"]
    assert form["translations_ru"].value() == "домишко"
    assert not form["headword"].value()
    assert not form["language"].value()
    assert not form["part_of_speech"].value()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"gender": ""}, "gender", "Choose the gender: every French noun has one."),
        ({"gender": "n"}, "gender", "French nouns are masculine or feminine"),
        (
            {"language": "en", "headword": "cottage", "gender": "m"},
            "gender",
            "English nouns have no grammatical gender: leave it empty.",
        ),
        (
            {"headword": "maisonner", "part_of_speech": "verb", "gender": "f"},
            "gender",
            "Only nouns have a gender here: leave it empty.",
        ),
        (
            {"translations_ru": " \n ; ", "translations_en": ""},
            "translations_ru",
            "Give at least one translation, into Russian or English.",
        ),
        (
            {"language": "en", "headword": "cottage", "gender": "", "translations_en": "hut"},
            "translations_en",
            "An English word needs no English translation",
        ),
        ({"headword": ""}, "headword", "This field is required."),
        ({"headword": "123 !"}, "headword", "The word must contain letters."),
        ({"headword": "домик"}, "headword", "This looks like a Russian word."),
        ({"headword": "m" * 101}, "headword", "at most 100 characters (it has 101)"),
        ({"ipa": "ɛ" * 101}, "ipa", "at most 100 characters"),
        (
            {"translations_ru": "д" * 201},
            "translations_ru",
            "is too long: a translation has at most 200 characters.",
        ),
        (
            {"translations_ru": "\n".join(f"слово{n}" for n in range(11))},
            "translations_ru",
            "At most 10 translations per language, please.",
        ),
        ({"example": "Une maisonnette." * 40}, "example", "at most 500 characters"),
        (
            {"example_translation": "Домик."},
            "example",
            "Type the example too, or leave its translation empty.",
        ),
        ({"language": "de"}, "language", "Select a valid choice."),
        ({"part_of_speech": ""}, "part_of_speech", "This field is required."),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(teacher_client, changes, field, message):
    response = teacher_client.post(URL, _data(**changes))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assertContains(response, message.replace("'", "&#x27;")[:30])
    assert not Entry.objects.exists()
    assert not Translation.objects.exists()


def _russian(**changes) -> SuggestionForm:
    """The form as it will be once Russian words are in the dictionary."""
    data = _data(language="ru", headword="окно", translations_ru="", translations_en="window")
    form = SuggestionForm({**data, **changes})
    form.fields["language"].choices = [("ru", "Russian")]
    return form


def test_russian_nouns_have_a_gender_neuter_too(db):
    assert _russian(gender="n").is_valid()
    assert _russian(gender="").errors["gender"] == [
        "Choose the gender: every Russian noun has one."
    ]


def test_a_published_word_is_not_suggested_again(teacher_client):
    published = make_entry("maisonnette", lang="fr", gender="f")

    response = teacher_client.post(URL, _data(headword="Maisonnette"))

    assert response.status_code == 200
    assertContains(response, "“maisonnette” (noun) is in the dictionary already.")
    assertContains(response, f'href="{reverse("dictionary:entry", args=[published.pk])}"')
    assert Entry.objects.count() == 1


def test_the_same_word_as_another_part_of_speech_is_new(teacher_client):
    make_entry("maisonnette", lang="fr", pos="adjective")

    response = teacher_client.post(URL, _data())

    assert response.status_code == 302
    assert Entry.objects.filter(headword="maisonnette").count() == 2


def test_a_word_spelled_alike_with_other_accents_is_new(teacher_client):
    make_entry("péché", lang="fr", gender="m")

    response = teacher_client.post(URL, _data(headword="pêche", gender="f"))

    assert response.status_code == 302
    assert Entry.objects.filter(headword="pêche", status="pending").exists()


def test_a_word_suggested_twice_links_to_the_first(teacher_client, teacher):
    mine = make_entry(
        "maisonnette", lang="fr", gender="f", status="pending", contributed_by=teacher
    )

    response = teacher_client.post(URL, _data())

    assertContains(response, "You have suggested “maisonnette” (noun) already")
    assertContains(response, f'href="{reverse("dictionary:entry", args=[mine.pk])}"')
    assert Entry.objects.count() == 1


def test_a_word_someone_else_suggested_is_not_shown(client, other_teacher, teacher):
    theirs = make_entry(
        "maisonnette", lang="fr", gender="f", status="pending", contributed_by=other_teacher
    )
    client.force_login(teacher)

    response = client.post(URL, _data())

    assertContains(response, "Someone has suggested “maisonnette” (noun) already")
    assertNotContains(response, reverse("dictionary:entry", args=[theirs.pk]))
    assert Entry.objects.count() == 1


def test_too_many_waiting_suggestions_are_refused(teacher_client, teacher):
    for number in range(MAX_PENDING):
        make_entry(f"mot{number}", lang="fr", status="pending", contributed_by=teacher)

    response = teacher_client.post(URL, _data())

    assertContains(response, f"You have {MAX_PENDING} words waiting for a moderator.")
    assert not Entry.objects.filter(headword="maisonnette").exists()


def test_the_word_is_found_once_published(teacher_client, student_client):
    teacher_client.post(URL, _data(translations_ru="домишко"))
    entry = Entry.objects.get(headword="maisonnette")
    assert search(query="maisonnette").entries == []
    assertContains(
        student_client.get(reverse("dictionary:search"), {"q": "домишко"}), "No words found"
    )

    services.entry_publish(entry_ids=[entry.pk])  # what the admin's Publish does

    assert search(query="maisonnette").entries == [entry]
    assert search(query="домишко").entries == [entry]
    response = student_client.get(reverse("dictionary:search"), {"q": "домишко"})
    assertContains(response, reverse("dictionary:entry", args=[entry.pk]))


def test_the_search_offers_to_suggest_a_missing_word(teacher_client):
    make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])
    search_url = reverse("dictionary:search")

    missing = teacher_client.get(search_url, {"q": "maisonnette", "language": "fr"})
    found = teacher_client.get(search_url, {"q": "maison"})
    fragment = teacher_client.get(search_url, {"q": "zzz"}, headers={"HX-Request": "true"})

    assertContains(missing, "Not in the dictionary?")
    assertContains(
        missing, f'href="{URL}?q=maisonnette&amp;language=fr" role="button" class="outline"'
    )
    assertContains(found, f'<a href="{URL}?q=maison">Suggest it</a>', html=True)
    assertContains(fragment, f"{URL}?q=zzz")
    assertContains(found, f'href="{reverse("dictionary:suggestions")}"')


def test_similar_spellings_alone_still_offer_to_suggest(teacher_client, monkeypatch):
    """On PostgreSQL "maisonnette" brings "maison" as a similar spelling: not the word sought."""
    from apps.dictionary import selectors

    maison = make_entry("maison", lang="fr", gender="f")
    monkeypatch.setattr(selectors, "_similar", lambda *args, **kwargs: [maison])

    response = teacher_client.get(reverse("dictionary:search"), {"q": "maisonnette"})

    assertContains(response, "Similar spellings")
    assertContains(response, f'href="{URL}?q=maisonnette" role="button" class="outline"')
