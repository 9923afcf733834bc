"""Demo homework for `manage.py seed_demo`, after the demo projects (and exercises, if any).

For the first four active projects of each demo teacher: homework checked with a mark, one handed
in and waiting to be checked, one to do by the next lesson and one overdue. Each gets up to two
library exercises in the project's language when the library has some. Made directly, without
mails; each hangs on the held lesson before its due date. Idempotent: a project with any homework
is left as it is.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.projects.models import Project
from apps.scheduling.models import LessonStatus

from . import services
from .models import Homework, HomeworkExercise, HomeworkState

TASKS = [
    ("Workbook, unit 3", "Exercises 2 and 4 on page 31, then read the text on page 32."),
    ("Listening practice", "Listen to the podcast episode and write down ten new words."),
    ("Essay: my last holiday", "Write 80 to 100 words about your last holiday."),
]


def _homework(project: Project, teacher: User, index: int) -> int:
    student = project.students.order_by("pk").first()
    if student is None:
        return 0
    now = timezone.now()
    exercises = list(
        Exercise.objects.library().filter(language=project.language_id).order_by("pk")[:2]
    )
    plans = [
        (HomeworkState.CHECKED, now - timedelta(days=10), 70 + 10 * (index % 3)),
        (HomeworkState.SUBMITTED, now - timedelta(days=2), None),
        (HomeworkState.ASSIGNED, services.default_due(project=project, student=student), None),
        (HomeworkState.ASSIGNED, now - timedelta(days=1), None),
    ]
    for number, (state, due, grade) in enumerate(plans):
        title, text = TASKS[(index + number) % len(TASKS)]
        # Given at the last lesson before it was due, so the calendar shows it on that lesson.
        given_at = (
            project.lessons.filter(start__lt=min(due, now), status=LessonStatus.HELD)
            .order_by("-start")
            .first()
        )
        homework = Homework.objects.create(
            project=project,
            lesson=given_at,
            student=student,
            teacher=teacher,
            title=title,
            text=text,
            due_at=due,
            state=state,
            assigned_at=min(due, now) - timedelta(days=5),
            submitted_at=due - timedelta(hours=3) if state != HomeworkState.ASSIGNED else None,
            checked_at=due + timedelta(days=1) if state == HomeworkState.CHECKED else None,
            grade=grade,
            comment="Good work, watch the articles." if grade else "",
            answer_text="Done, see my notes." if state != HomeworkState.ASSIGNED else "",
        )
        for position, exercise in enumerate(exercises):
            HomeworkExercise.objects.create(homework=homework, exercise=exercise, position=position)
    return len(plans)


def seed() -> int:
    """Give the demo projects without homework some; returns how many were made."""
    made = 0
    for email, *_rest in accounts_demo.TEACHERS:
        teacher = User.objects.get(email=email)
        projects = list(Project.objects.for_teacher(teacher).active().order_by("pk")[:4])
        with_homework = set(
            Homework.objects.filter(project__in=projects).values_list("project_id", flat=True)
        )
        for index, project in enumerate(projects):
            if project.pk not in with_homework:
                made += _homework(project, teacher, index)
    return made
