"""Reads for the project pages, each in a fixed number of queries."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.accounts.models import User
from apps.scheduling.models import Lesson, LessonStatus, TimetableSlot, rule_parts

from .models import Goal, GoalMeasure, Project

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAYS_PLURAL = {
    0: gettext_lazy("Mondays"),
    1: gettext_lazy("Tuesdays"),
    2: gettext_lazy("Wednesdays"),
    3: gettext_lazy("Thursdays"),
    4: gettext_lazy("Fridays"),
    5: gettext_lazy("Saturdays"),
    6: gettext_lazy("Sundays"),
}
UPCOMING_COUNT = 10
PAST_COUNT = 10


def _students_prefetch() -> Prefetch:
    return Prefetch("students", queryset=User.objects.order_by("name"))


def with_next_lesson(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate `next_lesson`: the start of the project's next lesson that is not cancelled."""
    upcoming = (
        Lesson.objects.filter(project=OuterRef("pk"), start__gte=timezone.now())
        .not_cancelled()
        .order_by("start")
        .values("start")[:1]
    )
    return projects.annotate(next_lesson=Subquery(upcoming))


def teacher_projects(teacher: User) -> QuerySet[Project]:
    """The teacher's projects for the list page: language, students and next lesson included."""
    projects = (
        Project.objects.for_teacher(teacher)
        .select_related("language")
        .prefetch_related(_students_prefetch())
    )
    return with_next_lesson(projects).order_by("title", "pk")


def student_projects(student: User) -> QuerySet[Project]:
    projects = (
        Project.objects.for_student(student)
        .select_related("language", "teacher")
        .prefetch_related(_students_prefetch())
    )
    return with_next_lesson(projects).order_by("status", "title", "pk")


# The timetable


def slot_weekly_day(slot: TimetableSlot) -> tuple[int, int] | None:
    """(weekday, interval) of a slot repeating weekly on one day; None for any other rule
    (set up in the administration), which the timetable form leaves alone."""
    parts = rule_parts(slot.rrule)
    days = parts.get("BYDAY", "").split(",")
    extra = set(parts) - {"FREQ", "INTERVAL", "BYDAY", "WKST"}
    if parts.get("FREQ") != "WEEKLY" or len(days) != 1 or days[0] not in WEEKDAY_CODES or extra:
        return None
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit():
        return None
    return WEEKDAY_CODES.index(days[0]), int(interval)


def slot_in_words(slot: TimetableSlot, viewer_zone: zoneinfo.ZoneInfo | None = None) -> str:
    """ "Mondays at 18:00, 60 min", "every 2 weeks on Thursday at 19:30, 90 min"."""
    at = f"{slot.start_time:%H:%M}"
    if viewer_zone is not None and slot.time_zone and slot.time_zone != viewer_zone.key:
        at = _("%(time)s %(zone)s time") % {"time": at, "zone": slot.time_zone}
    weekly = slot_weekly_day(slot)
    if weekly is None:
        text = _("%(rule)s at %(time)s") % {"rule": slot.rrule, "time": at}
    elif weekly[1] == 1:
        text = _("%(weekdays)s at %(time)s") % {"weekdays": WEEKDAYS_PLURAL[weekly[0]], "time": at}
    else:
        text = ngettext(
            "every %(interval)d week on %(weekday)s at %(time)s",
            "every %(interval)d weeks on %(weekday)s at %(time)s",
            weekly[1],
        ) % {"interval": weekly[1], "weekday": WEEKDAYS[weekly[0]], "time": at}
    return _("%(when)s, %(minutes)d min") % {"when": text, "minutes": slot.duration}


@dataclass
class TimetableLine:
    slot: TimetableSlot
    text: str
    starts: date | None  # shown when the slot starts later
    ends: date | None


def timetable(project: Project, *, today: date, viewer_zone: zoneinfo.ZoneInfo):
    """The slots in force today or later, in words."""
    lines = []
    for slot in project.slots.all():
        if slot.valid_until is not None and slot.valid_until < today:
            continue
        lines.append(
            TimetableLine(
                slot=slot,
                text=slot_in_words(slot, viewer_zone),
                starts=slot.valid_from if slot.valid_from > today else None,
                ends=slot.valid_until,
            )
        )
    return lines


def current_slots(project: Project) -> list[TimetableSlot]:
    """The slots the timetable form edits: still going on, weekly on one day."""
    slots = project.slots.filter(valid_until__isnull=True).order_by("valid_from", "pk")
    return [slot for slot in slots if slot_weekly_day(slot) is not None]


# Goals and lessons


@dataclass
class GoalProgress:
    goal: Goal
    current: Decimal | None
    percent: int

    @property
    def counted(self) -> bool:
        return self.goal.measure == GoalMeasure.LESSONS_HELD


def goals_with_progress(project: Project) -> list[GoalProgress]:
    """The project's goals and how far each has got, with one count of held lessons for all."""
    goals = list(project.goals.all())
    held = None
    if any(goal.measure == GoalMeasure.LESSONS_HELD for goal in goals):
        held = Decimal(project.lessons.filter(status=LessonStatus.HELD).count())
    rows = []
    for goal in goals:
        goal.project = project
        current = held if goal.measure == GoalMeasure.LESSONS_HELD else goal.current_value()
        percent = 0
        if current is not None and goal.target_value > 0:
            percent = max(0, min(100, int(current * 100 / goal.target_value)))
        rows.append(GoalProgress(goal=goal, current=current, percent=percent))
    return rows


def upcoming_lessons(project: Project) -> list[Lesson]:
    return list(
        project.lessons.filter(start__gte=timezone.now()).order_by("start")[:UPCOMING_COUNT]
    )


def past_lessons(project: Project) -> list[Lesson]:
    return list(project.lessons.filter(start__lt=timezone.now()).order_by("-start")[:PAST_COUNT])
