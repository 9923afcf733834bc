from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.lessons.services import package_record
from apps.notifications.tasks import send_package_low
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

PREFIX = "[Verbal Voyager] "


def test_it_tells_the_teacher_once(project, teacher, mailoutbox):
    package_record(
        project=project, lessons=2, price=Decimal("1800.00"), bought_on=date(2027, 2, 1), by=teacher
    )
    make_lesson(project, utc(2027, 2, 22, 12), status=LessonStatus.HELD)

    assert send_package_low.delay().get() == 1
    assert send_package_low.delay().get() == 0

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["teacher@example.com"]
    assert message.subject == PREFIX + "Package running out: English B1"
    assert "1 lesson left" in message.body
    assert "Sasha Student" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_it_tells_again_when_another_lesson_is_used(project, teacher, mailoutbox):
    package_record(
        project=project, lessons=2, price=Decimal("1800.00"), bought_on=date(2027, 2, 1), by=teacher
    )
    make_lesson(project, utc(2027, 2, 22, 12), status=LessonStatus.HELD)
    send_package_low()
    make_lesson(project, utc(2027, 2, 23, 12), status=LessonStatus.HELD)

    assert send_package_low() == 1
    assert "0 lessons left" in mailoutbox[1].body


def test_it_is_quiet_while_lessons_are_left(project, teacher, mailoutbox):
    package_record(
        project=project, lessons=5, price=Decimal("4000.00"), bought_on=date(2027, 2, 1), by=teacher
    )

    assert send_package_low() == 0


def test_it_is_quiet_without_packages(project, mailoutbox):
    assert send_package_low() == 0
