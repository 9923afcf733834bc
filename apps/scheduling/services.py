"""Scheduling: turning projects' timetables into lessons and keeping the lessons in step.

A timetable slot generates lessons; each generated lesson remembers its slot and the start the
rule gave it (`occurrence`). A slot makes at most one lesson per local day, so (slot, local date
of the occurrence) identifies "this week's Thursday lesson" even after the slot's time changes.

Lessons that are held, cancelled or moved by hand are records of what happened or of a decision:
the timetable never moves or deletes them, and never makes a second lesson for their day.
Only *untouched* future lessons (planned, not moved by hand, not yet started) follow the
timetable: they are moved when the slot's time changes and deleted when it no longer produces
them. One-off lessons (no slot) are never touched automatically.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from apps.projects.models import Project, ProjectStatus

from .models import (
    DayOff,
    Lesson,
    LessonStatus,
    TimetableSlot,
    _rrule_value,
    rule_parts,
    rule_with_weekday,
)
from .teacher_cache import teacher_data_changed

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class ScheduleChanges:
    """What a timetable change did to the future lessons."""

    created: int = 0
    moved: int = 0
    deleted: int = 0


@dataclass(frozen=True)
class _Wanted:
    slot: TimetableSlot
    start: datetime
    key: tuple[int, date]


def _lock(project: Project) -> Project:
    """The project's row, locked until the end of the transaction, so that two requests
    changing the same project's lessons take turns."""
    return Project.objects.select_for_update().get(pk=project.pk)


def _today(project: Project) -> date:
    return timezone.localdate(timezone.now(), project.zone)


def _horizon(today: date, horizon_weeks: int | None = None) -> date:
    weeks = settings.SCHEDULE_HORIZON_WEEKS if horizon_weeks is None else horizon_weeks
    return today + timedelta(weeks=weeks)


def _key(slot: TimetableSlot, occurrence: datetime) -> tuple[int, date]:
    return (slot.pk, occurrence.astimezone(slot.zone).date())


def _sync(
    project: Project, *, until: date, not_before: datetime | None, reconcile: bool
) -> ScheduleChanges:
    """Bring the project's slot lessons in line with its timetable up to `until`.

    Without `reconcile` only missing lessons are created. With it, untouched lessons starting
    at or after `not_before` are also moved to their slot's current time or deleted when the
    timetable no longer has them. The caller holds the project's lock.
    """
    slots = {slot.pk: slot for slot in project.slots.all()}
    movable: dict[tuple[int, date], Lesson] = {}
    occupied: set[tuple[int, date]] = set()
    lessons = project.lessons.filter(slot__isnull=False).select_related("slot")
    if not_before is not None:
        # Older lessons cannot share a local day with an occurrence from `not_before` on.
        lessons = lessons.filter(occurrence__gte=not_before - timedelta(days=2))
    # One rule for "the timetable may still move it" (LessonQuerySet.untouched), homework included.
    untouched = set(lessons.untouched().values_list("pk", flat=True)) if reconcile else set()
    for lesson in lessons:
        key = _key(lesson.slot, lesson.occurrence)
        if lesson.pk in untouched and lesson.start >= not_before:
            movable[key] = lesson
        else:
            occupied.add(key)

    wanted: list[_Wanted] = []
    if project.is_active:
        # Keep lessons generated earlier with a longer horizon, if the timetable still has them.
        last_day = max([until, *(day for _slot, day in movable)])
        if project.end_date:
            last_day = min(last_day, project.end_date)
        days_off = list(
            DayOff.objects.filter(teacher_id=project.teacher_id)
            .filter(Q(project__isnull=True) | Q(project=project))
            .filter(end_date__gte=project.start_date, start_date__lte=last_day)
        )
        zone = project.zone
        for slot in slots.values():
            for start in slot.occurrences(project.start_date, last_day):
                if not_before is not None and start < not_before:
                    continue
                key = _key(slot, start)
                if key in occupied:
                    continue
                day = start.astimezone(zone).date()
                # No new lessons on days off; a lesson already there is the teacher's to cancel
                # (see day_off_conflicts), so it is kept.
                if key not in movable and any(day_off.covers(day) for day_off in days_off):
                    continue
                wanted.append(_Wanted(slot, start, key))
        wanted.sort(key=lambda w: (w.start, w.slot.pk))
        if project.lesson_limit is not None:
            counted = (
                project.lessons.not_cancelled()
                .exclude(pk__in=[lesson.pk for lesson in movable.values()])
                .count()
            )
            wanted = wanted[: max(0, project.lesson_limit - counted)]

    now = timezone.now()
    to_create: list[Lesson] = []
    to_move: list[Lesson] = []
    for item in wanted:
        end = item.start + timedelta(minutes=item.slot.duration)
        lesson = movable.pop(item.key, None)
        if lesson is None:
            to_create.append(
                Lesson(
                    project=project,
                    slot=item.slot,
                    occurrence=item.start,
                    start=item.start,
                    end=end,
                )
            )
        elif (lesson.occurrence, lesson.start, lesson.end) != (item.start, item.start, end):
            lesson.occurrence = lesson.start = item.start
            lesson.end = end
            lesson.sequence += 1
            lesson.updated_at = now
            to_move.append(lesson)
    # What is left in `movable` the timetable no longer has.
    if movable:
        Lesson.objects.filter(pk__in=[lesson.pk for lesson in movable.values()]).delete()
    if to_move:
        Lesson.objects.bulk_update(
            to_move, ["occurrence", "start", "end", "sequence", "updated_at"]
        )
    # The lock and the `occupied` check already keep out duplicates; ignoring conflicts with
    # the (slot, occurrence) constraint is the database's last word if anything slips by.
    Lesson.objects.bulk_create(to_create, ignore_conflicts=True)
    if to_move or to_create:  # bulk writes send no signals
        teacher_data_changed(project_ids=[project.pk])
    return ScheduleChanges(created=len(to_create), moved=len(to_move), deleted=len(movable))


