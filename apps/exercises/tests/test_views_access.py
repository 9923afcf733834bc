"""Who may open what: the list, the exercise page, the player and attempts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.exercises.models import Attempt, Kind, LibraryState
from conftest import make_user

from .factories import make_exercise

TF = [{"statement": "S.", "correct": True}]


@pytest.fixture
def own(teacher):
    return make_exercise(Kind.TRUE_FALSE, TF, author=teacher, title="Own private")


@pytest.fixture
def others_private(other_teacher):
    return make_exercise(Kind.TRUE_FALSE, TF, author=other_teacher, title="Other's private")


@pytest.fixture
def others_pending(other_teacher):
    return make_exercise(
        Kind.TRUE_FALSE, TF, author=other_teacher, library_state=LibraryState.PENDING
    )


@pytest.fixture
def library(other_teacher):
    return make_exercise(
        Kind.TRUE_FALSE, TF, author=other_teacher, library_state=LibraryState.APPROVED
    )


def detail(exercise):
    return reverse("exercises:detail", args=[exercise.pk])


def play(exercise):
    return reverse("exercises:play", args=[exercise.pk])


@pytest.mark.parametrize("name", ["exercises:list", "exercises:mine"])
def test_lists_require_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_require_login(client, library):
    for url in (detail(library), play(library)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_list_is_for_teachers(student_client):
    assert student_client.get(reverse("exercises:list")).status_code == 403


def test_my_exercises_is_for_students(teacher_client):
    assert teacher_client.get(reverse("exercises:mine")).status_code == 403


def test_a_pending_teacher_is_sent_to_wait(client, pending_teacher, library):
    client.force_login(pending_teacher)
    for url in (reverse("exercises:list"), detail(library), play(library)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:awaiting_approval")


def test_a_teacher_sees_own_and_library(teacher_client, own, library):
    for exercise in (own, library):
        assert teacher_client.get(detail(exercise)).status_code == 200
        assert teacher_client.get(play(exercise)).status_code == 200


def test_a_teacher_never_reaches_another_teachers_private_exercise(
    teacher_client, others_private, others_pending
):
    for exercise in (others_private, others_pending):
        assert teacher_client.get(detail(exercise)).status_code == 404
        assert teacher_client.get(play(exercise)).status_code == 404
        assert teacher_client.post(play(exercise), {}).status_code == 404


def test_a_student_plays_library_exercises(student_client, library):
    assert student_client.get(play(library)).status_code == 200
    response = student_client.get(detail(library))
    assert response.status_code == 302
    assert response["Location"] == play(library)


def test_a_student_never_opens_a_private_exercise(student_client, student, own):
    assert student_client.get(play(own)).status_code == 404
    assert student_client.get(detail(own)).status_code == 404
    assert student_client.post(play(own), {f"i{own.items.get().pk}": "true"}).status_code == 404
    assert not Attempt.objects.exists()


def test_a_student_opens_an_exercise_assigned_to_them(student_client, student, own, monkeypatch):
    from apps.exercises import selectors

    monkeypatch.setattr(selectors, "assigned_exercise_ids", lambda s: {own.pk})

    assert student_client.get(play(own)).status_code == 200


def test_a_missing_exercise_is_404(teacher_client):
    assert teacher_client.get(reverse("exercises:detail", args=[999999])).status_code == 404


def test_an_administrator_without_a_teaching_role_gets_404(client, library):
    admin = make_user("plain.admin@example.com", "Plain Admin", Role.ADMIN)
    client.force_login(admin)
    assert client.get(play(library)).status_code == 404
    assert client.get(detail(library)).status_code == 404


# Attempts


def attempt_url(attempt):
    return reverse("exercises:attempt", args=[attempt.pk])


def make_attempt(exercise, student, score=100):
    return Attempt.objects.create(
        exercise=exercise,
        student=student,
        answers={},
        results=[],
        score=score,
        points=1,
        max_points=1,
    )


def test_a_student_sees_their_own_attempt(student_client, student, library):
    attempt = make_attempt(library, student)
    response = student_client.get(attempt_url(attempt))
    assert response.status_code == 200
    assert b"Score: 100%" in response.content


def test_a_student_never_sees_another_students_attempt(student_client, other_student, library):
    attempt = make_attempt(library, other_student)
    assert student_client.get(attempt_url(attempt)).status_code == 404


def test_a_teacher_sees_their_students_attempts_only(
    teacher_client, student, other_student, library
):
    mine = make_attempt(library, student)
    theirs = make_attempt(library, other_student)

    assert teacher_client.get(attempt_url(mine)).status_code == 200
    assert teacher_client.get(attempt_url(theirs)).status_code == 404
