from __future__ import annotations

import secrets
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from dateutil.rrule import WEEKLY, rrule, rrulebase, rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.projects.models import MAX_LESSON_MINUTES, MIN_LESSON_MINUTES, Project

# A slot makes at most one lesson a day, so a rule may not repeat more often than daily, and
# its end is the slot's `valid_until` (or the project's end), never UNTIL or COUNT.
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
FORBIDDEN_RULE_PARTS = {"DTSTART", "UNTIL", "COUNT", "BYHOUR", "BYMINUTE", "BYSECOND"}


def rule_parts(rule: str) -> dict[str, str]:
    """The parts of an RRULE value: "FREQ=WEEKLY;BYDAY=TH" → {"FREQ": "WEEKLY", "BYDAY": "TH"}."""
    parts = {}
    for item in rule.strip().removeprefix("RRULE:").split(";"):
        key, _sep, value = item.partition("=")
        if key.strip():
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def _rrule_value(rule: rrulebase) -> str:
    """The RRULE value of a dateutil rule, without its DTSTART line and "RRULE:" prefix."""
    for line in str(rule).splitlines():
        if line.startswith("RRULE:"):
            return line.removeprefix("RRULE:")
    raise ValueError(f"No RRULE in {rule!s}")


def weekly_rule(weekdays: list[int], interval: int = 1) -> str:
    """An RRULE value for lessons on the given weekdays (0 = Monday) every `interval` weeks.

    >>> weekly_rule([3], interval=2)
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH'
    """
    days = sorted(set(weekdays))
    if not days or not all(0 <= day <= 6 for day in days):
        raise ValueError(f"Weekdays must be 0 (Monday) to 6 (Sunday), not {weekdays!r}.")
    if interval < 1:
        raise ValueError(f"The interval must be at least 1, not {interval!r}.")
    # The rule needs some start to be built; only its RRULE line is kept.
    return _rrule_value(
        rrule(WEEKLY, interval=interval, byweekday=days, dtstart=datetime(2000, 1, 3))
    )


def rule_with_weekday(rule: str, weekday: int) -> str:
    """The same weekly rule on another single weekday (0 = Monday), keeping its interval."""
    if rule_parts(rule).get("FREQ") != "WEEKLY":
        raise ValueError("Only a weekly rule can be moved to another weekday.")
    if not 0 <= weekday <= 6:
        raise ValueError(f"The weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}.")
    parsed = rrulestr(rule, dtstart=datetime(2000, 1, 3))
    return _rrule_value(parsed.replace(byweekday=[weekday]))


def validate_rrule(value: str) -> None:
    parts = rule_parts(value)
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("The rule must repeat daily, weekly, monthly or yearly (FREQ=WEEKLY;BYDAY=MO).")
        )
    forbidden = sorted(FORBIDDEN_RULE_PARTS & parts.keys())
    if forbidden:
        raise ValidationError(
            _("The rule may not contain %(parts)s: the slot's dates and time say that."),
            params={"parts": ", ".join(forbidden)},
        )
    if not parts.get("INTERVAL", "1").isdigit() or int(parts.get("INTERVAL", "1")) < 1:
        raise ValidationError(_("The interval must be a whole number, at least 1."))
    start = datetime(2000, 1, 3)
    try:
        rule = rrulestr(value, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("This is not a valid repetition rule.")) from exc
    # A rule that never happens (the 31st of February) would be searched for until year 9999.
    if rule.after(start, inc=True) is None:
        raise ValidationError(_("This rule never makes a lesson."))


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("Unknown time zone: %(zone)s."), params={"zone": value}) from exc