@transaction.atomic
def lessons_generate(*, project: Project, until: date, not_before: datetime | None = None) -> int:
    """Create the lessons the project's timetable makes up to `until`; returns how many.

    Each slot makes lessons from the later of its `valid_from` and the project's start to the
    earliest of `until`, the project's end and the slot's `valid_until`, skipping the teacher's
    days off and the project's, and stopping when the project has `lesson_limit` lessons that
    are not cancelled. `not_before` leaves out earlier starts (scheduled runs pass "now", so
    they never fill in the past). Only active projects get lessons.

    Safe to run again: an occurrence that already has a lesson of any status — held,
    cancelled, moved — is not created a second time.
    """
    project = _lock(project)
    if not project.is_active:
        return 0
    return _sync(project, until=until, not_before=not_before, reconcile=False).created


@transaction.atomic
def project_timetable_changed(*, project: Project, today: date | None = None) -> ScheduleChanges:
    """After slots were added, edited or ended: move or delete the future untouched lessons
    and create the missing ones up to `today` + SCHEDULE_HORIZON_WEEKS.

    Lessons that were held, cancelled or moved by hand, and one-off lessons, stay as they are.
    """
    project = _lock(project)
    today = today or _today(project)
    return _sync(project, until=_horizon(today), not_before=timezone.now(), reconcile=True)


def _rhythm_start(rule: str, old_from: date, from_date: date) -> date:
    """The first day a "every N weeks" rule starting on or after `from_date` keeps the beat it
    had from `old_from`: the rule counts its weeks from the week it starts in."""
    parts = rule_parts(rule)
    interval = int(parts.get("INTERVAL", "1"))
    if parts.get("FREQ") != "WEEKLY" or interval == 1:
        return from_date
    week_start_day = WEEKDAY_CODES.index(parts.get("WKST", "MO"))

    def week_start(day: date) -> date:
        return day - timedelta(days=(day.weekday() - week_start_day) % 7)

    weeks = (week_start(from_date) - week_start(old_from)).days // 7
    off_beat = weeks % interval
    if off_beat == 0:
        return from_date
    return week_start(from_date) + timedelta(weeks=interval - off_beat)


