"""Reads for the calendar: a period of a teacher's lessons laid out for the grid, in a fixed
number of queries whatever the number of projects and lessons."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User

from .models import Lesson

VIEWS = ("week", "day", "month")
DAY_START_HOUR = 8
DAY_END_HOUR = 21


@dataclass
class PlacedLesson:
    lesson: Lesson
    start: datetime  # in the viewer's zone
    end: datetime
    top: float = 0.0  # percent of the day column
    height: float = 0.0
    conflict: bool = False
    lane: int = 0  # overlapping lessons stand side by side: this one's place among them
    lanes: int = 1

    @cached_property
    def students(self) -> list[User]:
        return list(self.lesson.project.students.all())

    @cached_property
    def homework(self) -> list:
        return list(self.lesson.homework.all())

    @cached_property
    def url(self) -> str:
        """The lesson's dialog; a lesson shows twice on the week page (grid and agenda)."""
        return reverse("scheduling:lesson_detail", args=[self.lesson.pk])

    @property
    def left(self) -> float:
        """Where the block starts across its day's column, percent."""
        return round(self.lane * 100 / self.lanes, 3)

    @property
    def width(self) -> float:
        return round(100 / self.lanes, 3)


@dataclass
class Day:
    date: date
    is_today: bool
    in_period: bool = True
    lessons: list[PlacedLesson] = field(default_factory=list)


@dataclass
class Period:
    view: str
    anchor: date
    first: date  # first day shown
    last: date  # last day shown (inclusive)
    days: list[Day]
    hours: list[int]
    now_top: float | None  # where the current-time line goes in today's column, percent
    previous: date
    next: date

    @property
    def weeks(self) -> list[list[Day]]:
        return [self.days[i : i + 7] for i in range(0, len(self.days), 7)]

    @property
    def has_lessons(self) -> bool:
        return any(day.lessons for day in self.days)


def period_bounds(view: str, anchor: date) -> tuple[date, date, date, date]:
    """First and last day shown, and the anchors of the previous and next periods."""
    if view == "day":
        return anchor, anchor, anchor - timedelta(days=1), anchor + timedelta(days=1)
    if view == "month":
        first_of_month = anchor.replace(day=1)
        next_month = (first_of_month + timedelta(days=32)).replace(day=1)
        previous_month = (first_of_month - timedelta(days=1)).replace(day=1)
        first = first_of_month - timedelta(days=first_of_month.weekday())
        last_of_month = next_month - timedelta(days=1)
        last = last_of_month + timedelta(days=6 - last_of_month.weekday())
        return first, last, previous_month, next_month
    monday = anchor - timedelta(days=anchor.weekday())
    return (
        monday,
        monday + timedelta(days=6),
        monday - timedelta(weeks=1),
        monday + timedelta(weeks=1),
    )


def _mark_conflicts(placed: list[PlacedLesson]) -> None:
    """Flag lessons of the teacher that overlap another one that is not cancelled."""
    active = sorted((p for p in placed if not p.lesson.is_cancelled()), key=lambda p: p.start)
    for i, first in enumerate(active):
        for second in active[i + 1 :]:
            if second.start >= first.end:
                break
            first.conflict = second.conflict = True


def _assign_lanes(day: list[PlacedLesson]) -> None:
    """Give lessons of a day that overlap (cancelled ones too: they are drawn) lanes side by
    side, so that none hides another: each takes the first lane free at its start, and every
    lesson of a group of overlapping lessons gets the group's number of lanes."""
    group: list[PlacedLesson] = []
    lane_ends: list[datetime] = []
    for item in sorted(day, key=lambda p: (p.start, p.lesson.pk)):
        if group and all(end <= item.start for end in lane_ends):
            for member in group:
                member.lanes = len(lane_ends)
            group, lane_ends = [], []
        free = [lane for lane, end in enumerate(lane_ends) if end <= item.start]
        item.lane = free[0] if free else len(lane_ends)
        if item.lane == len(lane_ends):
            lane_ends.append(item.end)
        else:
            lane_ends[item.lane] = item.end
        group.append(item)
    for member in group:
        member.lanes = len(lane_ends)


def _end_hour(item: PlacedLesson) -> int:
    """The hour a lesson's block reaches in its day's column: a lesson going on past midnight
    stops at the bottom of the column."""
    if item.end.date() > item.start.date():
        return 24
    return (item.end - timedelta(minutes=1)).hour + 1


