"""What a lesson's status costs the student, by the project's cancellation rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from apps.projects.models import Project
from apps.scheduling.models import Lesson, LessonStatus

CENT = Decimal("0.01")

# The statuses that may cost money; which of them do depends on the project.
MAYBE_CHARGED = frozenset({LessonStatus.HELD, LessonStatus.NO_SHOW, LessonStatus.CANCELLED_LATE})


def money(value: Decimal | int | str) -> Decimal:
    """An amount rounded to cents, half up. Never pass a float: it is not exact."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; use Decimal or str.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def is_chargeable(lesson: Lesson, project: Project | None = None) -> bool:
    """Whether the student pays for the lesson.

    Held: yes. Not coming (no show) and cancelling late: if the project says so.
    Cancelled in time by the student, cancelled by the teacher, planned: no.
    """
    project = project or lesson.project
    if lesson.status == LessonStatus.HELD:
        return True
    if lesson.status == LessonStatus.NO_SHOW:
        return project.charge_no_show
    if lesson.status == LessonStatus.CANCELLED_LATE:
        return project.charge_late_cancel
    return False


def is_late(lesson: Lesson, cancelled_at: datetime, project: Project | None = None) -> bool:
    """Whether cancelling at `cancelled_at` is late: fewer than the project's
    `late_cancel_hours` before the start.

    Exactly `late_cancel_hours` before the start is still in time (the rule reads "at least
    24 hours before"); a second later is late. Cancelling after the start is late too.
    """
    project = project or lesson.project
    return cancelled_at > lesson.start - timedelta(hours=project.late_cancel_hours)