@transaction.atomic
def slot_split(
    *,
    slot: TimetableSlot,
    from_date: date,
    weekday: int | None = None,
    start_time: time | None = None,
    duration: int | None = None,
    today: date | None = None,
) -> TimetableSlot:
    """Change a slot "from this lesson on": the old slot ends the day before `from_date` and a
    new one with the changes starts on `from_date`. Returns the slot now in force.

    `weekday` (0 = Monday) replaces the days of a weekly rule. A rule repeating every N weeks
    keeps its beat: when `from_date` falls in an off week, the new slot starts with the next
    week that had lessons. When `from_date` is on or before the slot's first day, the whole
    slot is changed instead of split.
    """
    project = _lock(slot.project)
    slot = TimetableSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.valid_until is not None and from_date > slot.valid_until:
        raise ValueError("This timetable slot has already ended by then.")
    changes = {
        "rrule": rule_with_weekday(slot.rrule, weekday) if weekday is not None else slot.rrule,
        "start_time": start_time if start_time is not None else slot.start_time,
        "duration": duration if duration is not None else slot.duration,
    }
    if from_date <= slot.valid_from:
        for field, value in changes.items():
            setattr(slot, field, value)
        slot.full_clean(exclude=["project"])
        slot.save(update_fields=list(changes))
        new_slot = slot
    else:
        new_from = _rhythm_start(slot.rrule, slot.valid_from, from_date)
        if slot.valid_until is not None and new_from > slot.valid_until:
            new_from = from_date
        new_slot = TimetableSlot(
            project=project,
            time_zone=slot.time_zone,
            valid_from=new_from,
            valid_until=slot.valid_until,
            **changes,
        )
        new_slot.full_clean(exclude=["project"])
        slot.valid_until = from_date - timedelta(days=1)
        slot.save(update_fields=["valid_until"])
        new_slot.save()
    project_timetable_changed(project=project, today=today)
    return new_slot


@transaction.atomic
def project_set_status(
    *, project: Project, status: str, today: date | None = None
) -> ScheduleChanges:
    """Pause, finish or resume a project. Pausing or finishing deletes its future untouched
    lessons; resuming generates them again from now on (the paused weeks stay empty)."""
    if status not in ProjectStatus.values:
        raise ValueError(f"Unknown project status {status!r}.")
    locked = _lock(project)
    if locked.status != status:
        locked.status = status
        locked.save(update_fields=["status"])
    project.status = status
    today = today or _today(locked)
    return _sync(locked, until=_horizon(today), not_before=timezone.now(), reconcile=True)


def day_off_conflicts(*, day_off: DayOff) -> QuerySet[Lesson]:
    """Planned lessons starting within a day off (days in the teacher's zone), to offer for
    cancellation; only the day off's project when it has one."""
    zone = day_off.teacher.zone
    start = datetime.combine(day_off.start_date, time.min, tzinfo=zone)
    end = datetime.combine(day_off.end_date + timedelta(days=1), time.min, tzinfo=zone)
    lessons = (
        Lesson.objects.for_teacher(day_off.teacher)
        .filter(status=LessonStatus.PLANNED)
        .between(start, end)
    )
    if day_off.project_id:
        lessons = lessons.filter(project_id=day_off.project_id)
    return lessons.select_related("project").order_by("start")


