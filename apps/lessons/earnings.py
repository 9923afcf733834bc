"""The teacher's earnings: what the lessons of a period are worth and what was paid in it.

Choices:

- A month is a calendar month in the teacher's time zone: a lesson counts in the month its
  start falls in there; a payment in the month of its `paid_on` date.
- A lesson's value is the project's price per lesson when it is chargeable (see
  charging.is_chargeable: held, and missed or cancelled late when the project charges them).
  Lessons covered by a package are also valued at the project's price, not at the package's
  price per lesson: which package covers a lesson depends on every lesson since the project
  began, and the report is about the work done in the period. The money from packages shows in
  "paid" when the student pays.
- Payments count when valid (not voided), in their own currency, by `paid_on`.
- Per student, a row is a (student, project) pair: the account belongs to the project, so in a
  group project every student's row shows the project's lessons and value, and "paid" is what
  that student paid for the project.
- Rates are a percentage of the student's lessons in the period that have an outcome (planned
  lessons are left out), as a Decimal with one decimal place; None when there are none.

Sums are made in Python over Decimals (never floats; SQLite adds decimals as floats). Each
function makes a fixed number of queries, however many lessons and payments there are.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from apps.accounts.models import User
from apps.projects.models import Project
from apps.scheduling.models import Lesson, LessonStatus

from .charging import is_chargeable, money
from .models import Payment

ZERO = Decimal("0.00")
TENTH = Decimal("0.1")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """The first days of the months from start's month to end's month, inclusive."""
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def rate(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal place, half up; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _lessons(teacher: User, start: date, end: date, zone: zoneinfo.ZoneInfo) -> list[Lesson]:
    """The teacher's lessons starting on local dates start..end (inclusive), one query."""
    first = datetime.combine(start, time.min, tzinfo=zone)
    after = datetime.combine(date.fromordinal(end.toordinal() + 1), time.min, tzinfo=zone)
    return list(
        Lesson.objects.for_teacher(teacher)
        .between(first, after)
        .select_related("project")
        .order_by("start", "pk")
    )


def _payments(teacher: User, start: date, end: date):
    """Valid payments to the teacher dated start..end (inclusive)."""
    return Payment.objects.valid().filter(
        project__teacher=teacher, paid_on__gte=start, paid_on__lte=end
    )


@dataclass
class MonthEarnings:
    """One month in one currency."""

    month: date  # the first day of the month
    currency: str
    lessons: int = 0  # all lessons starting in the month, planned ones too
    held: int = 0
    charged: int = 0  # chargeable lessons: held, and charged missed or late-cancelled ones
    value: Decimal = ZERO  # charged lessons × the project's price
    paid: Decimal = ZERO  # valid payments received


def earnings_by_month(
    *, teacher: User, start: date, end: date, zone: zoneinfo.ZoneInfo
) -> list[MonthEarnings]:
    """Per currency (alphabetically), every month from start's to end's, oldest first.

    A currency appears when some lesson or payment of the period is in it; each of its months
    has a row, empty months too, so a chart has no gaps. Two queries.
    """
    months = months_between(start, end)
    rows: dict[tuple[str, date], MonthEarnings] = {}

    def row(currency: str, month: date) -> MonthEarnings:
        if (currency, month) not in rows:
            for m in months:
                rows[(currency, m)] = MonthEarnings(month=m, currency=currency)
        return rows[(currency, month)]

    for lesson in _lessons(teacher, start, end, zone):
        project = lesson.project
        current = row(project.currency, month_start(lesson.start.astimezone(zone).date()))
        current.lessons += 1
        if lesson.status == LessonStatus.HELD:
            current.held += 1
        if is_chargeable(lesson, project):
            current.charged += 1
            current.value += money(project.price)
    for currency, paid_on, amount in _payments(teacher, start, end).values_list(
        "currency", "paid_on", "amount"
    ):
        row(currency, month_start(paid_on)).paid += money(amount)
    return sorted(rows.values(), key=lambda r: (r.currency, r.month))


@dataclass
class StudentEarnings:
    """One student in one project over the period."""

    student: User
    project: Project
    lessons: int = 0  # with an outcome: not planned
    held: int = 0
    charged: int = 0
    cancelled_by_student: int = 0  # in time
    cancelled_late: int = 0
    cancelled_by_teacher: int = 0
    no_shows: int = 0
    earned: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def currency(self) -> str:
        return self.project.currency

    @property
    def cancelled(self) -> int:
        """Cancelled by the student, in time or late."""
        return self.cancelled_by_student + self.cancelled_late

    @property
    def cancellation_rate(self) -> Decimal | None:
        return rate(self.cancelled, self.lessons)

    @property
    def no_show_rate(self) -> Decimal | None:
        return rate(self.no_shows, self.lessons)


def earnings_by_student(
    *, teacher: User, start: date, end: date, zone: zoneinfo.ZoneInfo
) -> list[StudentEarnings]:
    """Per student and project with lessons or payments in the period, by student name then
    project title. Four queries: projects, their students, lessons, payments."""
    projects = {p.pk: p for p in Project.objects.for_teacher(teacher).prefetch_related("students")}
    rows: dict[tuple[int, int], StudentEarnings] = {}

    def row(project: Project, student: User) -> StudentEarnings:
        key = (student.pk, project.pk)
        if key not in rows:
            rows[key] = StudentEarnings(student=student, project=project)
        return rows[key]

    counters = {
        LessonStatus.HELD: "held",
        LessonStatus.CANCELLED_BY_STUDENT: "cancelled_by_student",
        LessonStatus.CANCELLED_LATE: "cancelled_late",
        LessonStatus.CANCELLED_BY_TEACHER: "cancelled_by_teacher",
        LessonStatus.NO_SHOW: "no_shows",
    }
    for lesson in _lessons(teacher, start, end, zone):
        if lesson.status == LessonStatus.PLANNED:
            continue
        project = projects[lesson.project_id]
        chargeable = is_chargeable(lesson, project)
        for student in project.students.all():
            current = row(project, student)
            current.lessons += 1
            name = counters[LessonStatus(lesson.status)]
            setattr(current, name, getattr(current, name) + 1)
            if chargeable:
                current.charged += 1
                current.earned += money(project.price)
    # The payment's student, who may have left the project since: the money still counts.
    for payment in _payments(teacher, start, end).select_related("student"):
        row(projects[payment.project_id], payment.student).paid += money(payment.amount)
    return sorted(
        rows.values(), key=lambda r: (r.student.name.lower(), r.project.title.lower(), r.project.pk)
    )
