"""Adding a word met in an exercise: it keeps its sentence and says which exercise it came from."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.exercises.models import Attempt, Exercise, Kind
from apps.vocabulary.models import Word, WordSource

from .factories import language


def make_exercise(author, title="Au marché"):
    return Exercise.objects.create(
        author=author, title=title, kind=Kind.GAP_FILL, language=language("fr")
    )


def attempted(exercise, student):
    Attempt.objects.create(exercise=exercise, student=student)
    return exercise


def word_data(**extra):
    return {
        "text": "la pomme",
        "translation": "яблоко",
        "language": language("fr").pk,
        "context": "Je voudrais une pomme.",
        **extra,
    }


def test_student_adds_a_word_from_an_exercise_they_did(student_client, student, teacher):
    exercise = attempted(make_exercise(teacher), student)
    page = student_client.get(reverse("vocabulary:list"))
    assertContains(page, "From an exercise")
    assertContains(page, "Au marché")

    student_client.post(reverse("vocabulary:add"), word_data(exercise=exercise.pk))

    word = Word.objects.get()
    assert (word.source, word.source_note, word.context) == (
        WordSource.EXERCISE,
        "Au marché",
        "Je voudrais une pomme.",
    )
    assertContains(student_client.get(reverse("vocabulary:list")), "Au marché")


def test_teacher_adds_a_word_from_an_exercise_of_theirs(teacher_client, teacher, student):
    exercise = attempted(make_exercise(teacher), student)

    teacher_client.post(
        reverse("vocabulary:student_add", args=[student.pk]), word_data(exercise=exercise.pk)
    )

    word = Word.objects.get()
    assert (word.student, word.added_by, word.source) == (student, teacher, WordSource.EXERCISE)


@pytest.mark.parametrize("whose", ["not_done", "other_teachers_private"])
def test_other_exercises_are_refused(teacher_client, other_teacher, student, teacher, whose):
    if whose == "not_done":
        exercise = make_exercise(teacher)
    else:
        exercise = attempted(make_exercise(other_teacher, "Secret"), student)

    response = teacher_client.post(
        reverse("vocabulary:student_add", args=[student.pk]), word_data(exercise=exercise.pk)
    )

    assertContains(response, "Select a valid choice.")
    assert not Word.objects.exists()
