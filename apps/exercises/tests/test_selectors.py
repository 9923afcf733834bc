"""Who sees which exercise and attempt."""

from __future__ import annotations

import pytest
from django.http import Http404

from apps.exercises import selectors, services
from apps.exercises.models import Kind, LibraryState

from .factories import make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercises(teacher, other_teacher):
    def make(title, author, state):
        return make_exercise(
            Kind.GAP_FILL, [{"text": "A {b}."}], author=author, title=title, library_state=state
        )

    return {
        "own": make("own", teacher, LibraryState.PRIVATE),
        "own_pending": make("own pending", teacher, LibraryState.PENDING),
        "library": make("library", None, LibraryState.APPROVED),
        "others_approved": make("others approved", other_teacher, LibraryState.APPROVED),
        "others_private": make("others private", other_teacher, LibraryState.PRIVATE),
        "others_pending": make("others pending", other_teacher, LibraryState.PENDING),
        "others_rejected": make("others rejected", other_teacher, LibraryState.REJECTED),
    }


def test_teacher_sees_own_and_library_only(teacher, exercises):
    titles = {e.title for e in selectors.exercises_for_teacher(teacher)}
    assert titles == {"own", "own pending", "library", "others approved"}


def test_teacher_never_opens_another_teachers_private_exercise(teacher, exercises):
    for key in ("others_private", "others_pending", "others_rejected"):
        with pytest.raises(Http404):
            selectors.exercise_for_teacher_or_404(teacher, exercises[key].pk)
    assert selectors.exercise_for_teacher_or_404(teacher, exercises["library"].pk)
    with pytest.raises(Http404):
        selectors.exercise_for_teacher_or_404(teacher, exercises["library"].pk, editable=True)
    assert selectors.exercise_for_teacher_or_404(teacher, exercises["own"].pk, editable=True)
    with pytest.raises(Http404):
        selectors.exercise_for_teacher_or_404(teacher, "nonsense")


def test_student_opens_the_library_only(student, exercises):
    assert selectors.assigned_exercise_ids(student) == set()
    assert selectors.student_may_open(student, exercises["library"])
    assert selectors.student_may_open(student, exercises["others_approved"])
    assert not selectors.student_may_open(student, exercises["own"])
    with pytest.raises(Http404):
        selectors.exercise_for_student_or_404(student, exercises["own"].pk)


def test_assigned_exercises_open_through_the_homework_hook(student, exercises, monkeypatch):
    monkeypatch.setattr(selectors, "assigned_exercise_ids", lambda s: {exercises["own"].pk})
    assert selectors.student_may_open(student, exercises["own"])


def test_list_query_count_does_not_grow(teacher, exercises, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rows = [
            (e.title, e.language.code, e.item_count, list(e.tags.all()))
            for e in selectors.exercises_for_teacher(teacher)
        ]
    assert len(rows) == 4


def test_attempts_are_seen_by_the_students_teacher_only(
    teacher, other_teacher, student, other_student, exercises
):
    exercise = exercises["library"]
    mine = services.attempt_record(exercise=exercise, student=student, answers={})
    theirs = services.attempt_record(exercise=exercise, student=other_student, answers={})
    assert list(selectors.attempts_for_teacher(teacher)) == [mine]
    assert selectors.attempt_for_teacher_or_404(teacher, mine.pk) == mine
    with pytest.raises(Http404):
        selectors.attempt_for_teacher_or_404(teacher, theirs.pk)
    with pytest.raises(Http404):
        selectors.attempt_for_student_or_404(student, theirs.pk)
    assert selectors.attempt_for_student_or_404(student, mine.pk) == mine
