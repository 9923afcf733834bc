"""Giving, doing and checking homework."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.exercises import services as exercises
from apps.exercises.models import Attempt, Exercise
from apps.notifications import services as notifications
from apps.projects.models import Project
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.teacher_cache import teacher_data_changed

from .models import Homework, HomeworkExercise, HomeworkState

DEFAULT_DUE_DAYS = 7
DEFAULT_DUE_TIME = time(18, 0)


def default_due(*, project: Project, student: User, lesson: Lesson | None = None) -> datetime:
    """The start of the student's next planned lesson in the project after `lesson` (or after
    now); without one, in DEFAULT_DUE_DAYS days at 18:00 in the student's zone."""
    now = timezone.now()
    after = max(lesson.start, now) if lesson is not None else now
    following = (
        Lesson.objects.filter(project=project, status=LessonStatus.PLANNED, start__gt=after)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )
    if following is not None:
        return following
    day = timezone.localdate(now, student.zone) + timedelta(days=DEFAULT_DUE_DAYS)
    return datetime.combine(day, DEFAULT_DUE_TIME, tzinfo=student.zone)


def _set_exercises(homework: Homework, exercises: list[Exercise]) -> None:
    wanted = {exercise.pk: position for position, exercise in enumerate(exercises)}
    homework.items.exclude(exercise_id__in=wanted).delete()
    existing = {item.exercise_id: item for item in homework.items.all()}
    for exercise_id, position in wanted.items():
        item = existing.get(exercise_id)
        if item is None:
            HomeworkExercise.objects.create(
                homework=homework, exercise_id=exercise_id, position=position
            )
        elif item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def homework_assign(
    *,
    teacher: User,
    project: Project,
    student: User,
    title: str,
    due_at: datetime,
    lesson: Lesson | None = None,
    text: str = "",
    link: str = "",
    attachment=None,
    exercises: list[Exercise] = (),
) -> Homework:
    """Give a student of the teacher's project homework, and tell the student."""
    if project.teacher_id != teacher.pk:
        raise ValueError("This is another teacher's project.")
    if not project.students.filter(pk=student.pk).exists():
        raise ValueError("The student is not in this project.")
    if lesson is not None and lesson.project_id != project.pk:
        raise ValueError("The lesson belongs to another project.")
    with transaction.atomic():
        homework = Homework.objects.create(
            project=project,
            lesson=lesson,
            student=student,
            teacher=teacher,
            title=title,
            text=text,
            link=link,
            attachment=attachment or "",
            due_at=due_at,
        )
        _set_exercises(homework, list(exercises))
    notifications.homework_assigned_notify(homework=homework)
    return homework


def _locked(homework: Homework) -> Homework:
    return Homework.objects.select_for_update().get(pk=homework.pk)


@transaction.atomic
def homework_update(
    *,
    homework: Homework,
    title: str,
    due_at: datetime,
    text: str = "",
    link: str = "",
    attachment=None,
    clear_attachment: bool = False,
    exercises: list[Exercise] = (),
) -> Homework:
    """Change homework the student has not submitted yet."""
    locked = _locked(homework)
    if not locked.is_editable:
        raise ValueError("Submitted homework cannot be changed.")
    homework.title, homework.due_at, homework.text, homework.link = title, due_at, text, link
    fields = ["title", "due_at", "text", "link"]
    if attachment:
        homework.attachment = attachment
        fields.append("attachment")
    elif clear_attachment:
        homework.attachment = ""
        fields.append("attachment")
    if homework.overdue_at and due_at > timezone.now():
        homework.overdue_at = None
        fields.append("overdue_at")
    homework.save(update_fields=fields)
    _set_exercises(homework, list(exercises))
    return homework


@transaction.atomic
def homework_delete(*, homework: Homework) -> None:
    locked = _locked(homework)
    if not locked.is_editable:
        raise ValueError("Submitted homework cannot be deleted.")
    locked.delete()


def attempts_since_assigned(homework: Homework) -> dict[int, list[Attempt]]:
    """The student's attempts at the homework's exercises since it was given, newest first,
    by exercise id. One query."""
    by_exercise: dict[int, list[Attempt]] = {}
    attempts = Attempt.objects.filter(
        student_id=homework.student_id,
        exercise_id__in=[item.exercise_id for item in homework.items.all()],
        finished_at__gte=homework.assigned_at,
    ).order_by("-finished_at", "-pk")
    for attempt in attempts:
        by_exercise.setdefault(attempt.exercise_id, []).append(attempt)
    return by_exercise


@transaction.atomic
def homework_save_answer(*, homework: Homework, text: str, file=None) -> Homework:
    """Keep the student's answer to the free task as a draft."""
    locked = _locked(homework)
    if locked.state != HomeworkState.ASSIGNED:
        raise ValueError("This homework is already submitted.")
    homework.answer_text = text
    fields = ["answer_text"]
    if file:
        homework.answer_file = file
        fields.append("answer_file")
    homework.save(update_fields=fields)
    return homework


@transaction.atomic
def homework_submit(*, homework: Homework, text: str, file=None) -> Homework:
    """Hand the homework in: the answer is kept and each exercise's latest attempt since the
    homework was given is the one that counts."""
    homework_save_answer(homework=homework, text=text, file=file)
    attempts = attempts_since_assigned(homework)
    for item in homework.items.all():
        latest = attempts.get(item.exercise_id)
        item.attempt = latest[0] if latest else None
        item.score = latest[0].score if latest else None
        item.save(update_fields=["attempt", "score"])
    homework.state = HomeworkState.SUBMITTED
    homework.submitted_at = timezone.now()
    homework.save(update_fields=["state", "submitted_at"])
    return homework


def homework_review(
    *,
    homework: Homework,
    by: User,
    grade: int | None,
    comment: str,
    marks: dict[int, dict] | None = None,
) -> Homework:
    """Check submitted homework: mark the items waiting for a human in each attempt
    (`marks` by attempt id, as `apps.exercises.services.attempt_mark` takes them), keep each
    exercise's score, give the mark (without one: the average of the exercises' scores, an
    exercise not done counting 0) and comment, and tell the student."""
    marks = marks or {}
    with transaction.atomic():
        locked = _locked(homework)
        if locked.state == HomeworkState.ASSIGNED:
            raise ValueError("This homework is not submitted yet.")
        scores = []
        for item in homework.items.select_related("attempt"):
            attempt = item.attempt
            if attempt is None:
                scores.append(0)  # not done: counts as nothing
                continue
            if attempt.pk in marks:
                exercises.attempt_mark(
                    attempt=attempt, by=by, marks=marks[attempt.pk], comment=None
                )
                attempt.refresh_from_db()
            item.score = attempt.score
            item.save(update_fields=["score"])
            if item.score is not None:
                scores.append(item.score)
        if grade is None:
            grade = round(sum(scores) / len(scores)) if scores else None
        homework.grade, homework.comment = grade, comment
        homework.state = HomeworkState.CHECKED
        homework.checked_at = timezone.now()
        homework.save(update_fields=["grade", "comment", "state", "checked_at"])
    notifications.homework_checked_notify(homework=homework)
    return homework


def homework_mark_overdue(*, now: datetime | None = None) -> int:
    """Record the homework that has become overdue since the last run; returns how many.
    Idempotent: homework already recorded is left alone."""
    now = now or timezone.now()
    newly = Homework.objects.overdue(now).filter(overdue_at__isnull=True)
    teacher_data_changed(teacher_ids=set(newly.values_list("teacher_id", flat=True)))
    return newly.update(overdue_at=now)