@transaction.atomic
def lessons_cancel(*, lessons: Iterable[Lesson], by_teacher: bool = True) -> int:
    """Cancel planned lessons (others are left alone); returns how many were cancelled.

    Cancelled lessons don't count towards a project's lesson limit, so projects with a limit
    get their missing lessons at the end of the series straight away.
    """
    pks = [lesson.pk for lesson in lessons]
    status = LessonStatus.CANCELLED_BY_TEACHER if by_teacher else LessonStatus.CANCELLED_BY_STUDENT
    # Lock the projects before their lessons, in the order the other services do, so that a
    # cancellation and a timetable change of the same project cannot deadlock.
    project_ids = Lesson.objects.filter(pk__in=pks).values("project_id")
    list(Project.objects.select_for_update().filter(pk__in=project_ids).order_by("pk"))
    rows = list(
        Lesson.objects.select_for_update()
        .filter(pk__in=pks, status=LessonStatus.PLANNED)
        .values_list("pk", "project_id")
    )
    cancelled = Lesson.objects.filter(pk__in=[pk for pk, _project in rows]).update(
        status=status, sequence=F("sequence") + 1, updated_at=timezone.now()
    )
    teacher_data_changed(project_ids={project_id for _pk, project_id in rows})
    limited = Project.objects.active().filter(
        pk__in={project_id for _pk, project_id in rows}, lesson_limit__isnull=False
    )
    now = timezone.now()
    for project in limited:
        lessons_generate(project=project, until=_horizon(_today(project)), not_before=now)
    return cancelled


def schedules_extend(*, horizon_weeks: int | None = None) -> int:
    """Generate every active project's lessons up to today + the horizon (the nightly job).
    Returns how many lessons were created.

    Each project is done in its own transaction, so one failure doesn't undo the others and
    no lock is held on all projects at once.
    """
    now = timezone.now()
    created = 0
    for project in Project.objects.active().select_related("teacher").order_by("pk"):
        until = _horizon(timezone.localdate(now, project.zone), horizon_weeks)
        created += lessons_generate(project=project, until=until, not_before=now)
    return created


# Editing single lessons from the calendar


def lesson_conflicts(*, teacher, start: datetime, end: datetime, exclude: Lesson | None = None):
    """The teacher's lessons (any project) that are not cancelled and overlap [start, end)."""
    lessons = Lesson.objects.for_teacher(teacher).not_cancelled().overlapping(start, end)
    if exclude is not None:
        lessons = lessons.exclude(pk=exclude.pk)
    return lessons.select_related("project").order_by("start")


@transaction.atomic
def lesson_create(*, project: Project, start: datetime, end: datetime, note: str = "") -> Lesson:
    """A one-off lesson, outside the timetable."""
    _lock(project)
    return Lesson.objects.create(project=project, start=start, end=end, note=note)


@transaction.atomic
def lesson_move(*, lesson: Lesson, start: datetime, end: datetime) -> Lesson:
    """Move one lesson (and/or change its length); the timetable leaves it alone from then on."""
    # The project first, as the timetable services do: a timetable change running at the same
    # time would otherwise move the lesson back after it was moved here.
    _lock(lesson.project)
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if lesson.start == start and lesson.end == end:
        return lesson
    lesson.start, lesson.end = start, end
    lesson.moved_by_hand = True
    lesson.sequence += 1
    lesson.save(update_fields=["start", "end", "moved_by_hand", "sequence", "updated_at"])
    return lesson


