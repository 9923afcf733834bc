"""Private iCalendar (RFC 5545) subscription feeds: each user's lessons for their calendar app.

The feed is read without a login, by whoever holds the token; making a new token is the way to
stop an old link from working. Lessons keep their UID between fetches and raise SEQUENCE on
every change of time or status, so calendar apps update the event instead of duplicating it.
"""

from __future__ import annotations

from datetime import UTC, timedelta

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User

from .models import CalendarFeed, Lesson, new_feed_token

PRODID = "-//Verbal Voyager//EN"
CALENDAR_NAME = "Verbal Voyager"
PAST_DAYS = 60
# How often calendar apps that honour it should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=1)


def feed_for(*, user: User) -> CalendarFeed:
    """The user's feed, made on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_regenerate(*, user: User) -> CalendarFeed:
    """Give the user's feed a new token: the old link stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return feed_for(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed


def webcal_url(url: str) -> str:
    """The same address with the webcal:// scheme that opens a calendar app to subscribe."""
    return "webcal://" + url.split("://", 1)[-1]


def _lessons(user: User):
    """The user's lessons from PAST_DAYS ago to the last one generated, in 2-3 queries."""
    if user.is_teacher:
        lessons = Lesson.objects.for_teacher(user).prefetch_related(
            Prefetch("project__students", queryset=User.objects.order_by("name"))
        )
    elif user.is_student:
        lessons = Lesson.objects.for_student(user)
    else:
        return Lesson.objects.none()
    since = timezone.now() - timedelta(days=PAST_DAYS)
    return (
        lessons.filter(start__gte=since)
        .select_related("project", "project__teacher", "project__language")
        .order_by("start", "pk")
    )


def _event(lesson: Lesson, *, for_teacher: bool, stamp) -> icalendar.Event:
    project = lesson.project
    if for_teacher:
        names = ", ".join(student.name for student in project.students.all())
    else:
        names = project.teacher.name
    summary = f"{project.title} — {names}" if names else project.title
    description = [_("Language: %(language)s") % {"language": project.language}]
    if for_teacher and lesson.note:
        description += ["", lesson.note]

    event = icalendar.Event()
    event.add("uid", f"lesson-{lesson.pk}@verbal-voyager")
    event.add("dtstamp", stamp)
    event.add("dtstart", lesson.start.astimezone(UTC))
    event.add("dtend", lesson.end.astimezone(UTC))
    event.add("sequence", lesson.sequence)
    event.add("last-modified", lesson.updated_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if lesson.is_cancelled() else "CONFIRMED")
    return event


def calendar_for(*, user: User) -> bytes:
    """The user's lessons as an iCalendar file: a teacher's lessons, or a student's."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    # The texts in the user's own language, whoever fetches the feed.
    with translation.override(user.language or settings.LANGUAGE_CODE):
        for lesson in _lessons(user):
            calendar.add_component(_event(lesson, for_teacher=user.is_teacher, stamp=stamp))
    return calendar.to_ical()
