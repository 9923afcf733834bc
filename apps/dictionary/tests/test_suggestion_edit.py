"""Changing and withdrawing a suggested word: its contributor and staff, while it waits."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary.models import Audio, Entry, Example, Sense, Translation

from .factories import make_entry


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def suggested(teacher):
    entry = make_entry(
        "maisonnette",
        lang="fr",
        gender="f",
        status=Entry.Status.PENDING,
        contributed_by=teacher,
        translations=[("ru", "домик"), ("en", "small house")],
    )
    Example.objects.create(entry=entry, text="Une maisonnette.", translation="Домик.")
    return entry


def _edit(entry) -> str:
    return reverse("dictionary:suggestion_edit", args=[entry.pk])


def _delete(entry) -> str:
    return reverse("dictionary:suggestion_delete", args=[entry.pk])


def _entry(entry) -> str:
    return reverse("dictionary:entry", args=[entry.pk])


def _data(**changes) -> dict:
    data = {
        "language": "fr",
        "headword": "maisonnette",
        "part_of_speech": "noun",
        "gender": "f",
        "ipa": "mɛzɔnɛt",
        "translations_ru": "домишко\nдомик",
        "translations_en": "",
        "example": "La maisonnette est petite.",
        "example_translation": "",
    }
    data.update(changes)
    return data


def test_the_form_shows_the_word(teacher_client, suggested):
    response = teacher_client.get(_edit(suggested))

    form = response.context["form"]
    assert form["headword"].value() == "maisonnette"
    assert form["gender"].value() == "f"
    assert form["translations_ru"].value() == "домик"
    assert form["translations_en"].value() == "small house"
    assert form["example"].value() == "Une maisonnette."
    assert form["example_translation"].value() == "Домик."


def test_it_works(teacher_client, suggested):
    response = teacher_client.post(_edit(suggested), _data())

    assert response.status_code == 302
    assert response.url == _entry(suggested)
    suggested.refresh_from_db()
    assert suggested.ipa == "mɛzɔnɛt"
    assert suggested.status == Entry.Status.PENDING
    assert list(
        Translation.objects.filter(sense__entry=suggested).values_list("language__code", "text")
    ) == [("ru", "домишко"), ("ru", "домик")]
    assert list(Example.objects.filter(entry=suggested).values_list("text", "translation")) == [
        ("La maisonnette est petite.", "")
    ]


def test_an_empty_example_removes_it(teacher_client, suggested):
    teacher_client.post(_edit(suggested), _data(example=""))

    assert not Example.objects.filter(entry=suggested).exists()


def test_senses_a_moderator_added_stay(teacher_client, suggested):
    second = Sense.objects.create(entry=suggested, position=1, definition="un abri")

    teacher_client.post(_edit(suggested), _data())

    assert list(suggested.senses.order_by("position")) == [suggested.senses.first(), second]
    assert Sense.objects.filter(entry=suggested).count() == 2


def test_bad_input_changes_nothing(teacher_client, suggested):
    response = teacher_client.post(_edit(suggested), _data(gender="", translations_ru="x"))

    assertContains(response, "Choose the gender: every French noun has one.")
    suggested.refresh_from_db()
    assert suggested.gender == "f"
    assert Translation.objects.filter(sense__entry=suggested).count() == 2


def test_it_refuses_to_become_a_published_word(teacher_client, suggested):
    published = make_entry("cabane", lang="fr", gender="f")

    response = teacher_client.post(_edit(suggested), _data(headword="cabane"))

    assertContains(response, "“cabane” (noun) is in the dictionary already.")
    assertContains(response, _entry(published))
    suggested.refresh_from_db()
    assert suggested.headword == "maisonnette"


def test_it_requires_login(client, suggested):
    assert client.get(_edit(suggested)).status_code == 302
    assert client.post(_delete(suggested)).status_code == 302
    assert Entry.objects.filter(pk=suggested.pk).exists()


def test_it_checks_ownership(client, suggested, other_teacher, student):
    """Other members neither see, change nor withdraw someone's waiting word."""
    for user in (other_teacher, student):
        client.force_login(user)
        assert client.get(_entry(suggested)).status_code == 404
        assert client.get(_edit(suggested)).status_code == 404
        assert client.post(_edit(suggested), _data(headword="piratée")).status_code == 404
        assert client.get(_delete(suggested)).status_code == 404
        assert client.post(_delete(suggested)).status_code == 404
    suggested.refresh_from_db()
    assert suggested.headword == "maisonnette"


def test_others_do_not_get_a_published_word_either(client, suggested, other_teacher):
    Entry.objects.filter(pk=suggested.pk).update(status=Entry.Status.PUBLISHED)
    client.force_login(other_teacher)

    assert client.get(_entry(suggested)).status_code == 200
    assert client.get(_edit(suggested)).status_code == 404
    assert client.post(_delete(suggested)).status_code == 404


def test_staff_change_and_withdraw_it(client, suggested, admin_user):
    client.force_login(admin_user)

    page = client.get(_entry(suggested))
    changed = client.post(_edit(suggested), _data(ipa="mɛzɔnɛt"))

    assertContains(page, "Suggested by Tatiana Teacher.")
    assertContains(page, _edit(suggested))
    assert changed.status_code == 302
    suggested.refresh_from_db()
    assert suggested.ipa == "mɛzɔnɛt"
    assert suggested.contributed_by.name == "Tatiana Teacher"  # still theirs
    assert client.post(_delete(suggested)).status_code == 302
    assert not Entry.objects.filter(pk=suggested.pk).exists()


def test_the_entry_page_offers_change_and_withdraw_to_its_contributor(client, suggested, teacher):
    client.force_login(teacher)

    response = client.get(_entry(suggested))

    assertContains(response, "waiting for moderation")
    assertContains(response, "only you and the moderators see it")
    assertContains(response, f'href="{_edit(suggested)}"')
    assertContains(response, f'href="{_delete(suggested)}"')


def test_a_published_word_is_the_moderators(teacher_client, suggested):
    Entry.objects.filter(pk=suggested.pk).update(status=Entry.Status.PUBLISHED)

    page = teacher_client.get(_entry(suggested))
    edit = teacher_client.post(_edit(suggested), _data(headword="autre"), follow=True)
    delete = teacher_client.post(_delete(suggested), follow=True)

    assertNotContains(page, _edit(suggested))
    assertContains(page, "You suggested this word. Thank you!")
    for response in (edit, delete):
        assert response.redirect_chain == [(_entry(suggested), 302)]
        assertContains(response, "This word is published already: only moderators change it now.")
    suggested.refresh_from_db()
    assert suggested.headword == "maisonnette"


def test_withdrawing_asks_first(teacher_client, suggested):
    response = teacher_client.get(_delete(suggested))

    assertContains(response, "Withdraw “maisonnette”?")
    assert Entry.objects.filter(pk=suggested.pk).exists()


def test_withdrawing_deletes_the_word_and_its_files(teacher_client, suggested, tmp_path):
    audio = Audio(entry=suggested, content_type="audio/ogg", origin=Audio.Origin.RECORDED)
    audio.file.save("maisonnette.ogg", ContentFile(b"OggS"), save=True)
    path = tmp_path / audio.file.name
    assert path.exists()

    response = teacher_client.post(_delete(suggested), follow=True)

    assert response.redirect_chain == [(reverse("dictionary:suggestions"), 302)]
    assertContains(response, "“maisonnette” is withdrawn.")
    assert not Entry.objects.filter(pk=suggested.pk).exists()
    assert not Translation.objects.exists()
    assert not path.exists()
