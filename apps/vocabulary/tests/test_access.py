"""Every URL about a word or list answers 404 to anyone but its student."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.vocabulary.models import ReviewLog, Word, WordList

from .factories import make_word

WORD_URLS = [
    "vocabulary:move",
    "vocabulary:delete",
    "vocabulary:review_answer",
    "vocabulary:review_grade",
]


@pytest.fixture
def word(student):
    return make_word(student)


@pytest.mark.parametrize("name", WORD_URLS)
def test_another_student_gets_404(client, other_student, word, name):
    client.force_login(other_student)

    response = client.post(reverse(name, args=[word.pk]), {"rating": 3, "word_list": ""})

    assert response.status_code == 404
    assert Word.objects.filter(pk=word.pk, word_list=None).exists()
    assert not ReviewLog.objects.exists()


@pytest.mark.parametrize("name", WORD_URLS)
def test_teachers_are_refused(teacher_client, word, name):
    response = teacher_client.post(reverse(name, args=[word.pk]), {"rating": 3})

    assert response.status_code == 403
    assert Word.objects.filter(pk=word.pk).exists()


@pytest.mark.parametrize("name", WORD_URLS)
def test_it_requires_login(client, word, name):
    response = client.post(reverse(name, args=[word.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", WORD_URLS)
def test_it_rejects_get(student_client, word, name):
    assert student_client.get(reverse(name, args=[word.pk])).status_code == 405


def test_another_students_list_cannot_be_deleted(client, student, other_student):
    food = WordList.objects.create(student=student, name="Food")
    client.force_login(other_student)

    response = client.post(reverse("vocabulary:list_delete", args=[food.pk]))

    assert response.status_code == 404
    assert WordList.objects.filter(pk=food.pk).exists()


def test_another_students_list_is_not_a_filter(client, student, other_student):
    food = WordList.objects.create(student=student, name="Food")
    make_word(student, "le pain", word_list=food)
    client.force_login(other_student)

    response = client.get(reverse("vocabulary:list"), {"list": food.pk})

    assert b"le pain" not in response.content


@pytest.mark.parametrize("name", ["vocabulary:list", "vocabulary:review", "vocabulary:settings"])
def test_student_pages_refuse_teachers(teacher_client, name):
    assert teacher_client.get(reverse(name)).status_code == 403


def test_pending_teacher_is_sent_to_wait(client, pending_teacher, student):
    client.force_login(pending_teacher)

    response = client.get(reverse("vocabulary:student", args=[student.pk]))

    assert response["Location"] == reverse("accounts:awaiting_approval")