def teacher_period(*, teacher: User, view: str, anchor: date, zone: zoneinfo.ZoneInfo) -> Period:
    first, last, previous, following = period_bounds(view, anchor)
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    lessons = (
        Lesson.objects.for_teacher(teacher)
        .overlapping(start, end)
        .select_related("project", "project__language")
        .prefetch_related(
            Prefetch("project__students", queryset=User.objects.order_by("name")),
            "homework",  # apps.homework: the badges on the lessons, one query for all
        )
        .order_by("start")
    )
    today = timezone.localdate(timezone.now(), zone)
    days = {
        first + timedelta(days=i): Day(
            date=first + timedelta(days=i),
            is_today=first + timedelta(days=i) == today,
            in_period=view != "month" or (first + timedelta(days=i)).month == anchor.month,
        )
        for i in range((last - first).days + 1)
    }
    placed = []
    for lesson in lessons:
        local_start = lesson.start.astimezone(zone)
        local_end = lesson.end.astimezone(zone)
        day = days.get(local_start.date())
        if day is None:
            continue
        item = PlacedLesson(lesson=lesson, start=local_start, end=local_end)
        day.lessons.append(item)
        placed.append(item)
    _mark_conflicts(placed)
    for day in days.values():
        _assign_lanes(day.lessons)

    first_hour = min([DAY_START_HOUR, *(p.start.hour for p in placed)])
    last_hour = max([DAY_END_HOUR, *(_end_hour(p) for p in placed)])
    last_hour = min(last_hour, 24)
    span = (last_hour - first_hour) * 60
    for item in placed:
        minutes = (item.start.hour - first_hour) * 60 + item.start.minute
        length = max(int((item.end - item.start).total_seconds() // 60), 15)
        item.top = round(minutes * 100 / span, 3)
        item.height = round(min(length, span - minutes) * 100 / span, 3)
    now = timezone.now().astimezone(zone)
    now_minutes = (now.hour - first_hour) * 60 + now.minute
    now_top = round(now_minutes * 100 / span, 3) if 0 <= now_minutes <= span else None
    return Period(
        view=view,
        anchor=anchor,
        first=first,
        last=last,
        days=list(days.values()),
        hours=list(range(first_hour, last_hour)),
        now_top=now_top,
        previous=previous,
        next=following,
    )


# Home pages: the lessons of the next days, in a fixed number of queries.

UPCOMING_LIMIT = 20


@dataclass
class StudentLessons:
    today: list[Lesson]
    upcoming: list[Lesson]  # after today, at most UPCOMING_LIMIT


def student_upcoming(*, student: User, now: datetime, days: int = 14) -> StudentLessons:
    """A student's lessons today and in the `days` days after it, days counted in their zone.

    Today's list has all of today's lessons, also those already over; cancelled lessons are
    included so the student sees the cancellation. Two queries.
    """
    zone = student.zone
    today = timezone.localdate(now, zone)
    tomorrow = datetime.combine(today + timedelta(days=1), time.min, tzinfo=zone)
    lessons = (
        Lesson.objects.for_student(student)
        .select_related("project", "project__teacher")
        .order_by("start", "pk")
    )
    start_of_today = datetime.combine(today, time.min, tzinfo=zone)
    last = datetime.combine(today + timedelta(days=days + 1), time.min, tzinfo=zone)
    return StudentLessons(
        today=list(lessons.between(start_of_today, tomorrow)),
        upcoming=list(lessons.between(tomorrow, last)[:UPCOMING_LIMIT]),
    )


def teacher_day(*, teacher: User, day: date, zone: zoneinfo.ZoneInfo) -> list[Lesson]:
    """The teacher's lessons starting on `day` in `zone`, with their students. Two queries."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return list(
        Lesson.objects.for_teacher(teacher)
        .between(start, end)
        .select_related("project")
        .prefetch_related(Prefetch("project__students", queryset=User.objects.order_by("name")))
        .order_by("start", "pk")
    )


def _with_students(lessons):
    return lessons.select_related("project").prefetch_related(
        Prefetch("project__students", queryset=User.objects.order_by("name"))
    )


def teacher_lesson(*, teacher: User, lesson_id: int) -> Lesson:
    """One of the teacher's lessons with its project's students, for a dashboard row."""
    return _with_students(Lesson.objects.for_teacher(teacher)).get(pk=lesson_id)


UNMARKED_DAYS = 30
UNMARKED_LIMIT = 20


def teacher_unmarked(*, teacher: User, before: datetime) -> list[Lesson]:
    """The teacher's lessons that started in the UNMARKED_DAYS days before `before` and are
    still planned: nobody said whether they were held. Oldest first, at most UNMARKED_LIMIT.
    Two queries."""
    return list(
        _with_students(
            Lesson.objects.for_teacher(teacher).filter(
                status=Lesson.Status.PLANNED,
                start__gte=before - timedelta(days=UNMARKED_DAYS),
                start__lt=before,
            )
        ).order_by("start", "pk")[:UNMARKED_LIMIT]
    )
