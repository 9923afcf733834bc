"""A teacher's pages, kept rendered in the cache until their data changes.

The calendar (the grid, the agenda phones see, 7 x 24 "add a lesson" links) and the lessons list
(one-click status and payment forms on every row) are large pages, and rendering them is most of
their time. A teacher opens the same ones over and over, so the rendered HTML is kept under a key
made of everything it depends on:

- the teacher's TeacherDataVersion, which `teacher_data_changed` raises on every change of what
  these pages show (signals.py for saves and deletes; the bulk updates call it themselves), in
  the change's own transaction, so it can never run ahead of the change;
- what the caller names: the page, its address (view, day, filters, sort, page number);
- the language and time zone of the viewer, and the current minute, because "today", the line of
  the current time and overdue homework move with the clock;
- when this process started, so a new release never serves what an old one rendered.

Every server reads the version from the database, so a change made through one app server is
seen at once by all of them, whichever cache each one has.

A kept page holds a placeholder instead of each form's CSRF token; the viewer's own token is
put in each time the page is served.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models import F, Q
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from apps.common.cache import STARTED

from .models import TeacherDataVersion

TIMEOUT = 120  # seconds; the key holds the current minute, so an entry is dead after one
CSRF_PLACEHOLDER = "csrf-token-placeholder-3b1f"
# What {% csrf_token %} renders, wherever the form is (includes, django-tables2's own context).
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*"')


def teacher_data_changed(
    *, teacher_ids: Iterable[int] = (), project_ids: Iterable[int] = ()
) -> None:
    """Make the kept pages of these teachers, and of these projects' teachers, out of date.
    One query, inside the caller's transaction: if that rolls back, so does this."""
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
    TeacherDataVersion.objects.filter(condition).update(version=F("version") + 1)


def teacher_data_version(teacher_id: int) -> int | None:
    """The teacher's version, or None the first time (a version is then made, and the page is
    rendered without the cache: nothing can have been kept under a version that did not
    exist)."""
    version = (
        TeacherDataVersion.objects.filter(teacher_id=teacher_id)
        .values_list("version", flat=True)
        .first()
    )
    if version is None:
        TeacherDataVersion.objects.bulk_create(
            [TeacherDataVersion(teacher_id=teacher_id)], ignore_conflicts=True
        )
    return version


def cached_page(request: HttpRequest, *, parts: Iterable[str], render: Callable[[], str]) -> str:
    """The HTML kept for the teacher making the request under `parts`, or `render()`'s, which
    is then kept. Its forms carry the viewer's own CSRF token either way."""
    teacher_id = request.user.pk
    version = teacher_data_version(teacher_id)
    if version is None:
        return render()
    zone = timezone.get_current_timezone()
    now = timezone.localtime(timezone.now(), zone)
    # Hashed: the parts hold addresses, which may be long.
    what = hashlib.sha256(
        "\n".join((*parts, get_language() or "", str(zone), now.strftime("%Y%m%d%H%M"))).encode()
    ).hexdigest()
    key = f"teacher-page:{STARTED}:{teacher_id}:{version}:{what}"
    kept = cache.get(key)
    if kept is None:
        html = render()
        cache.set(key, without_csrf_tokens(html), TIMEOUT)
        return html
    return with_csrf_token(request, kept)


def without_csrf_tokens(html: str) -> str:
    """A rendered page to keep: the CSRF token of every form replaced by a placeholder."""
    return CSRF_INPUT.sub(rf'\g<1>{CSRF_PLACEHOLDER}"', html)


def with_csrf_token(request: HttpRequest, html: str) -> str:
    """A kept page with the viewer's own CSRF token in its forms."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))