class TimetableSlot(models.Model):
    """A recurring lesson time of a project, e.g. every second Thursday at 18:00 Paris time.

    The time is local wall-clock time in `time_zone`, so it stays 18:00 in Paris through
    daylight-saving changes (and moves for everyone in zones that don't change).
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="slots", verbose_name=_("project")
    )
    rrule = models.TextField(
        _("repetition rule"),
        validators=[validate_rrule],
        help_text=_("An iCalendar RRULE without DTSTART, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TH."),
    )
    start_time = models.TimeField(_("start time"), help_text=_("Local time in the slot's zone."))
    duration = models.PositiveSmallIntegerField(
        _("duration, minutes"),
        blank=True,
        validators=[MinValueValidator(MIN_LESSON_MINUTES), MaxValueValidator(MAX_LESSON_MINUTES)],
        help_text=_("Leave empty for the project's lesson duration."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Leave empty for the teacher's time zone."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The last day of this timetable; empty while it goes on."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("timetable slot")
        verbose_name_plural = _("timetable slots")
        ordering = ["valid_from", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__gte=MIN_LESSON_MINUTES) & Q(duration__lte=MAX_LESSON_MINUTES),
                name="slot_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="slot_valid_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rrule} {self.start_time:%H:%M} {self.time_zone}"

    def save(self, *args, **kwargs) -> None:
        # Defaults that depend on the project; added to update_fields if one is given.
        filled = []
        if not self.time_zone:
            self.time_zone = self.project.teacher.time_zone or settings.TIME_ZONE
            filled.append("time_zone")
        if self.duration is None:
            self.duration = self.project.lesson_duration
            filled.append("duration")
        if filled and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *filled}
        super().save(*args, **kwargs)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def occurrences(self, start_date: date, end_date: date) -> list[datetime]:
        """The lesson starts the rule makes on local dates from start_date to end_date inclusive.

        The rule runs on naive local wall-clock times counted from `valid_from` at `start_time`
        (so INTERVAL=2 counts fortnights from the week of `valid_from`). Each local time is then
        placed in the slot's zone as RFC 5545 (section 3.3.5) places a local time:

        - A time that happens twice (the autumn hour repeated) is the first of the two (fold=0,
          still summer time).
        - A time that does not exist (the spring-forward gap) is read with the UTC offset from
          before the gap, which shifts it forward by the gap's length: 02:30 on the night
          Paris moves to summer time becomes 03:30 CEST (01:30 UTC). This is what calendar
          programs do with the same rule, so a lesson exported to a student's phone lands at the
          same instant. The lesson keeps its full duration.

        Returned as aware UTC datetimes, in order.
        """
        first = max(start_date, self.valid_from)
        last = min(end_date, self.valid_until) if self.valid_until else end_date
        if first > last:
            return []
        rule = rrulestr(self.rrule, dtstart=datetime.combine(self.valid_from, self.start_time))
        local_times = rule.between(
            datetime.combine(first, time.min), datetime.combine(last, time.max), inc=True
        )
        zone = self.zone
        return [local.replace(tzinfo=zone, fold=0).astimezone(UTC) for local in local_times]

    def clean(self) -> None:
        super().clean()
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The timetable cannot end before it starts.")})


class DayOff(models.Model):
    """Days on which no lessons are generated: for all a teacher's projects, or for one."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="days_off",
        verbose_name=_("teacher"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="days_off",
        verbose_name=_("project"),
        help_text=_("Leave empty for all the teacher's projects."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="day_off_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        if self.start_date == self.end_date:
            return f"{self.start_date:%Y-%m-%d} {self.reason}".strip()
        return f"{self.start_date:%Y-%m-%d} – {self.end_date:%Y-%m-%d} {self.reason}".strip()

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})
        if self.project_id and self.teacher_id and self.project.teacher_id != self.teacher_id:
            raise ValidationError({"project": _("This is another teacher's project.")})

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


class LessonStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED_BY_STUDENT = "cancelled_by_student", _("cancelled by the student")
    CANCELLED_LATE = "cancelled_late", _("cancelled late")
    CANCELLED_BY_TEACHER = "cancelled_by_teacher", _("cancelled by the teacher")
    NO_SHOW = "no_show", _("student did not come")


# The statuses the teacher sets by one click, in the order the buttons stand (lesson dialog,
# dashboard, lessons list). "Student cancelled" lets apps.lessons decide between cancelled in
# time and cancelled late.
STATUS_BUTTONS = (
    (LessonStatus.HELD, _("Held")),
    (LessonStatus.CANCELLED_BY_STUDENT, _("Student cancelled")),
    (LessonStatus.CANCELLED_BY_TEACHER, _("Cancelled by me")),
    (LessonStatus.NO_SHOW, _("No-show")),
    (LessonStatus.PLANNED, _("Planned")),
)

