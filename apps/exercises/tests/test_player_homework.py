"""The player opened from a homework (?homework=<id>): a way back to that homework, kept through
checking and "Try again"; ids of someone else's homework, or of a homework without this
exercise, are ignored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from apps.exercises.models import Kind, LibraryState
from apps.homework import services as homework_services
from apps.projects.tests.factories import make_project

from .factories import first_item, make_exercise


@pytest.fixture
def exercise(teacher):
    return make_exercise(
        Kind.TRUE_FALSE, [{"statement": "Paris is in France.", "correct": True}], author=teacher
    )


def give(teacher, student, exercises, **fields):
    project = make_project(teacher, students=(student,))
    return homework_services.homework_assign(
        teacher=teacher,
        project=project,
        student=student,
        title=fields.get("title", "Unit 3"),
        due_at=timezone.now() + timedelta(days=3),
        exercises=exercises,
    )


@pytest.fixture
def homework(teacher, student, exercise, mailoutbox):
    return give(teacher, student, [exercise])


def url(exercise, homework_id=None) -> str:
    base = reverse("exercises:play", args=[exercise.pk])
    return f"{base}?homework={homework_id}" if homework_id is not None else base


def back_link(homework) -> str:
    return f'href="{reverse("homework:detail", args=[homework.pk])}"'


def test_it_links_back_to_the_homework(student_client, exercise, homework):
    response = student_client.get(url(exercise, homework.pk))

    assertContains(response, "Back to homework")
    assertContains(response, back_link(homework))
    # The check goes to the same address, so the way back is still there after it.
    assertContains(response, f'hx-post="{url(exercise, homework.pk)}"')


def test_the_way_back_survives_the_check(student_client, student, exercise, homework):
    item = first_item(exercise)

    response = student_client.post(
        url(exercise, homework.pk), {f"i{item.pk}": "true"}, HTTP_HX_REQUEST="true"
    )

    assertContains(response, "Your score: 100%")
    assertContains(response, back_link(homework))
    assertContains(response, f'hx-get="{url(exercise, homework.pk)}"')  # "Try again"
    assertNotContains(response, reverse("exercises:mine"))


def test_without_homework_there_is_no_way_back(student_client, exercise, homework):
    response = student_client.get(url(exercise))

    assertNotContains(response, "Back to homework")


def test_someone_elses_homework_is_ignored(client, homework, other_teacher, other_student):
    library = make_exercise(
        Kind.TRUE_FALSE,
        [{"statement": "Lyon is in France.", "correct": True}],
        library_state=LibraryState.APPROVED,
    )
    theirs = give(other_teacher, other_student, [library])
    sashas = give(other_teacher, homework.student, [library])  # with this exercise too
    client.force_login(other_student)

    assertContains(client.get(url(library, theirs.pk)), back_link(theirs))
    for homework_id in (sashas.pk, homework.pk, "abc", "-1", "²", "", 10**30):
        response = client.get(url(library, homework_id))
        assert response.status_code == 200
        assertNotContains(response, "Back to homework")


def test_a_homework_without_this_exercise_is_ignored(student_client, teacher, student, homework):
    other = make_exercise(
        Kind.TRUE_FALSE,
        [{"statement": "Rome is in Italy.", "correct": True}],
        library_state=LibraryState.APPROVED,
    )

    response = student_client.get(url(other, homework.pk))

    assert response.status_code == 200
    assertNotContains(response, "Back to homework")


def test_a_teacher_trying_it_gets_no_homework_link(teacher_client, exercise, homework):
    response = teacher_client.get(url(exercise, homework.pk))

    assertContains(response, "Back to the exercise")
    assertNotContains(response, "Back to homework")
