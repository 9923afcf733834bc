"""My suggestions: the member's words, waiting ones first, in a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.dictionary.models import Entry

from .factories import make_entry

URL = reverse("dictionary:suggestions")


def test_it_works(teacher_client, teacher, other_teacher):
    published = make_entry(
        "cabane", lang="fr", gender="f", contributed_by=teacher, translations=[("ru", "хижина")]
    )
    pending = make_entry(
        "maisonnette",
        lang="fr",
        gender="f",
        status=Entry.Status.PENDING,
        contributed_by=teacher,
        translations=[("ru", "домик")],
    )
    theirs = make_entry(
        "chalet", lang="fr", status=Entry.Status.PENDING, contributed_by=other_teacher
    )
    imported = make_entry("maison", lang="fr")

    response = teacher_client.get(URL)

    assert list(response.context["page"].object_list) == [pending, published]
    assertContains(response, "waiting for moderation")
    assertContains(response, "published")
    assertContains(response, "хижина")
    assertContains(response, reverse("dictionary:suggestion_edit", args=[pending.pk]))
    assertNotContains(response, reverse("dictionary:suggestion_edit", args=[published.pk]))
    for entry in (theirs, imported):
        assertNotContains(response, reverse("dictionary:entry", args=[entry.pk]))


def test_it_says_when_there_is_none(student_client):
    assertContains(student_client.get(URL), "You have not suggested any words yet.")


def test_it_requires_login(client, db):
    assert client.get(URL).status_code == 302


def test_the_number_of_queries_is_fixed(teacher_client, teacher, django_assert_max_num_queries):
    make_entry("mot0", lang="fr", contributed_by=teacher, translations=[("ru", "слово")])
    teacher_client.get(URL)
    with django_assert_max_num_queries(12) as captured:
        teacher_client.get(URL)
    for number in range(1, 15):
        make_entry(
            f"mot{number}",
            lang="fr",
            status=Entry.Status.PENDING if number % 2 else Entry.Status.PUBLISHED,
            contributed_by=teacher,
            translations=[("ru", "слово"), ("en", "word")],
        )

    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = teacher_client.get(URL)

    assert len(response.context["page"].object_list) == 15