CANCELLED_STATUSES = frozenset(
    {
        LessonStatus.CANCELLED_BY_STUDENT,
        LessonStatus.CANCELLED_LATE,
        LessonStatus.CANCELLED_BY_TEACHER,
    }
)


class LessonQuerySet(models.QuerySet["Lesson"]):
    def untouched(self) -> LessonQuerySet:
        """Lessons the timetable may still move or delete: planned, not moved by hand, and
        without homework given for them (apps.homework)."""
        return self.filter(status=LessonStatus.PLANNED, moved_by_hand=False, homework__isnull=True)

    def for_teacher(self, user) -> LessonQuerySet:
        return self.filter(project__teacher=user)

    def for_student(self, user) -> LessonQuerySet:
        return self.filter(project__students=user)

    def between(self, start: datetime, end: datetime) -> LessonQuerySet:
        """Lessons starting in [start, end)."""
        return self.filter(start__gte=start, start__lt=end)

    def overlapping(self, start: datetime, end: datetime) -> LessonQuerySet:
        """Lessons sharing some time with [start, end)."""
        return self.filter(start__lt=end, end__gt=start)

    def not_cancelled(self) -> LessonQuerySet:
        return self.exclude(status__in=CANCELLED_STATUSES)


class Lesson(models.Model):
    """One lesson of a project, generated from a timetable slot or added by hand (no slot)."""

    Status = LessonStatus

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("project")
    )
    slot = models.ForeignKey(
        TimetableSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("timetable slot"),
        help_text=_("Empty for a one-off lesson."),
    )
    occurrence = models.DateTimeField(
        _("occurrence"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The start the timetable gave this lesson; stays when it is moved."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=24, choices=LessonStatus.choices, default=LessonStatus.PLANNED
    )
    moved_by_hand = models.BooleanField(_("moved by hand"), default=False)
    note = models.TextField(_("note"), blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Raised on every change of time or status, for calendar updates."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["project", "start"], name="lesson_project_start"),
            models.Index(fields=["start"], name="lesson_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "occurrence"],
                condition=Q(slot__isnull=False),
                name="lesson_slot_occurrence_unique",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(occurrence__isnull=False),
                name="lesson_slot_has_occurrence",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="lesson_end_after_start"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in LessonStatus]),
                name="lesson_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.start:%Y-%m-%d %H:%M} UTC"

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def duration_minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)

    def is_untouched(self) -> bool:
        """Planned and not moved by hand. The timetable also leaves alone lessons with homework:
        LessonQuerySet.untouched is the full rule."""
        return self.status == LessonStatus.PLANNED and not self.moved_by_hand

    def is_cancelled(self) -> bool:
        return self.status in CANCELLED_STATUSES

    def has_started(self) -> bool:
        return self.start <= timezone.now()

    def offered_statuses(self) -> set[str]:
        """The statuses the teacher's one-click buttons offer: not the current one, and "held"
        or "no-show" only once the lesson has started."""
        offered = {value for value, _label in STATUS_BUTTONS} - {self.status}
        if self.status == LessonStatus.CANCELLED_LATE:
            offered.discard(LessonStatus.CANCELLED_BY_STUDENT)
        if not self.has_started():
            offered -= {LessonStatus.HELD, LessonStatus.NO_SHOW}
        return offered

    def local_start(self, zone: zoneinfo.ZoneInfo) -> datetime:
        """The start as seen by someone in `zone` (e.g. `user.zone`)."""
        return self.start.astimezone(zone)

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The lesson must end after it starts.")})
        if self.slot_id and self.project_id and self.slot.project_id != self.project_id:
            raise ValidationError({"slot": _("This slot belongs to another project.")})


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A user's private iCalendar subscription: whoever knows the token can read the feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class TeacherDataVersion(models.Model):
    """A counter that goes up whenever anything of a teacher's practice that their pages show
    changes: lessons, timetables, days off, projects and their students, homework, payments and
    packages. It is part of the key of the teacher's rendered pages in the cache (the calendar,
    the lessons list: apps/scheduling/teacher_cache.py), so a change makes all of them out of
    date at once, on every app server."""

    teacher = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("teacher"),
    )
    version = models.PositiveBigIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("teacher data version")
        verbose_name_plural = _("teacher data versions")

    def __str__(self) -> str:
        return f"{self.teacher_id}: {self.version}"
