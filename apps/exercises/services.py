"""Changing exercises and attempts: recording and marking attempts, copying, moderation.

Access is the caller's business (views check it with the selectors); these functions only keep
the data consistent. Every function runs in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User

from . import checking
from .checking import BadAnswer  # noqa: F401  (re-exported for callers)
from .models import Attempt, Exercise, Item, LibraryState


class BadMark(ValueError):
    """Marks that cannot be applied; str(error) says why."""


def _decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _apply_totals(attempt: Attempt) -> None:
    points, max_points, score, needs_review = checking.totals(attempt.results)
    attempt.points = _decimal(points)
    attempt.max_points = _decimal(max_points)
    attempt.score = score
    attempt.needs_review = needs_review


@transaction.atomic
def attempt_record(
    *,
    exercise: Exercise,
    student: User,
    answers: Any,
    started_at: datetime | None = None,
    items: list | None = None,
) -> Attempt:
    """Check the answers and store the attempt with its results and score.

    `items` are the exercise's items when the caller has read them already. Raises
    checking.BadAnswer (nothing stored) when the answers have the wrong shape. A `started_at`
    in the future is ignored. Whether the student may do the exercise is checked by the caller
    (selectors.student_may_open)."""
    items = list(exercise.items.all()) if items is None else items
    result = checking.check(exercise, answers, items)
    now = timezone.now()
    if started_at is not None and started_at > now:
        started_at = None
    attempt = Attempt(
        exercise=exercise,
        student=student,
        answers=checking.clean_answers(answers),
        results=result.results,
        started_at=started_at,
    )
    _apply_totals(attempt)
    attempt.save()
    return attempt


@transaction.atomic
def attempt_mark(
    *, attempt: Attempt, by: User, marks: dict[Any, Any], comment: str = ""
) -> Attempt:
    """The teacher marks items of an attempt (free answers, or overrides a checked item).

    `marks` maps item ids (str or int) to points from 0 to 1. The score is recomputed; once no
    item is pending the attempt no longer needs review. Raises BadMark for an item that is not
    in the attempt or points outside 0..1. Whether `by` may mark it is checked by the caller.
    """
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    results = [dict(r) for r in locked.results]
    by_id = {str(r["item"]): r for r in results}
    for key, value in marks.items():
        result = by_id.get(str(key))
        if result is None:
            raise BadMark(_("Item %(item)s is not part of this attempt.") % {"item": key})
        try:
            points = float(value)
        except (TypeError, ValueError):
            raise BadMark(_("Points must be a number from 0 to 1.")) from None
        if not 0 <= points <= 1 or points != points:
            raise BadMark(_("Points must be a number from 0 to 1."))
        result["points"] = round(points, 4)
        result["status"] = (
            checking.RIGHT if points >= 1 else checking.WRONG if points <= 0 else checking.PARTIAL
        )
        result["marked"] = True
    locked.results = results
    if comment is not None:
        locked.comment = comment.strip()
    _apply_totals(locked)
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.save(
        update_fields=[
            "results",
            "comment",
            "points",
            "max_points",
            "score",
            "needs_review",
            "reviewed_by",
            "reviewed_at",
        ]
    )
    for name in ("results", "comment", "points", "max_points", "score", "needs_review"):
        setattr(attempt, name, getattr(locked, name))
    attempt.reviewed_by, attempt.reviewed_at = locked.reviewed_by, locked.reviewed_at
    return locked


def best_and_last(
    student: User, exercise: Exercise, *, last: Attempt | None = None
) -> tuple[Attempt | None, Attempt | None]:
    """The student's best-scored attempt (the latest of equal ones) and latest attempt; pass
    `last` when it is known (the attempt just stored).

    Attempts still waiting for the teacher have no score; they can be the last, not the best
    (unless none has a score). Two queries of one row each (one when `last` is given), however
    many attempts there are; the answers and results they hold are not read."""
    attempts = Attempt.objects.filter(student=student, exercise=exercise).only(
        "pk", "score", "finished_at", "exercise_id", "student_id"
    )
    last = last or attempts.order_by("-finished_at", "-pk").first()
    if last is None:
        return None, None
    best = attempts.filter(score__isnull=False).order_by("-score", "-finished_at", "-pk").first()
    return best or last, last


@transaction.atomic
def exercise_duplicate(*, exercise: Exercise, by: User) -> Exercise:
    """A private copy of an exercise, with its items and tags, owned by `by`."""
    title = _("%(title)s (copy)") % {"title": exercise.title}
    max_length = Exercise._meta.get_field("title").max_length
    if len(title) > max_length:
        suffix = title[len(exercise.title) :]
        title = exercise.title[: max_length - len(suffix) - 1] + "…" + suffix
    copy = Exercise.objects.create(
        author=by,
        title=title,
        instructions=exercise.instructions,
        kind=exercise.kind,
        language_id=exercise.language_id,
        level=exercise.level,
        category_id=exercise.category_id,
        tolerance=exercise.tolerance,
        library_state=LibraryState.PRIVATE,
    )
    copy.tags.set(exercise.tags.all())
    Item.objects.bulk_create(
        Item(
            exercise=copy,
            position=item.position,
            data=item.data,
            explanation=item.explanation,
            audio=item.audio.name if item.audio else "",
            image=item.image.name if item.image else "",
        )
        for item in exercise.items.all()
    )
    return copy


@transaction.atomic
def exercise_submit_for_library(*, exercise: Exercise) -> Exercise:
    """The author offers an exercise to the shared library; it waits for the moderators."""
    if exercise.library_state == LibraryState.APPROVED:
        return exercise
    if not exercise.items.exists():
        raise ValueError(_("Add at least one item before offering the exercise to the library."))
    exercise.library_state = LibraryState.PENDING
    exercise.rejection_reason = ""
    exercise.save(update_fields=["library_state", "rejection_reason", "updated_at"])
    return exercise


@transaction.atomic
def exercise_approve(*, exercise: Exercise) -> Exercise:
    exercise.library_state = LibraryState.APPROVED
    exercise.rejection_reason = ""
    exercise.save(update_fields=["library_state", "rejection_reason", "updated_at"])
    return exercise


@transaction.atomic
def exercise_reject(*, exercise: Exercise, reason: str) -> Exercise:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Say why the exercise is rejected."))
    exercise.library_state = LibraryState.REJECTED
    exercise.rejection_reason = reason
    exercise.save(update_fields=["library_state", "rejection_reason", "updated_at"])
    return exercise


@transaction.atomic
def exercise_withdraw(*, exercise: Exercise) -> Exercise:
    """The author takes an exercise back out of the library (or its queue): private again."""
    exercise.library_state = LibraryState.PRIVATE
    exercise.save(update_fields=["library_state", "updated_at"])
    return exercise
