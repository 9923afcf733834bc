"""The student's dashboard shows how many words are due today, with a link to review them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.vocabulary.models import Word

from .factories import make_word

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_it_shows_the_words_due_today(student_client, student):
    make_word(student, "la maison")
    make_word(student, "le chat")
    later = make_word(student, "le pain")
    Word.objects.filter(pk=later.pk).update(due=NOW + timedelta(days=3))

    response = student_client.get(reverse("common:home"))

    assertContains(response, "2 words due today.")
    assertContains(response, f'href="{reverse("vocabulary:review")}"')


def test_nothing_due(student_client, student):
    response = student_client.get(reverse("common:home"))

    assertContains(response, "No words due today.")
    assertNotContains(response, f'href="{reverse("vocabulary:review")}"')


def test_another_students_words_do_not_count(student_client, other_student):
    make_word(other_student, "la maison")

    response = student_client.get(reverse("common:home"))

    assertContains(response, "No words due today.")
