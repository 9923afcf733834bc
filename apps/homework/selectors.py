"""Reads for the homework pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg, Prefetch, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises.models import Exercise

from .models import Homework, HomeworkExercise, HomeworkState

PICKER_LIMIT = 50


def assigned_exercise_ids(student: User) -> set[int]:
    """The exercises of all the student's homework: the student may open these. One query."""
    return set(
        HomeworkExercise.objects.filter(homework__student=student).values_list(
            "exercise_id", flat=True
        )
    )


def _items_prefetch() -> Prefetch:
    return Prefetch(
        "items",
        queryset=HomeworkExercise.objects.select_related("exercise", "attempt").order_by(
            "position", "pk"
        ),
    )


@dataclass
class StudentHomework:
    to_do: list[Homework] = field(default_factory=list)
    overdue: list[Homework] = field(default_factory=list)
    submitted: list[Homework] = field(default_factory=list)
    checked: list[Homework] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.to_do or self.overdue or self.submitted or self.checked)


DONE_LIMIT = 30


def student_homework(*, student: User, now: datetime | None = None) -> StudentHomework:
    """The student's homework in sections. Three queries."""
    now = now or timezone.now()
    homework_list = (
        Homework.objects.for_student(student)
        .select_related("project", "teacher")
        .prefetch_related(_items_prefetch())
    )
    result = StudentHomework()
    for homework in homework_list.filter(state=HomeworkState.ASSIGNED).order_by("due_at", "pk"):
        (result.overdue if homework.due_at < now else result.to_do).append(homework)
    done = homework_list.exclude(state=HomeworkState.ASSIGNED).order_by("-submitted_at", "-pk")
    for homework in done[:DONE_LIMIT]:
        (result.checked if homework.state == HomeworkState.CHECKED else result.submitted).append(
            homework
        )
    return result


def student_open_counts(*, student: User, now: datetime | None = None) -> dict[str, int]:
    """How much homework the student has to do, and how much of it is overdue. One query."""
    now = now or timezone.now()
    due = list(Homework.objects.for_student(student).open().values_list("due_at", flat=True))
    return {"open": len(due), "overdue": sum(1 for at in due if at < now)}


def review_queue(*, teacher: User) -> list[Homework]:
    """Submitted homework of the teacher's students, oldest first. Three queries."""
    return list(
        Homework.objects.for_teacher(teacher)
        .filter(state=HomeworkState.SUBMITTED)
        .select_related("project", "student")
        .prefetch_related(_items_prefetch())
        .order_by("submitted_at", "pk")
    )


def review_count(*, teacher: User) -> int:
    return Homework.objects.for_teacher(teacher).filter(state=HomeworkState.SUBMITTED).count()


PROJECT_LIMIT = 20


def project_homework(project, *, student: User | None = None) -> list[Homework]:
    """The project's latest homework with its student, for the project page (only the
    student's own when `student` is given). One query."""
    homework_list = project.homework.select_related("student")
    if student is not None:
        homework_list = homework_list.filter(student=student)
    return list(homework_list.order_by("-assigned_at", "-pk")[:PROJECT_LIMIT])


def homework_average(project) -> float | None:
    """The average mark of the project's checked homework; None before any is checked."""
    return (
        project.homework.filter(state=HomeworkState.CHECKED, grade__isnull=False)
        .aggregate(average=Avg("grade"))
        .get("average")
    )


def homework_with_items(queryset: QuerySet[Homework], pk: int) -> Homework:
    """One homework with its project, people and exercises (raises DoesNotExist)."""
    return (
        queryset.select_related("project", "project__teacher", "student", "lesson")
        .prefetch_related(_items_prefetch())
        .get(pk=pk)
    )


def exercises_for_teacher(teacher: User) -> QuerySet[Exercise]:
    """The exercises a teacher may give: their own and the shared library."""
    try:
        from apps.exercises.selectors import exercises_for_teacher as shared
    except ImportError:  # the exercises app's selectors are written beside this app
        return Exercise.objects.visible_to_teacher(teacher)
    return shared(teacher)


def exercise_choices(
    *,
    teacher: User,
    language_id: int | None = None,
    level: str = "",
    query: str = "",
    selected: list[int] = (),
) -> list[Exercise]:
    """The exercises the picker lists: those already ticked first, then up to PICKER_LIMIT
    matching the filters."""
    exercises = exercises_for_teacher(teacher).select_related("language")
    chosen = list(exercises.filter(pk__in=selected)) if selected else []
    matching = exercises.exclude(pk__in=selected)
    if language_id:
        matching = matching.filter(language_id=language_id)
    if level:
        matching = matching.filter(level=level)
    if query:
        matching = matching.filter(title__icontains=query)
    return chosen + list(matching.order_by("title", "pk")[:PICKER_LIMIT])
