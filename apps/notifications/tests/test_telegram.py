"""Telegram: linking codes, the bot's commands, reminders by Telegram, the bot's command.

Tests that go through python-telegram-bot's Bot are OFFLINE: Telegram's servers are not
reachable here; the library's request layer is replaced by RecordingRequest, which records
each call and answers as the Bot API would.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from telegram.request import BaseRequest, RequestData

from apps.homework import services as homework_services
from apps.homework.models import Homework
from apps.notifications import services
from apps.notifications import telegram as bot
from apps.notifications.models import (
    CODE_LENGTH,
    Channel,
    Kind,
    NotificationPreference,
    SentNotification,
    TelegramLink,
)
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class RecordingRequest(BaseRequest):
    """The Bot API without the network: records (method, parameters) and answers like Telegram."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        parameters = request_data.parameters if request_data else {}
        self.calls.append((api_method, parameters))
        if api_method == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "VV", "username": "vv_bot"}
        elif api_method == "sendMessage":
            result = {
                "message_id": len(self.calls),
                "date": 0,
                "chat": {"id": int(parameters["chat_id"]), "type": "private"},
                "text": parameters["text"],
            }
        else:
            return 404, json.dumps({"ok": False, "description": "Not Found"}).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self) -> list[dict]:
        return [parameters for method, parameters in self.calls if method == "sendMessage"]


@pytest.fixture
def telegram_on(settings):
    settings.TELEGRAM_BOT_TOKEN = "123:test"
    settings.TELEGRAM_BOT_NAME = "vv_bot"


@pytest.fixture
def recording(monkeypatch) -> RecordingRequest:
    request = RecordingRequest()
    monkeypatch.setattr(services, "telegram_request", lambda: request)
    return request


