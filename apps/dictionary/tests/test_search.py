"""The dictionary search: as-you-type, both directions, accents, ranking, filters, pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary.models import Entry
from apps.dictionary.selectors import PAGE_SIZE, search

from .factories import make_entry

URL = reverse("dictionary:search")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def words(db):
    return {
        "house": make_entry("house", frequency=5.7, translations=[("ru", "дом")]),
        "household": make_entry("household", frequency=4.0, translations=[("ru", "семья")]),
        "maison": make_entry(
            "maison",
            lang="fr",
            gender="f",
            frequency=5.5,
            translations=[("ru", "дом"), ("en", "house")],
        ),
        "ecole": make_entry(
            "école", lang="fr", gender="f", frequency=5.2, translations=[("ru", "школа")]
        ),
        "homework": make_entry(
            "homework", frequency=4.2, translations=[("ru", "домашнее задание")]
        ),
        "go": make_entry("go", pos="verb", frequency=6.5, translations=[("ru", "идти")]),
        "livre": make_entry(
            "livre", lang="fr", gender="m", frequency=5.0, translations=[("ru", "книга")]
        ),
    }


# Typo tolerance uses pg_trgm: PostgreSQL only (CI runs the suite on both databases).
only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo tolerance uses pg_trgm (PostgreSQL only)"
)


def _headwords(results) -> list[str]:
    return [entry.headword for entry in results.entries]


def test_it_works(teacher_client, words):
    response = teacher_client.get(URL, {"q": "house"})

    assert response.status_code == 200
    assertContains(response, "<h1>Dictionary</h1>", html=True)
    assertContains(response, 'hx-trigger="input changed delay:300ms, search"')
    assertContains(response, 'hx-push-url="true"')
    assertContains(response, f'href="{reverse("dictionary:entry", args=[words["house"].pk])}"')
    assertContains(response, "дом")


def test_students_search_too(student_client, words):
    response = student_client.get(URL, {"q": "maison"})

    assert response.status_code == 200
    assertContains(response, "maison")


def test_it_requires_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_pending_teacher_waits_for_approval(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:awaiting_approval")


def test_htmx_returns_the_results_fragment(teacher_client, words):
    response = teacher_client.get(URL, {"q": "livre"}, headers=HTMX)

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="dictionary-results"')
    assert "<h1>" not in content
    assertContains(response, '<span class="article">le</span> livre', html=False)


def test_a_russian_word_finds_english_and_french_words(words):
    assert set(_headwords(search(query="дом"))) >= {"house", "maison"}


def test_an_english_word_finds_the_french_word_it_translates(words):
    assert "maison" in _headwords(search(query="house", language="fr"))


def test_accents_and_case_do_not_matter(words):
    assert _headwords(search(query="ecole")) == ["école"]
    assert _headwords(search(query="ÉCOLE")) == ["école"]
    assert _headwords(search(query="House"))[0] == "house"


def test_russian_yo_and_ye_are_the_same(db):
    make_entry("tree", translations=[("ru", "ёлка")])

    assert _headwords(search(query="елка")) == ["tree"]


def test_exact_matches_come_first_then_prefixes_then_by_frequency(words):
    make_entry("houses", frequency=6.9)  # commoner, but only a prefix match

    assert _headwords(search(query="house")) == ["house", "maison", "houses", "household"]


def test_exact_translations_come_before_longer_ones(words):
    headwords = _headwords(search(query="дом"))

    assert headwords.index("homework") > headwords.index("maison")
    assert headwords.index("homework") > headwords.index("house")


def test_filters_language_and_part_of_speech(words):
    assert _headwords(search(query="дом", language="en")) == ["house", "homework"]
    assert _headwords(search(query="", part_of_speech="verb")) == ["go"]


def test_the_filters_are_in_the_page(teacher_client, words):
    response = teacher_client.get(URL, {"q": "дом", "language": "fr", "pos": "noun"})

    assertContains(response, "maison")
    assertNotContains(response, reverse("dictionary:entry", args=[words["homework"].pk]))
    assertContains(response, '<option value="fr" selected>French</option>', html=True)


def test_an_empty_query_lists_the_commonest_words(words):
    assert _headwords(search(query=""))[:2] == ["go", "house"]


def test_no_hits_says_so(teacher_client, words):
    response = teacher_client.get(URL, {"q": "zzzz"})

    assertContains(response, "No words found for “zzzz”.")


def test_bad_filters_are_ignored(teacher_client, words):
    response = teacher_client.get(URL, {"q": "house", "language": "xx", "page": "abc"})

    assert response.status_code == 200
    assertContains(response, "household")


def test_more_words_come_page_by_page(teacher_client, db):
    for number in range(PAGE_SIZE + 5):
        make_entry(f"word{number:02}", frequency=5 - number / 100)

    first = teacher_client.get(URL, {"q": "word"})
    assertContains(first, "word00")
    assertNotContains(first, f"word{PAGE_SIZE:02}")
    assertContains(first, "More words")
    assertContains(first, "?q=word&amp;page=2")

    more = teacher_client.get(URL, {"q": "word", "page": 2}, headers=HTMX)
    content = more.content.decode()
    assert "<section" not in content
    assert f"word{PAGE_SIZE:02}" in content
    assert f"word{PAGE_SIZE + 4:02}" in content
    assert "More words" not in content


def test_the_number_of_queries_does_not_grow_with_the_results(
    teacher_client, db, django_assert_max_num_queries
):
    # Session, user, entries by headword, exact translations, other translations, entries by
    # translation, the translations shown; on PostgreSQL similar spellings when few hits.
    most = 8 if connection.vendor == "postgresql" else 7
    make_entry("word", translations=[("ru", "слово")])
    with django_assert_max_num_queries(most):
        teacher_client.get(URL, {"q": "wor"})
    for number in range(40):
        make_entry(f"word{number}", translations=[("ru", "слово"), ("en", "word")])
    with django_assert_max_num_queries(7):
        teacher_client.get(URL, {"q": "word"})
    with django_assert_max_num_queries(7):
        teacher_client.get(URL, {"q": "слово", "page": 2})


@only_on_postgresql
def test_typos_find_similar_words_on_postgresql(words):
    assert "house" in _headwords(search(query="hous"))
    results = search(query="maisson")
    assert [entry.headword for entry in results.similar] == ["maison"]


@only_on_postgresql
def test_similar_spellings_are_shown_under_their_own_heading(teacher_client, words):
    response = teacher_client.get(URL, {"q": "maisson"})

    assertContains(response, "Similar spellings")
    assertContains(response, "maison")


def test_pages_follow_one_ranking_without_repeats(db):
    # Ranked: the headword itself, exact translations, headword prefixes, translation prefixes,
    # a word inside; each by frequency. Some entries match in two ways: their best way counts.
    expected = [make_entry("cat", frequency=3.0, translations=[("ru", "кошка")])]
    expected += [
        make_entry(f"chat{n}", lang="fr", frequency=5 - n / 10, translations=[("en", "cat")])
        for n in range(12)
    ]
    expected += [make_entry(f"cat{n:02}", frequency=6 - n / 10) for n in range(25)]
    expected += [
        make_entry(f"zz{n}", frequency=7 - n / 10, translations=[("en", "catalogue")])
        for n in range(10)
    ]
    expected += [make_entry(f"big cat{n}", frequency=4 - n / 10) for n in range(3)]
    # A headword prefix that is also a translation prefix: ranked as the headword prefix.
    both = make_entry("catalan", frequency=5.95, translations=[("en", "catalan language")])
    expected.insert(expected.index(Entry.objects.get(headword="cat01")), both)

    first, second = search(query="cat"), search(query="cat", page=2)

    assert first.has_more and not second.has_more
    assert _headwords(first) + _headwords(second) == [entry.headword for entry in expected]


def test_short_queries_look_only_at_word_starts(db):
    make_entry("hot dog", translations=[("ru", "хот-дог")])
    make_entry("dogma", translations=[("ru", "догма")])

    assert _headwords(search(query="do")) == ["dogma"]
    assert _headwords(search(query="dog")) == ["dogma", "hot dog"]


def test_an_exact_translation_is_found_among_many_that_start_alike(db, monkeypatch):
    monkeypatch.setattr("apps.dictionary.selectors.TRANSLATION_CANDIDATES", 3)
    for number in range(6):
        make_entry(f"home{number}", frequency=6, translations=[("ru", f"дома{number}")])
    make_entry("house", frequency=2, translations=[("ru", "дом")])

    headwords = _headwords(search(query="дом"))

    assert headwords[0] == "house"
    assert 1 <= len(headwords) - 1 <= 3  # some of the others, as many as the cap allows


@only_on_postgresql
def test_a_word_found_as_it_is_typed_gets_no_similar_spellings(words):
    make_entry("maisons", lang="fr", translations=[("ru", "дома")])

    assert search(query="maisons").similar == []
    assert search(query="школа").similar == []
    assert [entry.headword for entry in search(query="maisson").similar][:1] == ["maison"]
