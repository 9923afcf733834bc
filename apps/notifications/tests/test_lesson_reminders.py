from __future__ import annotations

from datetime import timedelta

import pytest

from apps.notifications.models import NotificationPreference, SentNotification
from apps.notifications.services import notify
from apps.notifications.tasks import send_lesson_reminders
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import recipients

PREFIX = "[Verbal Voyager] "


def test_it_sends_soon_once_to_teacher_and_students(project, mailoutbox, settings):
    make_lesson(project, utc(2027, 3, 1, 13))

    assert send_lesson_reminders.delay().get() == 2
    assert send_lesson_reminders.delay().get() == 0

    assert recipients(mailoutbox) == ["student@example.com", "teacher@example.com"]
    message = mailoutbox[0]
    assert message.subject == PREFIX + "Lesson in an hour: English B1"
    assert "English B1" in message.body
    assert "Tatiana Teacher" in message.body
    assert settings.SITE_URL + "/calendar/" in message.body
    assert SentNotification.objects.count() == 2


def test_it_sends_soon_again_after_a_move(project, mailoutbox, time_machine):
    lesson = make_lesson(project, utc(2027, 3, 1, 13))
    send_lesson_reminders()
    lesson.start, lesson.end = utc(2027, 3, 1, 14), utc(2027, 3, 1, 15)
    lesson.save()  # by hand, without a sequence bump: no "moved" mail
    time_machine.move_to(utc(2027, 3, 1, 13), tick=False)

    assert send_lesson_reminders() == 2
    assert len(mailoutbox) == 4


def test_it_sends_nothing_outside_the_window(project, mailoutbox):
    make_lesson(project, utc(2027, 3, 1, 13, 10))
    make_lesson(project, utc(2027, 3, 1, 12, 50))

    assert send_lesson_reminders() == 0


def test_it_skips_lessons_not_planned(project, mailoutbox):
    make_lesson(project, utc(2027, 3, 1, 13), status=LessonStatus.CANCELLED_BY_TEACHER)

    assert send_lesson_reminders() == 0


def test_it_uses_the_users_zone_and_language(project, student, teacher, mailoutbox):
    student.time_zone, student.language = "Asia/Yekaterinburg", "ru"
    student.save()
    make_lesson(project, utc(2027, 3, 1, 13))

    send_lesson_reminders()

    by_address = {message.to[0]: message for message in mailoutbox}
    # 13:00 UTC is 18:00 in Yekaterinburg; the date in Russian (from Django's own catalogue).
    russian = by_address["student@example.com"]
    assert "18:00" in russian.body
    assert "1 марта 2027" in russian.body
    assert "Asia/Yekaterinburg" in russian.body
    # 16:00 in Moscow for the teacher, in English.
    english = by_address["teacher@example.com"]
    assert "16:00" in english.body
    assert "March 1, 2027" in english.body
    assert english.subject == PREFIX + "Lesson in an hour: English B1"


def test_it_sends_an_html_alternative(project, mailoutbox):
    make_lesson(project, utc(2027, 3, 1, 13))

    send_lesson_reminders()

    html, mimetype = mailoutbox[0].alternatives[0]
    assert mimetype == "text/html"
    assert "<a href=" in html
    assert "English B1" in html


def test_it_respects_preferences(project, student, teacher, mailoutbox):
    NotificationPreference.objects.create(user=student, lesson_soon=False)
    NotificationPreference.objects.create(user=teacher, lesson_soon=False)
    make_lesson(project, utc(2027, 3, 1, 13))

    assert send_lesson_reminders() == 0
    assert mailoutbox == []
    assert not SentNotification.objects.exists()


def test_it_skips_inactive_users(project, student, mailoutbox):
    student.is_active = False
    student.save()
    make_lesson(project, utc(2027, 3, 1, 13))

    send_lesson_reminders()

    assert recipients(mailoutbox) == ["teacher@example.com"]


def test_it_sends_tomorrow_in_each_users_evening(project, mailoutbox, time_machine):
    # 10:00 UTC on 2 March: 17:00 in Novosibirsk, 13:00 in Moscow.
    make_lesson(project, utc(2027, 3, 2, 10))

    # 19:00 in Novosibirsk: the student's evening; 15:00 in Moscow: not yet the teacher's.
    assert send_lesson_reminders() == 1
    assert mailoutbox[0].to == ["student@example.com"]
    assert mailoutbox[0].subject == PREFIX + "Lesson tomorrow: English B1"
    assert "17:00" in mailoutbox[0].body

    time_machine.move_to(utc(2027, 3, 1, 15), tick=False)  # 18:00 in Moscow
    assert send_lesson_reminders() == 1
    assert mailoutbox[1].to == ["teacher@example.com"]
    assert "13:00" in mailoutbox[1].body

    time_machine.move_to(utc(2027, 3, 1, 16), tick=False)
    assert send_lesson_reminders() == 0


def test_notify_skips_users_without_address(now, student, mailoutbox):
    student.email = ""
    sent = notify(
        user=student,
        kind="lesson_soon",
        key="x",
        subject="Hello",
        template="lesson_soon",
        context={},
    )

    assert sent is False
    assert mailoutbox == []


def test_a_failed_send_can_be_retried(project, mailoutbox, monkeypatch):
    make_lesson(project, utc(2027, 3, 1, 13))

    def fail(self, fail_silently=False):
        raise OSError("SMTP down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", fail)
        with pytest.raises(OSError):
            send_lesson_reminders()
    assert not SentNotification.objects.exists()

    assert send_lesson_reminders() == 2


def test_lesson_starting_in_an_hour_and_tomorrow_for_nobody(project, mailoutbox):
    make_lesson(project, utc(2027, 3, 1, 12) + timedelta(days=3))

    assert send_lesson_reminders() == 0