def run(coroutine):
    """asyncio.run, also when Playwright's event loop already runs in this thread (the e2e tests
    may come first): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def send_command(handler, chat_id: int, text: str, language: str | None = None) -> list[str]:
    """Call a bot handler with the least of an Update it reads; returns its replies."""
    replies: list[str] = []

    async def reply_text(text: str) -> None:
        replies.append(text)

    update = SimpleNamespace(
        effective_chat=SimpleNamespace(id=chat_id),
        effective_user=SimpleNamespace(language_code=language),
        message=SimpleNamespace(text=text, reply_text=reply_text),
    )
    run(handler(update, SimpleNamespace()))
    # The handler reached the ORM from asgiref's sync thread, whose connection would outlive
    # the test and keep the PostgreSQL test database from being dropped at the end.
    run(sync_to_async(connections.close_all)())
    return replies


def link(user, chat_id: int = 555) -> TelegramLink:
    return TelegramLink.objects.update_or_create(
        user=user, defaults={"chat_id": chat_id, "linked_at": utc(2027, 2, 1)}
    )[0]


# Codes


def test_code_is_fresh_and_valid_for_15_minutes(student, now):
    first = services.telegram_code_create(user=student)
    second = services.telegram_code_create(user=student)

    assert TelegramLink.objects.count() == 1
    assert len(second.code) == CODE_LENGTH
    assert second.code != first.code
    assert second.expires_at == now + timedelta(minutes=15)
    assert second.code_is_valid()
    assert not second.code_is_valid(now + timedelta(minutes=15))


def test_code_view_makes_a_code(client, student, telegram_on):
    client.force_login(student)

    response = client.post(reverse("notifications:telegram_code"))

    assert response.status_code == 302
    code = TelegramLink.objects.get(user=student).code
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f"Send <code>/start {code}</code> to @vv_bot" in page


def test_code_view_rejects_get_and_requires_login(client, student):
    assert client.get(reverse("notifications:telegram_code")).status_code == 302  # to login
    client.force_login(student)
    assert client.get(reverse("notifications:telegram_code")).status_code == 405


def test_profile_says_when_telegram_is_off(client, student, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    client.force_login(student)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert "Telegram is not configured on this server." in page


def test_unlink_view(client, student, telegram_on):
    link(student)
    client.force_login(student)
    assert "Unlink" in client.get(reverse("accounts:profile")).content.decode()

    response = client.post(reverse("notifications:telegram_unlink"))

    assert response.status_code == 302
    assert not TelegramLink.objects.get(user=student).is_linked


# The bot's commands


@TRANSACTIONAL
def test_start_with_a_valid_code_links_the_chat(student):
    code = services.telegram_code_create(user=student).code

    replies = send_command(bot.start, 555, f"/start {code.lower()}")

    assert replies == [
        "Hello, Sasha Student! This chat is linked to Verbal Voyager. "
        "Commands: /today, /homework, /balance, /unlink."
    ]
    saved = TelegramLink.objects.get(user=student)
    assert saved.chat_id == 555 and saved.linked_at is not None
    assert saved.code is None  # once only
    assert (
        "wrong or has expired" in send_command(bot.start, 556, f"/start {code}", language="en")[0]
    )


@TRANSACTIONAL
def test_start_with_a_wrong_or_expired_code(student, now, time_machine):
    code = services.telegram_code_create(user=student).code

    assert (
        "wrong or has expired" in send_command(bot.start, 555, "/start NOPE2345", language="en")[0]
    )
    time_machine.shift(timedelta(minutes=16))
    assert (
        "wrong or has expired" in send_command(bot.start, 555, f"/start {code}", language="en")[0]
    )
    assert "send /start CODE" in send_command(bot.start, 555, "/start", language="en")[0]
    assert not TelegramLink.objects.get(user=student).is_linked


@TRANSACTIONAL
def test_today_lists_lessons_in_the_users_zone_and_language(project, student, teacher):
    student.language = "ru"
    student.save()
    link(student, 555)
    link(teacher, 777)
    make_lesson(project, utc(2027, 3, 1, 13))
    make_lesson(project, utc(2027, 3, 1, 15), status=LessonStatus.CANCELLED_BY_TEACHER)
    make_lesson(project, utc(2027, 3, 2, 13))  # tomorrow

    [reply] = send_command(bot.today, 555, "/today")
    lines = reply.splitlines()
    assert lines[1:] == [  # Novosibirsk, UTC+7
        "20:00–21:00 English B1",
        "22:00–23:00 English B1 — отменён преподавателем",
    ]
    [reply] = send_command(bot.today, 777, "/today")
    assert reply.splitlines()[1:] == [  # the teacher's Moscow, UTC+3
        "16:00–17:00 English B1",
        "18:00–19:00 English B1 — cancelled by the teacher",
    ]


@TRANSACTIONAL
def test_today_without_lessons_and_without_link(student, now):
    link(student, 555)

    assert send_command(bot.today, 555, "/today") == ["No lessons today."]
    assert "not linked" in send_command(bot.today, 999, "/today", language="en")[0]


@TRANSACTIONAL
def test_balance_for_a_student(project, student, teacher):
    project.price = Decimal("20.00")
    project.save()
    make_lesson(project, utc(2027, 2, 20, 10), status=LessonStatus.HELD)
    link(student, 555)
    link(teacher, 777)

    assert send_command(bot.balance, 555, "/balance") == [
        "Your balance:\nEnglish B1: -20.00 RUB (to pay)"
    ]
    assert "for students" in send_command(bot.balance, 777, "/balance")[0]


@TRANSACTIONAL
def test_unlink_command(student):
    link(student, 555)

    assert send_command(bot.unlink, 555, "/unlink") == [
        "This chat is unlinked. Reminders go by e-mail again."
    ]
    assert not TelegramLink.objects.get(user=student).is_linked
    assert "not linked" in send_command(bot.unlink, 555, "/unlink", language="en")[0]


def _give(project, teacher, student, title: str, due_at) -> Homework:
    return homework_services.homework_assign(
        teacher=teacher,
        project=project,
        student=student,
        lesson=None,
        exercises=[],
        title=title,
        text="Read.",
        due_at=due_at,
    )


@TRANSACTIONAL
def test_homework_lists_a_students_open_homework_overdue_first(project, student, teacher):
    student.language = "ru"
    student.save()
    link(student, 555)
    _give(project, teacher, student, "Unit 4", utc(2027, 3, 4, 11))
    _give(project, teacher, student, "Unit 3", utc(2027, 2, 28, 11))
    done = _give(project, teacher, student, "Unit 2", utc(2027, 2, 20, 11))
    homework_services.homework_submit(homework=done, text="Done.")

    [reply] = send_command(bot.homework, 555, "/homework")

    assert reply.splitlines() == [  # Novosibirsk, UTC+7; the handed-in one is not listed
        "Домашние задания (Asia/Novosibirsk):",
        "Unit 3 — срок был 28.02 18:00, просрочено",
        "Unit 4 — срок 04.03 18:00",
    ]


@TRANSACTIONAL
def test_homework_for_a_teacher_is_what_waits_to_be_checked(project, student, teacher):
    link(teacher, 777)
    assert send_command(bot.homework, 777, "/homework") == ["No homework waits to be checked."]

    homework = _give(project, teacher, student, "Unit 3", utc(2027, 3, 4, 11))
    homework_services.homework_submit(homework=homework, text="Done.")

    assert send_command(bot.homework, 777, "/homework") == [
        f"Homework to check: 1\n{student.name}: Unit 3"
    ]
    assert "not linked" in send_command(bot.homework, 999, "/homework", language="en")[0]


def test_build_application_has_the_commands():
    application = bot.build_application("123:test")

    commands = {command for handler in application.handlers[0] for command in handler.commands}
    assert commands == {"start", "today", "homework", "balance", "unlink"}


# Reminders by Telegram


def notify_soon(user, project) -> bool:
    lesson = make_lesson(project, utc(2027, 3, 1, 13))
    return services.notify(
        user=user,
        kind=Kind.LESSON_SOON,
        key=f"lesson-soon-{lesson.pk}",
        subject="Lesson in an hour: %(project)s",
        template="lesson_soon",
        context=services._lesson_context(lesson),
    )


def test_notify_by_telegram(project, student, telegram_on, recording, mailoutbox):
    """OFFLINE: Telegram's servers are not reachable here; the library's request layer is
    replaced."""
    NotificationPreference.objects.create(user=student, channel=Channel.TELEGRAM)
    link(student, 555)

    assert notify_soon(student, project)

    assert mailoutbox == []
    [message] = recording.sent()
    assert message["chat_id"] == 555
    assert message["text"].startswith("Lesson in an hour: English B1\n\nHello, Sasha Student!")
    assert SentNotification.objects.filter(user=student).count() == 1


def test_notify_mails_when_not_linked_or_email_chosen(
    project, student, teacher, telegram_on, recording, mailoutbox
):
    """OFFLINE: Telegram's servers are not reachable here; the library's request layer is
    replaced."""
    NotificationPreference.objects.create(user=student, channel=Channel.TELEGRAM)
    link(teacher, 777)  # linked, but e-mail is the teacher's choice

    assert notify_soon(student, project)
    assert notify_soon(teacher, project)

    assert sorted(m.to[0] for m in mailoutbox) == ["student@example.com", "teacher@example.com"]
    assert recording.sent() == []


def test_notify_mails_when_the_user_blocked_the_bot(
    project, student, telegram_on, monkeypatch, mailoutbox
):
    """OFFLINE: Telegram's servers are not reachable here; the library's request layer is
    replaced (by one answering 403, as Telegram does for a blocked bot)."""

    class Blocked(RecordingRequest):
        async def do_request(self, url, method, request_data=None, **timeouts):
            if url.endswith("sendMessage"):
                body = {"ok": False, "error_code": 403, "description": "bot was blocked"}
                return 403, json.dumps(body).encode()
            return await super().do_request(url, method, request_data, **timeouts)

    monkeypatch.setattr(services, "telegram_request", Blocked)
    NotificationPreference.objects.create(user=student, channel=Channel.TELEGRAM)
    link(student, 555)

    assert notify_soon(student, project)

    assert [m.to[0] for m in mailoutbox] == ["student@example.com"]
    assert not TelegramLink.objects.get(user=student).is_linked


def test_channel_is_offered_once_linked(client, student, telegram_on):
    client.force_login(student)
    assert 'name="channel"' not in client.get(reverse("accounts:profile")).content.decode()
    link(student)
    assert 'name="channel"' in client.get(reverse("accounts:profile")).content.decode()

    client.post(
        reverse("notifications:preferences"),
        {"lesson_tomorrow": "on", "lesson_soon": "on", "channel": "telegram"},
    )

    assert NotificationPreference.for_user(student).channel == Channel.TELEGRAM


# The command


def test_run_telegram_bot_without_token(settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    out = StringIO()

    call_command("run_telegram_bot", stdout=out)

    assert out.getvalue() == "Telegram is disabled: set TELEGRAM_BOT_TOKEN\n"


@pytest.mark.django_db
def test_a_stranger_is_answered_in_their_telegram_language():
    """A chat nobody linked yet: the reply follows the Telegram app's language."""
    russian = send_command(bot.today, 999, "/today", language="ru")[0]
    english = send_command(bot.today, 999, "/today", language="en")[0]

    assert "не привязан" in russian
    assert "not linked" in english
