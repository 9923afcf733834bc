"""Homework mails to the student: given, due tomorrow (the evening before), checked."""

from __future__ import annotations

from django.urls import reverse

from apps.homework import services as homework_services
from apps.notifications.models import NotificationPreference
from apps.notifications.tasks import send_homework_due
from apps.scheduling.tests.factories import utc

PREFIX = "[Verbal Voyager] "


def give(project, teacher, student, due_at, title="Unit 3"):
    return homework_services.homework_assign(
        teacher=teacher, project=project, student=student, title=title, text="Read", due_at=due_at
    )


def test_giving_homework_tells_the_student_in_their_language_and_zone(
    project, teacher, student, mailoutbox, settings
):
    student.language = "ru"
    student.save(update_fields=["language"])

    homework = give(project, teacher, student, utc(2027, 3, 4, 11))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["student@example.com"]
    # 11:00 UTC is 18:00 in Novosibirsk; the date in Russian from Django's own catalogue.
    assert "18:00" in message.body
    assert "4 марта 2027" in message.body
    assert "Asia/Novosibirsk" in message.body
    assert settings.SITE_URL + reverse("homework:detail", args=[homework.pk]) in message.body
    assert message.alternatives[0][1] == "text/html"


def test_giving_homework_respects_the_preference(project, teacher, student, mailoutbox):
    NotificationPreference.objects.create(user=student, homework_assigned=False)
    give(project, teacher, student, utc(2027, 3, 4, 11))
    assert mailoutbox == []


def test_due_tomorrow_is_sent_once_in_the_students_evening(
    project, teacher, student, mailoutbox, time_machine
):
    # Now is 19:00 in Novosibirsk on Monday; due Tuesday 18:00 there (11:00 UTC).
    give(project, teacher, student, utc(2027, 3, 2, 11))
    give(project, teacher, student, utc(2027, 3, 3, 11), title="Later")  # Wednesday: not yet
    mailoutbox.clear()

    assert send_homework_due.delay().get() == 1
    assert send_homework_due.delay().get() == 0

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == PREFIX + "Homework due tomorrow: Unit 3"
    assert "due tomorrow" in mailoutbox[0].body


def test_due_tomorrow_waits_for_the_evening(project, teacher, student, mailoutbox, time_machine):
    time_machine.move_to(utc(2027, 3, 1, 10), tick=False)  # 17:00 in Novosibirsk
    give(project, teacher, student, utc(2027, 3, 2, 11))
    mailoutbox.clear()
    assert send_homework_due() == 0


def test_due_tomorrow_skips_homework_handed_in(project, teacher, student, mailoutbox):
    homework = give(project, teacher, student, utc(2027, 3, 2, 11))
    homework_services.homework_submit(homework=homework, text="", file=None)
    mailoutbox.clear()
    assert send_homework_due() == 0


def test_due_tomorrow_respects_the_preference(project, teacher, student, mailoutbox):
    NotificationPreference.objects.create(user=student, homework_due=False)
    give(project, teacher, student, utc(2027, 3, 2, 11))
    assert send_homework_due() == 0


def test_checking_tells_the_student(project, teacher, student, mailoutbox):
    homework = give(project, teacher, student, utc(2027, 3, 4, 11))
    homework_services.homework_submit(homework=homework, text="", file=None)
    mailoutbox.clear()

    homework_services.homework_review(homework=homework, by=teacher, grade=80, comment="")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == PREFIX + "Homework checked: Unit 3"
    assert "80%" in mailoutbox[0].body


def test_students_choose_homework_mails(client, student):
    client.force_login(student)
    url = reverse("notifications:preferences")
    assert 'name="homework_due"' in client.get(url).text

    client.post(url, {"homework_assigned": "on"})

    preference = NotificationPreference.objects.get(user=student)
    assert preference.homework_assigned and not preference.homework_due


def test_teachers_have_no_homework_switches(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("notifications:preferences"))
    assert 'name="homework_due"' not in response.text
