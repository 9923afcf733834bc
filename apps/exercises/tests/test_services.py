"""Recording and marking attempts, best and last attempt, copying an exercise."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from apps.exercises import services
from apps.exercises.checking import BadAnswer
from apps.exercises.models import Attempt, Exercise, Kind, LibraryState, Tag

from .factories import first_item, make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps(teacher):
    return make_exercise(
        Kind.GAP_FILL, [{"text": "A {b}."}, {"text": "C {d} {e}."}], author=teacher
    )


def test_attempt_record_stores_results_and_score(gaps, student):
    first, second = gaps.items.all()
    started = timezone.now() - timedelta(minutes=3)
    attempt = services.attempt_record(
        exercise=gaps,
        student=student,
        answers={first.pk: ["b"], str(second.pk): ["d", "x"]},
        started_at=started,
    )
    attempt.refresh_from_db()
    assert attempt.points == Decimal("1.50") and attempt.max_points == Decimal("2.00")
    assert attempt.score == 75
    assert attempt.needs_review is False
    assert [r["status"] for r in attempt.results] == ["right", "partial"]
    assert attempt.answers == {str(first.pk): ["b"], str(second.pk): ["d", "x"]}
    assert 170 <= attempt.duration_seconds <= 200


def test_a_start_in_the_future_is_ignored(gaps, student):
    attempt = services.attempt_record(
        exercise=gaps, student=student, answers={}, started_at=timezone.now() + timedelta(hours=1)
    )
    assert attempt.started_at is None
    assert attempt.score == 0


@pytest.mark.parametrize(
    "answers",
    [
        {"12345678": ["b"]},
        "not a dict",
        {"__first__": ["b", "c", "d"]},
        {"__first__": ["x" * 2001]},
    ],
)
def test_bad_answers_store_nothing(gaps, student, answers):
    if isinstance(answers, dict) and "__first__" in answers:
        answers = {str(first_item(gaps).pk): answers["__first__"]}
    with pytest.raises(BadAnswer):
        services.attempt_record(exercise=gaps, student=student, answers=answers)
    assert not Attempt.objects.exists()


@pytest.fixture
def essay(teacher):
    return make_exercise(
        Kind.FREE_ANSWER,
        [{"prompt": "Write about your weekend.", "mode": "essay"}, {"prompt": "And Monday?"}],
        author=teacher,
    )


def test_free_answers_wait_for_the_teacher_then_get_a_score(essay, student, teacher):
    one, two = essay.items.all()
    attempt = services.attempt_record(
        exercise=essay,
        student=student,
        answers={one.pk: {"text": "I slept."}, two.pk: {"text": "Work."}},
    )
    assert attempt.needs_review and attempt.score is None
    services.attempt_mark(attempt=attempt, by=teacher, marks={str(one.pk): 0.5})
    attempt.refresh_from_db()
    assert attempt.needs_review and attempt.score is None  # item two still waits
    services.attempt_mark(attempt=attempt, by=teacher, marks={two.pk: 1}, comment=" Good! ")
    attempt.refresh_from_db()
    assert attempt.needs_review is False
    assert attempt.score == 75 and attempt.points == Decimal("1.50")
    assert [r["status"] for r in attempt.results] == ["partial", "right"]
    assert attempt.comment == "Good!"
    assert attempt.reviewed_by == teacher and attempt.reviewed_at is not None


@pytest.mark.parametrize(
    "marks", [{"999999": 1}, {"__one__": 1.5}, {"__one__": -0.1}, {"__one__": "x"}]
)
def test_bad_marks_change_nothing(essay, student, teacher, marks):
    one = first_item(essay)
    attempt = services.attempt_record(
        exercise=essay, student=student, answers={one.pk: {"text": "Hi"}}
    )
    marks = {str(one.pk) if k == "__one__" else k: v for k, v in marks.items()}
    with pytest.raises(services.BadMark):
        services.attempt_mark(attempt=attempt, by=teacher, marks=marks)
    attempt.refresh_from_db()
    assert attempt.needs_review and attempt.reviewed_by is None


def test_best_and_last(gaps, student, other_student):
    assert services.best_and_last(student, gaps) == (None, None)
    first, second = gaps.items.all()
    good = services.attempt_record(
        exercise=gaps, student=student, answers={first.pk: ["b"], second.pk: ["d", "e"]}
    )
    worse = services.attempt_record(exercise=gaps, student=student, answers={first.pk: ["b"]})
    services.attempt_record(exercise=gaps, student=other_student, answers={})
    best, last = services.best_and_last(student, gaps)
    assert best == good and last == worse


def test_best_and_last_reads_two_rows_however_many_attempts(
    gaps, student, django_assert_num_queries
):
    first, second = gaps.items.all()
    for _ in range(30):
        services.attempt_record(exercise=gaps, student=student, answers={first.pk: ["x"]})
    same_score_later = services.attempt_record(
        exercise=gaps, student=student, answers={first.pk: ["b"], second.pk: ["d", "e"]}
    )
    equal_and_latest = services.attempt_record(
        exercise=gaps, student=student, answers={first.pk: ["b"], second.pk: ["d", "e"]}
    )

    with django_assert_num_queries(2):
        best, last = services.best_and_last(student, gaps)

    assert best == equal_and_latest == last
    assert same_score_later.score == best.score


def test_duplicate_makes_a_private_copy(teacher, other_teacher):
    original = make_exercise(
        Kind.GAP_FILL,
        [{"text": "A {b}."}, {"text": "C {d}."}],
        author=teacher,
        title="Articles",
        library_state=LibraryState.APPROVED,
        instructions="Fill in.",
    )
    original.tags.add(Tag.objects.create(name="articles"))
    copy = services.exercise_duplicate(exercise=original, by=other_teacher)
    assert copy.pk != original.pk
    assert copy.author == other_teacher
    assert copy.title == "Articles (copy)"
    assert copy.library_state == LibraryState.PRIVATE
    assert copy.instructions == "Fill in." and copy.kind == Kind.GAP_FILL
    assert [t.name for t in copy.tags.all()] == ["articles"]
    assert [i.data for i in copy.items.all()] == [i.data for i in original.items.all()]
    assert original.items.count() == 2  # untouched


def test_duplicate_title_is_translated_and_fits(teacher):
    original = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], title="x" * 200)
    with translation.override("ru"):
        copy = services.exercise_duplicate(exercise=original, by=teacher)
    assert len(copy.title) <= 200
    assert copy.title.startswith("xxx")


def test_moderation_services(teacher):
    exercise = make_exercise(Kind.GAP_FILL, [{"text": "A {b}."}], author=teacher)
    services.exercise_submit_for_library(exercise=exercise)
    assert Exercise.objects.get().library_state == LibraryState.PENDING
    with pytest.raises(ValueError):
        services.exercise_reject(exercise=exercise, reason=" ")
    services.exercise_reject(exercise=exercise, reason="Typos in item 2.")
    exercise.refresh_from_db()
    assert exercise.library_state == LibraryState.REJECTED
    assert exercise.rejection_reason == "Typos in item 2."
    services.exercise_approve(exercise=exercise)
    exercise.refresh_from_db()
    assert exercise.library_state == LibraryState.APPROVED and exercise.rejection_reason == ""


def test_an_empty_exercise_cannot_be_offered(teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    with pytest.raises(ValueError):
        services.exercise_submit_for_library(exercise=exercise)
