"""Reading exercises with access rules applied.

- A teacher sees their own exercises and the approved library; never another teacher's private,
  pending or rejected exercise (404).
- A student may open an exercise from the approved library, or one assigned to them as homework
  (see `assigned_exercise_ids`).
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from apps.accounts.models import User

from .models import Attempt, Exercise, Item, LibraryState


def _with_related(qs: QuerySet[Exercise]) -> QuerySet[Exercise]:
    return (
        qs.select_related("language", "author", "category", "category__parent")
        .prefetch_related("tags")
        .annotate(item_count=Count("items", distinct=True))
    )


def exercises_for_teacher(user: User) -> QuerySet[Exercise]:
    """The teacher's own exercises and the approved library, with language, author, category
    (and its parent), tags and `item_count` loaded; list pages make a fixed number of queries."""
    return _with_related(Exercise.objects.visible_to_teacher(user))


def own_exercises(user: User) -> QuerySet[Exercise]:
    """Only the exercises the teacher wrote (the ones they may edit)."""
    return _with_related(Exercise.objects.filter(author=user))


def library_exercises() -> QuerySet[Exercise]:
    """The approved library, for students and teachers."""
    return _with_related(Exercise.objects.library())


def exercise_for_teacher_or_404(
    user: User, exercise_id: int, *, editable: bool = False
) -> Exercise:
    """An exercise the teacher may see (own or library); with `editable`, only their own."""
    qs = (
        Exercise.objects.filter(author=user)
        if editable
        else Exercise.objects.visible_to_teacher(user)
    )
    try:
        return qs.select_related("language", "category", "author").get(pk=exercise_id)
    except (Exercise.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def assigned_exercise_ids(student: User) -> set[int]:
    """Ids of the exercises assigned to the student (as homework) — the homework app's hook.

    The exercises app knows nothing of assignments. If `apps.homework.selectors` defines
    `assigned_exercise_ids(student) -> set[int]` (exercises the student was given, whatever the
    exercise's library state, e.g. a teacher's private exercise), it is used; until then the
    answer is the empty set, so students only reach the approved library. The homework helper
    owns that function; it is imported lazily, so there is no import cycle.
    """
    try:
        from apps.homework.selectors import assigned_exercise_ids as homework_assigned
    except ImportError:
        return set()
    return set(homework_assigned(student))


def student_may_open(student: User, exercise: Exercise) -> bool:
    """Approved library exercises, and exercises assigned to the student."""
    if exercise.library_state == LibraryState.APPROVED:
        return True
    return exercise.pk in assigned_exercise_ids(student)


def exercise_for_student_or_404(student: User, exercise_id: int) -> Exercise:
    try:
        exercise = Exercise.objects.select_related("language", "category").get(pk=exercise_id)
    except (Exercise.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not student_may_open(student, exercise):
        raise Http404
    return exercise


def exercise_items(exercise: Exercise) -> list[Item]:
    """The items in order, each with `.exercise` set (no extra query per item)."""
    items = list(exercise.items.all())
    for item in items:
        item.exercise = exercise
    return items


def teacher_may_see_attempt(teacher: User, attempt: Attempt) -> bool:
    """A teacher sees the attempts of their own (linked) students only."""
    return teacher.student_links.filter(student_id=attempt.student_id).exists()


def attempts_for_teacher(teacher: User) -> QuerySet[Attempt]:
    """Attempts of the teacher's students, newest first."""
    return (
        Attempt.objects.filter(student__teacher_links__teacher=teacher)
        .select_related("exercise", "exercise__language", "student", "reviewed_by")
        .distinct()
    )


def attempts_to_review(teacher: User) -> QuerySet[Attempt]:
    """The teacher's students' attempts that wait for marking, oldest first."""
    return attempts_for_teacher(teacher).filter(needs_review=True).order_by("finished_at", "pk")


def attempts_of_student(student: User, exercise: Exercise | None = None) -> QuerySet[Attempt]:
    qs = Attempt.objects.filter(student=student).select_related("exercise", "exercise__language")
    if exercise is not None:
        qs = qs.filter(exercise=exercise)
    return qs


def attempt_for_student_or_404(student: User, attempt_id: int) -> Attempt:
    try:
        return Attempt.objects.select_related("exercise").get(pk=attempt_id, student=student)
    except (Attempt.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def attempt_for_teacher_or_404(teacher: User, attempt_id: int) -> Attempt:
    try:
        attempt = Attempt.objects.select_related("exercise", "student").get(pk=attempt_id)
    except (Attempt.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not teacher_may_see_attempt(teacher, attempt):
        raise Http404
    return attempt


def items_prefetch() -> Prefetch:
    """Prefetch of items in order, for pages that show several exercises' items."""
    return Prefetch("items", queryset=Item.objects.order_by("position", "pk"))


__all__ = [
    "assigned_exercise_ids",
    "attempt_for_student_or_404",
    "attempt_for_teacher_or_404",
    "attempts_for_teacher",
    "attempts_of_student",
    "attempts_to_review",
    "exercise_for_student_or_404",
    "exercise_for_teacher_or_404",
    "exercise_items",
    "exercises_for_teacher",
    "items_prefetch",
    "library_exercises",
    "own_exercises",
    "student_may_open",
    "teacher_may_see_attempt",
]
