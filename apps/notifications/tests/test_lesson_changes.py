from __future__ import annotations

from apps.lessons.services import lesson_set_status
from apps.notifications.tasks import send_lesson_reminders
from apps.scheduling.models import LessonStatus
from apps.scheduling.services import lesson_move, lessons_cancel
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import recipients

PREFIX = "[Verbal Voyager] "


def test_a_cancelled_lesson_is_mailed_once(project, mailoutbox):
    lesson = make_lesson(project, utc(2027, 3, 5, 12))
    lessons_cancel(lessons=[lesson])

    assert send_lesson_reminders() == 1
    assert send_lesson_reminders() == 0

    assert recipients(mailoutbox) == ["student@example.com"]
    assert mailoutbox[0].subject == PREFIX + "Lesson cancelled: English B1"
    assert "19:00" in mailoutbox[0].body  # 12:00 UTC in Novosibirsk


def test_a_status_change_to_cancelled_is_mailed(project, teacher, mailoutbox):
    lesson = make_lesson(project, utc(2027, 3, 5, 12))
    lesson_set_status(lesson=lesson, status=LessonStatus.CANCELLED_BY_STUDENT, by=teacher)

    assert send_lesson_reminders() == 1
    assert mailoutbox[0].subject == PREFIX + "Lesson cancelled: English B1"


def test_a_moved_lesson_is_mailed_once_per_move(project, mailoutbox):
    lesson = make_lesson(project, utc(2027, 3, 5, 12))
    lesson = lesson_move(lesson=lesson, start=utc(2027, 3, 5, 14), end=utc(2027, 3, 5, 15))

    assert send_lesson_reminders() == 1
    assert send_lesson_reminders() == 0
    assert mailoutbox[0].subject == PREFIX + "Lesson moved: English B1"
    assert "21:00" in mailoutbox[0].body  # the new time, 14:00 UTC in Novosibirsk

    lesson_move(lesson=lesson, start=utc(2027, 3, 5, 15), end=utc(2027, 3, 5, 16))
    assert send_lesson_reminders() == 1
    assert "22:00" in mailoutbox[1].body


def test_new_lessons_are_not_changes(project, mailoutbox):
    make_lesson(project, utc(2027, 3, 5, 12))

    assert send_lesson_reminders() == 0


def test_old_changes_are_not_mailed(project, mailoutbox, time_machine):
    lesson = make_lesson(project, utc(2027, 3, 5, 12))
    lessons_cancel(lessons=[lesson])
    time_machine.move_to(utc(2027, 3, 1, 12, 20), tick=False)

    assert send_lesson_reminders() == 0


def test_past_lessons_are_not_mailed(project, mailoutbox):
    lesson = make_lesson(project, utc(2027, 2, 26, 12))
    lessons_cancel(lessons=[lesson])

    assert send_lesson_reminders() == 0


def test_it_respects_preferences(project, student, mailoutbox):
    from apps.notifications.models import NotificationPreference

    NotificationPreference.objects.create(user=student, lesson_changed=False)
    lesson = make_lesson(project, utc(2027, 3, 5, 12))
    lessons_cancel(lessons=[lesson])

    assert send_lesson_reminders() == 0
