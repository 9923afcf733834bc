"""Reminders: who gets which message, rendered in their language and time zone, once; by
e-mail, or by Telegram for users who chose it and linked a chat. Also linking a chat."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from telegram import Bot
from telegram.error import Forbidden
from telegram.request import BaseRequest

from apps.accounts.models import Role, User
from apps.lessons.selectors import teacher_accounts
from apps.scheduling.models import CANCELLED_STATUSES, Lesson, LessonStatus

from .models import (
    CODE_VALID_FOR,
    Channel,
    Kind,
    NotificationPreference,
    SentNotification,
    TelegramLink,
)

# "Soon" is an hour before the start; the task runs every 10 minutes, so a window as wide
# as that catches every lesson once.
SOON_FROM = timedelta(minutes=55)
SOON_TO = timedelta(minutes=65)
# The reminder of tomorrow's lessons goes out from this local hour on, the evening before.
TOMORROW_FROM = time(18, 0)
# Changes to lessons are looked for this far back (the task runs every 10 minutes).
CHANGED_WITHIN = timedelta(minutes=15)


def notify(*, user: User, kind: str, key: str, subject: Any, template: str, context: dict) -> bool:
    """Tell `user` about the event `key` unless they already got it; returns whether it was sent.

    `subject` is a translatable (lazy) string whose %(name)s placeholders are filled from
    `context`. The message is `templates/notifications/email/<template>.txt` (with an `.html`
    alternative for e-mail), rendered in the user's language and time zone. It goes by
    Telegram when the user chose that and linked a chat, otherwise by e-mail. Users who are
    inactive, have nowhere to send to or turned this kind of message off get nothing.

    The record is made before the message is sent, in one transaction: a second run (or a
    second worker) finds it and sends nothing; a failed send undoes the record, so a retry sends.
    """
    if not user.is_active:
        return False
    preference = NotificationPreference.for_user(user)
    if not preference.wants(kind):
        return False
    chat_id = _telegram_chat(user, preference)
    if chat_id is None and not user.email:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentNotification.objects.create(user=user, kind=kind, key=key)
        except IntegrityError:
            return False
        subject, text, html = _render(user, subject, template, context)
        if chat_id is not None:
            try:
                telegram_send(chat_id, f"{subject}\n\n{text}")
                return True
            except Forbidden:
                # The user blocked the bot or left the chat: forget the chat, mail instead.
                TelegramLink.objects.filter(chat_id=chat_id).update(chat_id=None, linked_at=None)
                if not user.email:
                    return True
        message = EmailMultiAlternatives(
            settings.EMAIL_SUBJECT_PREFIX + subject, text, None, [user.email]
        )
        message.attach_alternative(html, "text/html")
        message.send()
    return True


def _telegram_chat(user: User, preference: NotificationPreference) -> int | None:
    """The chat to send the user's reminders to, or None to mail them."""
    if preference.channel != Channel.TELEGRAM or not settings.TELEGRAM_BOT_TOKEN:
        return None
    return (
        TelegramLink.objects.filter(user=user, chat_id__isnull=False)
        .values_list("chat_id", flat=True)
        .first()
    )


def _render(user: User, subject: Any, template: str, context: dict) -> tuple[str, str, str]:
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
    return subject, text, html


def telegram_request() -> BaseRequest | None:
    """The request layer the bot talks to Telegram through; None is the library's own (httpx).
    Tests replace it, since Telegram's servers are not reachable from them."""
    return None


def telegram_send(chat_id: int, text: str) -> None:
    """Send `text` to the chat, waiting for Telegram's answer (errors are raised)."""

    async def send() -> None:
        async with Bot(settings.TELEGRAM_BOT_TOKEN, request=telegram_request()) as bot:
            await bot.send_message(chat_id=chat_id, text=text)

    asyncio.run(send())


def telegram_code_create(*, user: User) -> TelegramLink:
    """A fresh one-time code for linking the user's Telegram chat, valid CODE_VALID_FOR."""
    with transaction.atomic():
        link, _created = TelegramLink.objects.select_for_update().get_or_create(user=user)
        code = TelegramLink.new_code()
        while TelegramLink.objects.filter(code=code).exists():
            code = TelegramLink.new_code()
        link.code, link.expires_at = code, timezone.now() + CODE_VALID_FOR
        link.save(update_fields=["code", "expires_at"])
    return link


def telegram_link(*, code: str, chat_id: int) -> User | None:
    """Link the chat to the active user whose valid code this is; None when there is none.

    The code works once. A chat linked to someone else before is theirs no more."""
    now = timezone.now()
    with transaction.atomic():
        link = (
            TelegramLink.objects.select_for_update()
            .select_related("user")
            .filter(code=code.strip().upper(), expires_at__gt=now, user__is_active=True)
            .first()
        )
        if link is None:
            return None
        TelegramLink.objects.filter(chat_id=chat_id).exclude(pk=link.pk).update(
            chat_id=None, linked_at=None
        )
        link.chat_id, link.linked_at = chat_id, now
        link.code, link.expires_at = None, None
        link.save(update_fields=["chat_id", "linked_at", "code", "expires_at"])
    return link.user


def telegram_unlink(*, user: User) -> None:
    """Forget the user's chat; reminders go by e-mail again."""
    TelegramLink.objects.filter(user=user).update(chat_id=None, linked_at=None)


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


# Homework: to the student when it is given or checked, and the evening before it is due.


def _homework_context(homework) -> dict:
    return {
        "homework": homework,
        "title": homework.title,
        "project": homework.project.title,
        "teacher": homework.project.teacher.name,
        "url": settings.SITE_URL + reverse("homework:detail", args=[homework.pk]),
    }


def homework_assigned_notify(*, homework) -> bool:
    return notify(
        user=homework.student,
        kind=Kind.HOMEWORK_ASSIGNED,
        key=f"homework-assigned-{homework.pk}",
        subject=_("New homework: %(title)s"),
        template="homework_assigned",
        context=_homework_context(homework),
    )


def homework_checked_notify(*, homework) -> bool:
    return notify(
        user=homework.student,
        kind=Kind.HOMEWORK_CHECKED,
        key=f"homework-checked-{homework.pk}-{homework.checked_at:%Y%m%d%H%M%S}",
        subject=_("Homework checked: %(title)s"),
        template="homework_checked",
        context=_homework_context(homework),
    )


def homework_due_send(*, now: datetime | None = None) -> int:
    """Remind students of homework not yet submitted that is due tomorrow (in their zone),
    from TOMORROW_FROM the evening before; once per homework and due date."""
    from apps.homework.models import Homework  # homework depends on notifications

    now = now or timezone.now()
    sent = 0
    homework_list = (
        Homework.objects.open()
        .filter(due_at__gte=now, due_at__lt=now + timedelta(days=2))
        .select_related("student", "project__teacher")
        .order_by("due_at", "pk")
    )
    for homework in homework_list:
        user = homework.student
        local_now = timezone.localtime(now, user.zone)
        tomorrow = local_now.date() + timedelta(days=1)
        if local_now.time() < TOMORROW_FROM or homework.due_at.astimezone(user.zone).date() != (
            tomorrow
        ):
            continue
        sent += notify(
            user=user,
            kind=Kind.HOMEWORK_DUE,
            key=f"homework-due-{homework.pk}-{tomorrow:%Y%m%d}",
            subject=_("Homework due tomorrow: %(title)s"),
            template="homework_due",
            context=_homework_context(homework),
        )
    return sent
