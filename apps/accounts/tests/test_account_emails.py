"""Account e-mails carry an HTML part beside the plain text, with the same link, in the user's language."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from apps.accounts.services import invitation_create, teacher_approve


def _html(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_invitation_has_an_html_part_with_the_same_link(teacher):
    invitation = invitation_create(
        teacher=teacher, email="ivan@example.com", name="Ivan", link_base="http://testserver"
    )

    [message] = mail.outbox
    link = f"http://testserver{invitation.get_absolute_url()}"
    assert link in message.body
    html = _html(message)
    assert f'href="{link}"' in html
    assert "Hello, Ivan!" in html


def test_the_approval_mail_is_in_the_teachers_language(pending_teacher, settings):
    pending_teacher.language = "ru"
    pending_teacher.save()

    teacher_approve(teacher=pending_teacher)

    [message] = mail.outbox
    html = _html(message)
    assert f'href="{settings.SITE_URL}/accounts/login/"' in html
    assert "Здравствуйте" in message.body or "Привет" in message.body
    assert "одобрен" in html


def test_the_password_reset_html_link_matches_the_text_one(client, student):
    client.post(reverse("accounts:password_reset"), {"email": student.email})

    [message] = mail.outbox
    [link] = re.findall(r"http://testserver/accounts/password/reset/\S+/", message.body)
    assert f'href="{link}"' in _html(message)
