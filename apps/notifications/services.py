"""E-mail reminders: who gets which mail, rendered in their language and time zone, once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.lessons.selectors import teacher_accounts
from apps.scheduling.models import CANCELLED_STATUSES, Lesson, LessonStatus

from .models import Kind, NotificationPreference, SentNotification

# "Soon" is an hour before the start; the task runs every 10 minutes, so a window as wide
# as that catches every lesson once.
SOON_FROM = timedelta(minutes=55)
SOON_TO = timedelta(minutes=65)
# The reminder of tomorrow's lessons goes out from this local hour on, the evening before.
TOMORROW_FROM = time(18, 0)
# Changes to lessons are looked for this far back (the task runs every 10 minutes).
CHANGED_WITHIN = timedelta(minutes=15)


def notify(*, user: User, kind: str, key: str, subject: Any, template: str, context: dict) -> bool:
    """Mail `user` about the event `key` unless they already got it; returns whether it was sent.

    `subject` is a translatable (lazy) string whose %(name)s placeholders are filled from
    `context`. The mail is `templates/notifications/email/<template>.txt` with an `.html`
    alternative, rendered in the user's language and time zone. Users who are inactive, have
    no address or turned this kind of mail off get nothing.

    The record is made before the mail is sent, in one transaction: a second run (or a second
    worker) finds it and sends nothing; a failed send undoes the record, so a retry sends.
    """
    if not user.is_active or not user.email:
        return False
    if not NotificationPreference.for_user(user).wants(kind):
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentNotification.objects.create(user=user, kind=kind, key=key)
        except IntegrityError:
            return False
        _send(user, subject, template, context)
    return True


def _send(user: User, subject: Any, template: str, context: dict) -> None:
    context = {
        "site_url": settings.SITE_URL,
        "user": user,
        "time_zone": str(user.zone),
        **context,
    }
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(user.zone):
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
        subject = str(subject) % context if "%(" in str(subject) else str(subject)
    message = EmailMultiAlternatives(
        settings.EMAIL_SUBJECT_PREFIX + subject, text, None, [user.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _calendar_url() -> str:
    return settings.SITE_URL + reverse("scheduling:calendar")


def _lesson_context(lesson: Lesson) -> dict:
    return {
        "lesson": lesson,
        "project": lesson.project.title,
        "teacher": lesson.project.teacher.name,
        "url": _calendar_url(),
    }


def _upcoming(start: datetime, end: datetime):
    return (
        Lesson.objects.filter(status=LessonStatus.PLANNED)
        .between(start, end)
        .select_related("project__teacher")
        .prefetch_related("project__students")
        .order_by("start", "pk")
    )


def _participants(lesson: Lesson) -> list[User]:
    return [lesson.project.teacher, *lesson.project.students.all()]


def lesson_reminders_send(*, now: datetime | None = None) -> int:
    """Send what is due now: "in an hour", "tomorrow" and "moved or cancelled" mails.
    Returns how many mails were sent. Safe to run as often as one likes."""
    now = now or timezone.now()
    sent = 0
    for lesson in _upcoming(now + SOON_FROM, now + SOON_TO):
        for user in _participants(lesson):
            sent += notify(
                user=user,
                kind=Kind.LESSON_SOON,
                key=f"lesson-soon-{lesson.pk}-{lesson.start:%Y%m%d%H%M}",
                subject=_("Lesson in an hour: %(project)s"),
                template="lesson_soon",
                context=_lesson_context(lesson),
            )
    # Tomorrow in any zone starts within 2 days from now (zones are at most 26 hours apart).
    for lesson in _upcoming(now, now + timedelta(days=2)):
        for user in _participants(lesson):
            local_now = timezone.localtime(now, user.zone)
            tomorrow = local_now.date() + timedelta(days=1)
            if local_now.time() < TOMORROW_FROM or lesson.local_start(user.zone).date() != tomorrow:
                continue
            sent += notify(
                user=user,
                kind=Kind.LESSON_TOMORROW,
                key=f"lesson-tomorrow-{lesson.pk}-{tomorrow:%Y%m%d}",
                subject=_("Lesson tomorrow: %(project)s"),
                template="lesson_tomorrow",
                context=_lesson_context(lesson),
            )
    sent += lesson_changes_send(now=now)
    return sent


def lesson_changes_send(*, now: datetime | None = None) -> int:
    """Tell the students about future lessons moved or cancelled lately.

    Every change of a lesson's time or status raises its `sequence`, so one mail per lesson
    and sequence is one mail per change (a lesson changed twice between runs gets one mail,
    about how it stands now). A planned lesson whose sequence rose was moved (or cancelled
    and then planned again: the mail gives its time, which is right either way).
    """
    now = now or timezone.now()
    lessons = (
        Lesson.objects.filter(sequence__gt=0, start__gt=now, updated_at__gte=now - CHANGED_WITHIN)
        .filter(status__in=[LessonStatus.PLANNED, *CANCELLED_STATUSES])
        .select_related("project__teacher")
        .prefetch_related("project__students")
        .order_by("start", "pk")
    )
    sent = 0
    for lesson in lessons:
        if lesson.is_cancelled():
            kind, template = Kind.LESSON_CANCELLED, "lesson_cancelled"
            subject = _("Lesson cancelled: %(project)s")
        else:
            kind, template = Kind.LESSON_MOVED, "lesson_moved"
            subject = _("Lesson moved: %(project)s")
        for user in lesson.project.students.all():
            sent += notify(
                user=user,
                kind=kind,
                key=f"lesson-changed-{lesson.pk}-{lesson.sequence}",
                subject=subject,
                template=template,
                context=_lesson_context(lesson),
            )
    return sent


def package_low_send() -> int:
    """Tell teachers whose students' packages are almost used up: one mail per project and
    package state (another mail when one more lesson is used, or after a new package runs low)."""
    sent = 0
    teachers = User.objects.filter(
        role=Role.TEACHER, approved_at__isnull=False, is_active=True
    ).order_by("pk")
    for teacher in teachers:
        for account in teacher_accounts(teacher=teacher):
            project = account.project
            if not project.is_active or not account.package_low:
                continue
            newest = max(package.pk for package in account.packages)
            left = account.package_lessons_left
            sent += notify(
                user=teacher,
                kind=Kind.PACKAGE_LOW,
                key=f"package-low-{project.pk}-{newest}-{left}",
                subject=_("Package running out: %(project)s"),
                template="package_low",
                context={
                    "project": project.title,
                    "students": ", ".join(s.name for s in project.students.all()),
                    "left": left,
                    "url": settings.SITE_URL + reverse("projects:detail", args=[project.pk]),
                },
            )
    return sent
