"""The teacher's page of a student's words: progress, adding words, and who may see it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson
from apps.vocabulary import services
from apps.vocabulary.models import CardState, ReviewLog, Word, WordList

from .factories import language, make_word

NOW = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_it_shows_words_and_progress(teacher_client, student):
    learned = make_word(student, "le chat", "кошка")
    Word.objects.filter(pk=learned.pk).update(state=CardState.REVIEW, due=NOW + timedelta(days=5))
    word = make_word(student, "la maison", "дом")
    ReviewLog.objects.create(word=word, rating=3, reviewed_at=NOW - timedelta(days=1), mode="type")
    ReviewLog.objects.create(word=word, rating=1, reviewed_at=NOW - timedelta(days=2), mode="type")
    ReviewLog.objects.create(word=word, rating=1, reviewed_at=NOW - timedelta(days=40), mode="type")

    response = teacher_client.get(reverse("vocabulary:student", args=[student.pk]))

    assertContains(response, "Sasha Student's words")
    assertContains(response, "le chat")
    list_create = reverse("vocabulary:student_list_create", args=[student.pk])
    assertContains(response, f'action="{list_create}" class="list-form"')
    assertContains(response, "la maison")
    progress = response.context["progress"]
    assert (progress.total, progress.due_today, progress.learned) == (2, 1, 1)
    assert progress.retention_30d == 0.5
    assertContains(response, "50%")
    assertNotContains(response, "Delete")


def test_teacher_adds_a_word_by_hand(teacher_client, teacher, student):
    response = teacher_client.post(
        reverse("vocabulary:student_add", args=[student.pk]),
        {"text": "the cat", "translation": "кошка", "language": language("en").pk},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("vocabulary:student", args=[student.pk])
    word = Word.objects.get()
    assert (word.student, word.added_by) == (student, teacher)


def test_teacher_duplicate_by_hand(teacher_client, student):
    make_word(student, "the cat", "кошка", code="en")

    response = teacher_client.post(
        reverse("vocabulary:student_add", args=[student.pk]),
        {"text": "The cat", "translation": "кот", "language": language("en").pk},
        headers={"HX-Request": "true"},
    )

    assertContains(response, "Sasha Student already has “the cat” among their words.")
    assert Word.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_teachers_get_404(client, other_teacher, student, method):
    client.force_login(other_teacher)
    name = "vocabulary:student" if method == "get" else "vocabulary:student_add"

    response = getattr(client, method)(reverse(name, args=[student.pk]))

    assert response.status_code == 404


def test_students_cannot_see_the_teacher_page(student_client, student):
    response = student_client.get(reverse("vocabulary:student", args=[student.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("count", [5, 50])
def test_query_count(teacher_client, teacher, student, count, django_assert_max_num_queries):
    project = make_project(teacher, students=(student,), language="fr")
    Lesson.objects.create(
        project=project, start=NOW + timedelta(days=2), end=NOW + timedelta(days=2, hours=1)
    )
    food = WordList.objects.create(student=student, name="Food")
    for index in range(count):
        word = make_word(student, f"mot {index}", "слово", word_list=food)
        services.word_review(word=word, rating=1, mode="recall", now=NOW - timedelta(days=1))

    with django_assert_max_num_queries(20):
        response = teacher_client.get(reverse("vocabulary:student", args=[student.pk]))

    assert response.status_code == 200
    assert len(response.context["warm_up"]) == min(count, 10)


def test_teacher_makes_a_list_for_a_project(teacher_client, teacher, student, other_teacher):
    project = make_project(teacher, students=(student,), language="fr", title="French A2")
    make_project(other_teacher, students=(student,), title="Their English")
    page = teacher_client.get(reverse("vocabulary:student", args=[student.pk]))
    assertContains(page, "French A2")
    assertNotContains(page, "Their English")  # another teacher's project is not offered

    response = teacher_client.post(
        reverse("vocabulary:student_list_create", args=[student.pk]),
        {"name": "Unit 3", "project": project.pk},
        follow=True,
    )

    food = WordList.objects.get()
    assert (food.student, food.name, food.project) == (student, "Unit 3", project)
    assertContains(response, "The list “Unit 3” is created.")
    # The new list is offered when the teacher adds a word for the student.
    assertContains(response, f'<option value="{food.pk}">Unit 3</option>', html=True)


def test_teacher_list_name_taken(teacher_client, student):
    WordList.objects.create(student=student, name="Food")

    response = teacher_client.post(
        reverse("vocabulary:student_list_create", args=[student.pk]), {"name": "food"}, follow=True
    )

    assertContains(response, "Sasha Student already has a list with this name.")
    assert WordList.objects.count() == 1


def test_other_teachers_cannot_make_lists(client, other_teacher, student):
    client.force_login(other_teacher)

    response = client.post(
        reverse("vocabulary:student_list_create", args=[student.pk]), {"name": "Food"}
    )

    assert response.status_code == 404
    assert not WordList.objects.exists()


def test_students_page_counts_each_students_words(
    teacher_client, teacher, student, other_student, django_assert_max_num_queries
):
    learned = make_word(student, "le chat", "кошка")
    Word.objects.filter(pk=learned.pk).update(state=CardState.REVIEW, due=NOW + timedelta(days=5))
    make_word(student, "la maison", "дом")
    make_word(other_student, "le pain", "хлеб")  # another teacher's student

    with django_assert_max_num_queries(8):
        response = teacher_client.get(reverse("vocabulary:students"))

    (row,) = response.context["students"]
    assert (row, row.word_count, row.learned_count, row.due_count) == (student, 2, 1, 1)
    assertContains(response, reverse("vocabulary:student", args=[student.pk]))
    assertNotContains(response, "Olga Other")


def test_students_page_is_for_teachers(student_client):
    assert student_client.get(reverse("vocabulary:students")).status_code == 403
