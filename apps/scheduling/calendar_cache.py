"""The rendered calendar, kept in the cache per teacher and period until their data changes.

A week of the calendar is a large page (the grid, the agenda phones see, 7 x 24 "add a
lesson" links) and rendering it is most of the page's time. A teacher opens the same weeks over
and over, so the rendered HTML is kept under a key made of everything it depends on:

- the teacher's CalendarVersion, which `calendar_changed` raises on every change of what the
  calendar shows (signals in signals.py; the bulk updates of services.py call it themselves);
- the view and the day asked for, the language and time zone of the viewer;
- the current minute, because "today", the line of the current time and the overdue homework
  move with the clock;
- when this process started, so a new release never serves what an old one rendered.

Every server reads the version from the database, so a change made through one app server is
seen at once by all of them, whichever cache each one uses.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date

from django.core.cache import cache
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language

from .models import CalendarVersion

STARTED = str(int(time.time()))
TIMEOUT = 120  # seconds; the key holds the current minute, so an entry is dead after one


def calendar_changed(*, teacher_ids: Iterable[int] = (), project_ids: Iterable[int] = ()) -> None:
    """Make the cached calendars of these teachers, and of these projects' teachers, out of
    date. One query, inside the caller's transaction: if that rolls back, so does this."""
    from apps.projects.models import Project

    teacher_ids = {pk for pk in teacher_ids if pk is not None}
    project_ids = {pk for pk in project_ids if pk is not None}
    if not teacher_ids and not project_ids:
        return
    condition = Q(teacher_id__in=teacher_ids)
    if project_ids:
        condition |= Q(
            teacher_id__in=Project.objects.filter(pk__in=project_ids).values("teacher_id")
        )
    CalendarVersion.objects.filter(condition).update(version=F("version") + 1)


def calendar_version(teacher_id: int) -> int | None:
    """The teacher's version, or None the first time (a version is then made, and the page is
    rendered without the cache: nothing can have been cached under a version that did not
    exist)."""
    version = (
        CalendarVersion.objects.filter(teacher_id=teacher_id)
        .values_list("version", flat=True)
        .first()
    )
    if version is None:
        CalendarVersion.objects.bulk_create(
            [CalendarVersion(teacher_id=teacher_id)], ignore_conflicts=True
        )
    return version


def cached_calendar(*, teacher_id: int, view: str, anchor: date, render: Callable[[], str]) -> str:
    """The calendar's HTML from the cache, or `render()`'s, which is then kept."""
    version = calendar_version(teacher_id)
    if version is None:
        return render()
    zone = timezone.get_current_timezone()
    now = timezone.localtime(timezone.now(), zone)
    key = ":".join(
        (
            "calendar",
            STARTED,
            str(teacher_id),
            str(version),
            view,
            anchor.isoformat(),
            get_language() or "",
            str(zone),
            now.strftime("%Y%m%d%H%M"),
        )
    )
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html
