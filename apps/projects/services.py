"""Saving a project with its weekly timetable, and its goals."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.scheduling import services as scheduling
from apps.scheduling.models import TimetableSlot, weekly_rule

from .forms import GoalForm, ProjectForm, SlotRow
from .models import Goal, Project
from .selectors import current_slots, slot_weekly_day


def _teacher_today(teacher: User) -> date:
    return timezone.localdate(timezone.now(), teacher.zone)


def _slot_create(*, project: Project, row: SlotRow, valid_from: date) -> TimetableSlot:
    """A new weekly slot from the row's first weekday on or after `valid_from`: an "every N
    weeks" rule counts its weeks from the week it starts in, so that week has a lesson."""
    valid_from += timedelta(days=(row.weekday - valid_from.weekday()) % 7)
    slot = TimetableSlot(
        project=project,
        rrule=weekly_rule([row.weekday], row.interval),
        start_time=row.start_time,
        duration=row.duration or project.lesson_duration,
        time_zone=project.teacher.time_zone or settings.TIME_ZONE,
        valid_from=valid_from,
    )
    slot.full_clean(exclude=["project"])
    slot.save()
    return slot


def _slot_end(*, slot: TimetableSlot, from_date: date) -> None:
    """No lessons from this slot from `from_date` on. Its lessons that were held, cancelled or
    moved by hand stay; the untouched future ones go when the project's lessons are synced."""
    if from_date > slot.valid_from:
        slot.valid_until = from_date - timedelta(days=1)
        slot.save(update_fields=["valid_until"])
        return
    # The slot has not begun: there is no "day before" to end it on. Its untouched future
    # lessons go with it; any it kept (moved by hand, say) stay as one-off lessons.
    slot.lessons.untouched().filter(start__gte=timezone.now()).delete()
    slot.delete()


def _slot_change(
    *,
    project: Project,
    slot: TimetableSlot,
    row: SlotRow,
    duration: int,
    from_date: date,
    today: date,
) -> None:
    """Give a slot a new day, time, length or rhythm from `from_date` on."""
    _weekday, interval = slot_weekly_day(slot)
    if row.interval == interval:
        # slot_split keeps an "every N weeks" rhythm and changes a slot that has not begun
        # in place.
        scheduling.slot_split(
            slot=slot,
            from_date=from_date,
            weekday=row.weekday,
            start_time=row.start_time,
            duration=duration,
            today=today,
        )
    elif from_date <= slot.valid_from:
        slot.rrule = weekly_rule([row.weekday], row.interval)
        slot.start_time = row.start_time
        slot.duration = duration
        slot.full_clean(exclude=["project"])
        slot.save(update_fields=["rrule", "start_time", "duration"])
    else:
        _slot_end(slot=slot, from_date=from_date)
        _slot_create(project=project, row=row, valid_from=from_date)


def _slot_unchanged(slot: TimetableSlot, row: SlotRow, duration: int) -> bool:
    return slot_weekly_day(slot) == (row.weekday, row.interval) and (
        slot.start_time,
        slot.duration,
    ) == (row.start_time, duration)


@transaction.atomic
def project_save(
    *, teacher: User, form: ProjectForm, slots: list[SlotRow], today: date | None = None
) -> Project:
    """Create or update a project from its validated form and timetable rows, then bring its
    lessons in line: only future lessons nobody touched move (see scheduling.services).

    A new project's slots start on its start date. On an existing project, rows that were
    changed or removed end their slot the day before (today or the start date, whichever is
    later) and the new times start then; past lessons keep their times.
    """
    today = today or _teacher_today(teacher)
    if form.instance.pk is None:
        project = form.save(commit=False)
        project.teacher = teacher
        project.save()
        form.save_m2m()
        for row in slots:
            _slot_create(project=project, row=row, valid_from=project.start_date)
        scheduling.project_timetable_changed(project=project, today=today)
        return project

    old = Project.objects.select_for_update().get(pk=form.instance.pk, teacher=teacher)
    project = form.save()
    from_date = max(today, project.start_date)
    current = {slot.pk: slot for slot in current_slots(project)}
    if project.start_date != old.start_date and old.start_date > today:
        # Not begun yet: the timetable starts with the project's new start date.
        for slot in current.values():
            if slot.valid_from == old.start_date:
                slot.valid_from = project.start_date
                slot.save(update_fields=["valid_from"])

    changed, added = [], []
    for row in slots:
        # Each slot answers to one row; a row for a slot that has ended meanwhile is a new one.
        slot = current.pop(row.slot_id, None) if row.slot_id else None
        if slot is None:
            added.append(row)
        elif not _slot_unchanged(slot, row, row.duration or project.lesson_duration):
            changed.append((slot, row))
    # What is left are the rows the teacher removed.
    for slot in current.values():
        _slot_end(slot=slot, from_date=from_date)
    for slot, row in changed:
        _slot_change(
            project=project,
            slot=slot,
            row=row,
            duration=row.duration or project.lesson_duration,
            from_date=from_date,
            today=today,
        )
    for row in added:
        _slot_create(project=project, row=row, valid_from=from_date)
    scheduling.project_timetable_changed(project=project, today=today)
    return project


def goal_save(*, project: Project, form: GoalForm) -> Goal:
    goal = form.save(commit=False)
    goal.project = project
    goal.save()
    return goal


def goal_delete(*, goal: Goal) -> None:
    goal.delete()
