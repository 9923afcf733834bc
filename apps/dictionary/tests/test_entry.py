"""The entry page: the gender cannot be missed; forms, meanings, examples, sources."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary.models import Audio, Example, Source
from apps.dictionary.sample_data import load_sample

from .factories import make_entry


def _url(entry) -> str:
    return reverse("dictionary:entry", args=[entry.pk])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_works(teacher_client, db):
    entry = make_entry(
        "house",
        ipa="haʊs",
        forms={"plural": "houses"},
        translations=[("ru", "дом"), ("ru", "здание")],
    )
    Example.objects.create(entry=entry, text="A big house.", translation="Большой дом.")
    source = Source.objects.create(slug="test", name="Test dictionary", licence="CC BY-SA 4.0")
    entry.sources.add(source)

    response = teacher_client.get(_url(entry))

    assert response.status_code == 200
    assertContains(response, '<span class="headword">house</span>', html=True)
    assertContains(response, "/haʊs/")
    assertContains(response, "<dt>plural</dt>", html=True)
    assertContains(response, "дом, здание")
    assertContains(response, "A big house.")
    assertContains(response, "Большой дом.")
    assertContains(response, "Test dictionary")
    assertContains(response, "licence: CC BY-SA 4.0")


def test_it_requires_login(client, db):
    entry = make_entry("house")

    response = client.get(_url(entry))

    assert response.status_code == 302


def test_an_unknown_entry_is_not_found(teacher_client, db):
    assert teacher_client.get(reverse("dictionary:entry", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("headword", "gender", "html"),
    [
        (
            "livre",
            "m",
            '<span class="headword gender-m"><span class="article">le</span> livre</span>',
        ),
        (
            "maison",
            "f",
            '<span class="headword gender-f"><span class="article">la</span> maison</span>',
        ),
        (
            "héros",
            "m",
            '<span class="headword gender-m"><span class="article">le</span> héros</span>',
        ),
        (
            "école",
            "f",
            '<span class="headword gender-f"><span class="article">l\'</span>école</span>',
        ),
        (
            "homme",
            "m",
            '<span class="headword gender-m"><span class="article">l\'</span>homme</span>',
        ),
    ],
)
def test_french_nouns_show_their_article_in_the_gender_colour(
    student_client, db, headword, gender, html
):
    entry = make_entry(headword, lang="fr", gender=gender)

    response = student_client.get(_url(entry))

    assertContains(response, html, html=True)
    name = "feminine" if gender == "f" else "masculine"
    assertContains(response, f'<span class="gender-{gender}">{name}</span>', html=True)


def test_l_apostrophe_still_says_the_gender(student_client, db):
    entry = make_entry("école", lang="fr", gender="f")

    response = student_client.get(_url(entry))

    assertContains(
        response, '<abbr class="gender-label gender-f" title="feminine">(f.)</abbr>', html=True
    )


def test_the_six_sample_nouns(teacher_client, db):
    load_sample()
    expected = {
        "livre": "le",
        "maison": "la",
        "musée": "le",
        "fin": "la",
        "silence": "le",
        "page": "la",
    }
    from apps.dictionary.models import Entry

    for headword, article in expected.items():
        entry = Entry.objects.get(language__code="fr", headword=headword, part_of_speech="noun")
        response = teacher_client.get(_url(entry))
        assertContains(response, f'<span class="article">{article}</span> {headword}', html=False)


def test_english_words_have_no_article(teacher_client, db):
    entry = make_entry("book", gender="")

    response = teacher_client.get(_url(entry))

    assertNotContains(response, 'class="article"')


def test_the_pronunciation_plays_in_the_page(teacher_client, db):
    entry = make_entry("house")
    Audio.objects.create(
        entry=entry, file="dictionary/1/house.ogg", content_type="audio/ogg", origin="recorded"
    )

    response = teacher_client.get(_url(entry))

    audio = entry.audio.get()
    assertContains(response, f'<audio id="audio-{audio.pk}" controls preload="none">')
    assertContains(
        response,
        f'<button type="button" class="outline play-audio" data-play-audio'
        f' aria-controls="audio-{audio.pk}">▶ Listen</button>',
        html=True,
    )
    assertContains(response, 'src="/static/js/dictionary.js"')
    assertContains(
        response, '<source src="/media/dictionary/1/house.ogg" type="audio/ogg">', html=True
    )
    assertNotContains(response, "Generate pronunciation")


def test_teachers_see_the_upload_forms_and_students_do_not(client, teacher, student, db):
    entry = make_entry("house")
    client.force_login(teacher)
    assertContains(client.get(_url(entry)), "Upload the recording")
    client.force_login(student)
    assertNotContains(client.get(_url(entry)), "Upload the recording")


def test_the_number_of_queries_is_fixed(teacher_client, db, django_assert_max_num_queries):
    small = make_entry("small", translations=[("ru", "маленький")])
    big = make_entry("big", translations=[("ru", "большой"), ("en", "large")])
    for number in range(5):
        Example.objects.create(entry=big, text=f"Example {number}")
        Audio.objects.create(
            entry=big, file=f"a{number}.ogg", content_type="audio/ogg", origin="recorded"
        )
    teacher_client.get(_url(small))

    with django_assert_max_num_queries(12) as captured:
        teacher_client.get(_url(small))
    with django_assert_max_num_queries(len(captured.captured_queries)):
        teacher_client.get(_url(big))


def test_a_pending_entry_is_seen_only_by_its_contributor_and_staff(
    client, teacher, other_teacher, student, admin_user
):
    entry = make_entry("maisonnette", lang="fr", status="pending", contributed_by=teacher)

    client.force_login(teacher)
    assertContains(client.get(_url(entry)), "waits for a moderator")
    client.force_login(admin_user)
    assert client.get(_url(entry)).status_code == 200
    for user in (other_teacher, student):
        client.force_login(user)
        assert client.get(_url(entry)).status_code == 404
        assert client.get(reverse("dictionary:audio_upload", args=[entry.pk])).status_code in (
            403,
            404,
        )


def test_a_pending_entry_is_not_found_by_search(teacher_client, db):
    make_entry("maisonnette", lang="fr", status="pending")

    response = teacher_client.get(reverse("dictionary:search"), {"q": "maisonnette"})

    assertContains(response, "No words found")
