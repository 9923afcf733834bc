"""The reminders form's wording: the switches say what to be told about, whatever the channel;
the channel (once Telegram is linked) is its own labelled choice."""

from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.notifications.models import Channel, NotificationPreference, TelegramLink
from apps.scheduling.tests.factories import utc


def test_the_heading_does_not_promise_an_e_mail_for_telegram(client, student, settings):
    settings.TELEGRAM_BOT_TOKEN = "123:test"
    TelegramLink.objects.create(user=student, chat_id=555, linked_at=utc(2027, 2, 1))
    NotificationPreference.objects.create(user=student, channel=Channel.TELEGRAM)
    client.force_login(student)

    response = client.get(reverse("notifications:preferences"))

    assertNotContains(response, "Send me an e-mail")
    assertContains(response, "<legend>Let me know</legend>", html=True)
    assertContains(response, '<label for="id_channel">Send reminders by:</label>', html=True)
    assertContains(response, '<option value="telegram" selected>Telegram</option>', html=True)


def test_without_telegram_there_is_no_channel_choice(client, student):
    client.force_login(student)

    response = client.get(reverse("notifications:preferences"))

    assertContains(response, "<legend>Let me know</legend>", html=True)
    assertContains(response, 'name="homework_due"')
    assertNotContains(response, 'name="channel"')
