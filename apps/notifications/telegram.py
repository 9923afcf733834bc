"""The Telegram bot: /start CODE links a chat to a user; /today, /homework, /balance, /unlink.

Handlers are plain async functions for python-telegram-bot; each one hands its work to a sync
function (the ORM is sync) that builds the reply in the user's language and time zone.
`manage.py run_telegram_bot` runs them by long polling.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from telegram import Update
from telegram.ext import Application, CommandHandler

from apps.accounts.models import User
from apps.homework.selectors import review_queue, student_homework
from apps.lessons.selectors import student_accounts
from apps.scheduling.selectors import student_upcoming, teacher_day

from . import services
from .models import TelegramLink


def _language(user: User | None, fallback: str | None = None) -> str:
    languages = dict(settings.LANGUAGES)
    for language in (user.language if user else None, fallback):
        if language and language in languages:
            return language
    return settings.LANGUAGE_CODE


def _user_for_chat(chat_id: int) -> User | None:
    link = TelegramLink.objects.filter(chat_id=chat_id, user__is_active=True).first()
    return link.user if link else None


def _not_linked() -> str:
    return _(
        "This chat is not linked to Verbal Voyager. Make a code on your profile at %(url)s "
        "and send /start CODE here."
    ) % {"url": settings.SITE_URL}


def _orm(function):
    """Run `function` in Django's sync thread with fresh database connections, as a request
    would: the bot runs for days, and connections go stale."""

    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return sync_to_async(wrapper)


def start_reply(*, chat_id: int, text: str, language: str | None = None) -> str:
    """The answer to "/start CODE"; `language` is the Telegram user's, for strangers."""
    words = (text or "").split()
    code = words[1] if len(words) > 1 else ""
    user = services.telegram_link(code=code, chat_id=chat_id) if code else None
    if user is None:
        with translation.override(_language(_user_for_chat(chat_id), language)):
            if not code:
                return _("To link this chat, make a code on your profile and send /start CODE.")
            return _(
                "This code is wrong or has expired. Make a new one on your profile and send "
                "/start CODE within 15 minutes."
            )
    with translation.override(_language(user)):
        return _(
            "Hello, %(name)s! This chat is linked to Verbal Voyager. "
            "Commands: /today, /homework, /balance, /unlink."
        ) % {"name": user.name}


def today_reply(*, chat_id: int, language: str | None = None) -> str:
    """The user's lessons today, in their zone."""
    user = _user_for_chat(chat_id)
    with translation.override(_language(user, language)):
        if user is None:
            return _not_linked()
        zone = user.zone
        now = timezone.now()
        if user.is_teacher:
            lessons = teacher_day(teacher=user, day=timezone.localdate(now, zone), zone=zone)
        elif user.is_student:
            lessons = student_upcoming(student=user, now=now).today
        else:
            return _("Lessons are for teachers and students.")
        if not lessons:
            return _("No lessons today.")
        lines = [_("Lessons today (%(zone)s):") % {"zone": zone}]
        for lesson in lessons:
            start = timezone.localtime(lesson.start, zone)
            end = timezone.localtime(lesson.end, zone)
            line = f"{start:%H:%M}–{end:%H:%M} {lesson.project.title}"
            if lesson.is_cancelled():
                line += " — " + str(lesson.get_status_display())
            lines.append(line)
        return "\n".join(lines)


def balance_reply(*, chat_id: int, language: str | None = None) -> str:
    """A student's balance in each of their projects."""
    user = _user_for_chat(chat_id)
    with translation.override(_language(user, language)):
        if user is None:
            return _not_linked()
        if not user.is_student:
            return _("The balance is for students; your projects' accounts are on the site.")
        accounts = student_accounts(student=user)
        if not accounts:
            return _("You have no projects yet.")
        lines = [_("Your balance:")]
        for account in accounts:
            values = {
                "project": account.project.title,
                "amount": account.balance,
                "currency": account.currency,
            }
            if account.balance < 0:
                line = _("%(project)s: %(amount)s %(currency)s (to pay)")
            else:
                line = _("%(project)s: %(amount)s %(currency)s")
            lines.append(line % values)
        return "\n".join(lines)


HOMEWORK_LINES = 10


def homework_reply(*, chat_id: int, language: str | None = None) -> str:
    """A student's open homework with due times in their zone; a teacher's homework to check."""
    user = _user_for_chat(chat_id)
    with translation.override(_language(user, language)):
        if user is None:
            return _not_linked()
        if user.is_teacher:
            waiting = review_queue(teacher=user)
            if not waiting:
                return _("No homework waits to be checked.")
            lines = [_("Homework to check: %(count)s") % {"count": len(waiting)}]
            lines += [f"{homework.student.name}: {homework.title}" for homework in waiting]
            return "\n".join(lines[: HOMEWORK_LINES + 1])
        if not user.is_student:
            return _("Homework is for teachers and students.")
        sections = student_homework(student=user)
        open_homework = sections.overdue + sections.to_do
        if not open_homework:
            return _("No homework to do.")
        lines = [_("Homework to do (%(zone)s):") % {"zone": user.zone}]
        for homework in open_homework[:HOMEWORK_LINES]:
            due = timezone.localtime(homework.due_at, user.zone)
            values = {"title": homework.title, "due": f"{due:%d.%m %H:%M}"}
            if homework in sections.overdue:
                lines.append(_("%(title)s — was due %(due)s, overdue") % values)
            else:
                lines.append(_("%(title)s — due %(due)s") % values)
        return "\n".join(lines)


def unlink_reply(*, chat_id: int, language: str | None = None) -> str:
    user = _user_for_chat(chat_id)
    with translation.override(_language(user, language)):
        if user is None:
            return _not_linked()
        services.telegram_unlink(user=user)
        return _("This chat is unlinked. Reminders go by e-mail again.")


def _chat_and_language(update: Update) -> tuple[int, str | None]:
    telegram_user = getattr(update, "effective_user", None)
    return update.effective_chat.id, getattr(telegram_user, "language_code", None)


async def start(update: Update, context: Any) -> None:
    chat_id, language = _chat_and_language(update)
    reply = await _orm(start_reply)(chat_id=chat_id, text=update.message.text, language=language)
    await update.message.reply_text(reply)


async def today(update: Update, context: Any) -> None:
    chat_id, language = _chat_and_language(update)
    await update.message.reply_text(await _orm(today_reply)(chat_id=chat_id, language=language))


async def balance(update: Update, context: Any) -> None:
    chat_id, language = _chat_and_language(update)
    await update.message.reply_text(await _orm(balance_reply)(chat_id=chat_id, language=language))


async def homework(update: Update, context: Any) -> None:
    chat_id, language = _chat_and_language(update)
    await update.message.reply_text(await _orm(homework_reply)(chat_id=chat_id, language=language))


async def unlink(update: Update, context: Any) -> None:
    chat_id, language = _chat_and_language(update)
    await update.message.reply_text(await _orm(unlink_reply)(chat_id=chat_id, language=language))


def build_application(token: str) -> Application:
    application = Application.builder().token(token).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("today", today))
    application.add_handler(CommandHandler("homework", homework))
    application.add_handler(CommandHandler("balance", balance))
    application.add_handler(CommandHandler("unlink", unlink))
    return application