@transaction.atomic
def lesson_move_following(*, lesson: Lesson, start: datetime, end: datetime) -> TimetableSlot:
    """Move this lesson and all following ones of its timetable slot: the slot changes from the
    lesson's day on (or from the new day, when that is earlier), with the time and length of
    the new start in the slot's zone. The lesson's weekday becomes the new one; the slot's
    other weekdays stay. The lesson that replaces this one keeps its note."""
    slot = lesson.slot
    if slot is None:
        raise ValueError("A one-off lesson has no following lessons.")
    _lock(lesson.project)  # the project before its lessons, as the other services do
    note = Lesson.objects.filter(pk=lesson.pk).values_list("note", flat=True).get()
    # This lesson follows the new timetable like the others, even if it was moved before.
    Lesson.objects.filter(pk=lesson.pk, status=LessonStatus.PLANNED).update(moved_by_hand=False)
    local = start.astimezone(slot.zone)
    old_day = lesson.occurrence.astimezone(slot.zone).date()
    weekday = new_rule = None
    if local.weekday() != old_day.weekday():
        weekdays = _weekdays(slot.rrule)
        if len(weekdays) > 1:
            # slot_split would leave only one weekday; the new rule is put in afterwards.
            weekdays = (weekdays - {old_day.weekday()}) | {local.weekday()}
            new_rule = _rule_with_weekdays(slot.rrule, weekdays)
        else:
            weekday = local.weekday()
    new_slot = slot_split(
        slot=slot,
        from_date=min(old_day, local.date()),
        weekday=weekday,
        start_time=local.time().replace(second=0, microsecond=0),
        duration=int((end - start).total_seconds() // 60),
    )
    if new_rule:
        new_slot.rrule = new_rule
        new_slot.save(update_fields=["rrule"])
        project_timetable_changed(project=lesson.project)
    if note and not Lesson.objects.filter(pk=lesson.pk).exists():
        occurrence = start.replace(second=0, microsecond=0)
        Lesson.objects.filter(slot=new_slot, occurrence=occurrence).update(note=note)
    teacher_data_changed(project_ids=[lesson.project_id])
    return new_slot


def _weekdays(rule: str) -> set[int]:
    """The weekdays (0 = Monday) of a weekly rule's BYDAY; empty for other rules."""
    parts = rule_parts(rule)
    if parts.get("FREQ") != "WEEKLY":
        return set()
    return {WEEKDAY_CODES.index(code[-2:]) for code in parts.get("BYDAY", "").split(",") if code}


def _rule_with_weekdays(rule: str, weekdays: set[int]) -> str:
    parsed = rrulestr(rule, dtstart=datetime(2000, 1, 3))
    return _rrule_value(parsed.replace(byweekday=sorted(weekdays)))


@transaction.atomic
def lesson_cancel_following(*, lesson: Lesson) -> int:
    """Cancel this lesson and end its timetable slot the day before: later lessons of the slot
    that nobody touched are removed. Returns how many lessons were removed."""
    _lock(lesson.project)  # the project first, then the slot, as the other services do
    slot = TimetableSlot.objects.select_for_update().get(pk=lesson.slot_id)
    lessons_cancel(lessons=[lesson])
    day = lesson.occurrence.astimezone(slot.zone).date()
    until = slot.valid_from if day <= slot.valid_from else day - timedelta(days=1)
    # A slot that already ended earlier (the lesson was kept as moved by hand) stays ended.
    if slot.valid_until is None or until < slot.valid_until:
        slot.valid_until = until
        slot.save(update_fields=["valid_until"])
    return project_timetable_changed(project=lesson.project).deleted


def lesson_set_note(*, lesson: Lesson, note: str) -> None:
    Lesson.objects.filter(pk=lesson.pk).update(note=note, updated_at=timezone.now())
    teacher_data_changed(project_ids=[lesson.project_id])
    lesson.note = note


def schedules_extend_until(*, teacher, until: date) -> int:
    """When a calendar page shows days past the rolling horizon, generate lessons up to them."""
    now = timezone.now()
    created = 0
    for project in Project.objects.for_teacher(teacher).active().select_related("teacher"):
        if until > _horizon(timezone.localdate(now, project.zone)):
            created += lessons_generate(project=project, until=until, not_before=now)
    return created


# Days off


def day_off_create(
    *, teacher, start_date: date, end_date: date, project: Project | None = None, reason: str = ""
) -> DayOff:
    """Record days off. Lessons already planned in them are not touched: the teacher is offered
    to cancel them (`day_off_conflicts`); no new ones are generated there."""
    day_off = DayOff(
        teacher=teacher, project=project, start_date=start_date, end_date=end_date, reason=reason
    )
    day_off.full_clean()
    day_off.save()
    return day_off


def day_off_delete(*, day_off: DayOff) -> int:
    """Remove days off; the timetable fills the freed days again. Returns lessons created."""
    projects = (
        [day_off.project]
        if day_off.project_id
        else list(Project.objects.for_teacher(day_off.teacher).active())
    )
    day_off.delete()
    return sum(project_timetable_changed(project=project).created for project in projects)
