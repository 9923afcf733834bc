"""Demo projects for `manage.py seed_demo`, one per demo student of each demo teacher.

Idempotent: a project is found by teacher and title; a project that exists is left as it is.
Each new project starts four weeks ago, so the pages show past lessons (marked held) as well as
the coming ones.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.scheduling import services as scheduling
from apps.scheduling.models import LessonStatus, TimetableSlot, weekly_rule
from apps.scheduling.teacher_cache import teacher_data_changed

from .models import Currency, Goal, GoalMeasure, Language, Level, Project, ProjectStatus

MON, TUE, WED, THU, FRI, SAT = range(6)

# Per student, by position in the teacher's list: language, level, weekly slots
# (weekday, start time, every N weeks), and whether the project is paused.
PLANS = [
    ("en", Level.B1, [(MON, time(18), 1), (THU, time(18), 1)], False),
    ("fr", Level.A1, [(TUE, time(19, 30), 1)], False),
    ("en", Level.B2, [(WED, time(17), 1)], False),
    ("en", Level.A2, [(FRI, time(16), 2)], True),
    ("fr", Level.B1, [(SAT, time(11), 1)], False),
    ("en", Level.C1, [(TUE, time(9), 1), (FRI, time(9), 1)], False),
    ("en", Level.B1, [(THU, time(20), 1)], False),
]
PRICES = {
    Currency.RUB: [Decimal(1500), Decimal(1800), Decimal(2000), Decimal(2500)],
    Currency.EUR: [Decimal(25), Decimal(30), Decimal("32.50"), Decimal(40)],
}
TITLES = {
    ("en", "ru"): "Английский {level} — {name}",
    ("fr", "ru"): "Французский {level} — {name}",
    ("en", "en"): "English {level} with {name}",
    ("fr", "en"): "French {level} with {name}",
}


def _project(teacher: User, student: User, index: int) -> tuple[Project, bool]:
    code, level, slots, paused = PLANS[index % len(PLANS)]
    currency = Currency.RUB if teacher.time_zone == "Europe/Moscow" else Currency.EUR
    title = TITLES[(code, teacher.language or "en")].format(
        level=level.value, name=student.get_short_name()
    )
    project = Project.objects.filter(teacher=teacher, title=title).first()
    if project is not None:
        return project, False
    today = timezone.localdate(timezone.now(), teacher.zone)
    start = today - timedelta(weeks=4, days=today.weekday())
    project = Project.objects.create(
        teacher=teacher,
        title=title,
        language=Language.objects.get(code=code),
        level=level,
        start_date=start,
        price=PRICES[currency][index % len(PRICES[currency])],
        currency=currency,
        lesson_duration=90 if level in (Level.C1, Level.C2) else 60,
    )
    project.students.add(student)
    for weekday, at, interval in slots:
        TimetableSlot.objects.create(
            project=project,
            rrule=weekly_rule([weekday], interval),
            start_time=at,
            valid_from=start,
        )
    # Lessons from the start, past ones included; those that have ended were held.
    horizon = today + timedelta(weeks=settings.SCHEDULE_HORIZON_WEEKS)
    scheduling.lessons_generate(project=project, until=horizon)
    project.lessons.filter(end__lte=timezone.now()).update(status=LessonStatus.HELD)
    teacher_data_changed(project_ids=[project.pk])
    Goal.objects.create(
        project=project,
        text="Twenty lessons" if teacher.language == "en" else "Двадцать занятий",
        measure=GoalMeasure.LESSONS_HELD,
        target_value=20,
        target_date=start + timedelta(weeks=16),
    )
    if index % 2 == 0:
        Goal.objects.create(
            project=project,
            text="500 new words" if teacher.language == "en" else "500 новых слов",
            measure=GoalMeasure.WORDS_LEARNED,
            target_value=500,
            manual_value=40 * (index + 2),
        )
    if paused:
        scheduling.project_set_status(project=project, status=ProjectStatus.PAUSED)
    return project, True


def seed() -> int:
    """Create the demo projects that are missing; returns how many were created."""
    created = 0
    for email, *_rest in accounts_demo.TEACHERS:
        teacher = User.objects.get(email=email)
        for index, (student_email, *_info) in enumerate(accounts_demo.STUDENTS[email]):
            student = User.objects.get(email=student_email)
            _project_found, new = _project(teacher, student, index)
            created += new
    return created
