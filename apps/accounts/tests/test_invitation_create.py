from __future__ import annotations

from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Invitation

URL = reverse("accounts:invitation_create")
HTMX = {"HX-Request": "true"}


def test_it_works(teacher_client, teacher):
    response = teacher_client.post(URL, {"name": "Ivan", "email": "Ivan@Example.com"})

    assertRedirects(response, reverse("accounts:students"), fetch_redirect_response=False)
    invitation = Invitation.objects.get()
    assert invitation.teacher == teacher
    assert invitation.email == "ivan@example.com"
    assert invitation.is_open
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ivan@example.com"]
    assert teacher.name in mail.outbox[0].subject
    assert f"http://testserver{invitation.get_absolute_url()}" in mail.outbox[0].body
    page = teacher_client.get(reverse("accounts:students"))
    assertContains(page, "Invitation sent to ivan@example.com.")
    assertContains(page, invitation.get_absolute_url())


def test_a_link_without_an_address_sends_no_mail(teacher_client):
    teacher_client.post(URL, {"name": "", "email": ""})

    invitation = Invitation.objects.get()
    assert invitation.is_open
    assert mail.outbox == []
    page = teacher_client.get(reverse("accounts:students"))
    assertContains(page, "Invitation created. Copy the link and send it to your student.")


def test_it_requires_login(client, db):
    response = client.post(URL, {"name": "Ivan"})

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")
    assert not Invitation.objects.exists()


def test_it_rejects_get(teacher_client):
    assert teacher_client.get(URL).status_code == 405
    assert not Invitation.objects.exists()


def test_htmx_returns_fragment(teacher_client):
    response = teacher_client.post(URL, {"name": "Ivan", "email": ""}, headers=HTMX)

    invitation = Invitation.objects.get()
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="roster">')
    assert "<html" not in content
    # The fresh link is shown at once, ready to copy.
    assert f"http://testserver{invitation.get_absolute_url()}" in content
    assertContains(response, "Link for Ivan")


def test_a_bad_address_changes_nothing(teacher_client):
    response = teacher_client.post(URL, {"name": "Ivan", "email": "ivan@"})

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assertContains(response, "Enter a valid email address.")
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_bad_address_by_htmx_shows_the_error_in_the_fragment(teacher_client):
    response = teacher_client.post(URL, {"name": "Ivan", "email": "ivan@"}, headers=HTMX)

    assert response.status_code == 200
    assertNotContains(response, "<html")
    assertContains(response, "Enter a valid email address.")
    assert not Invitation.objects.exists()


def test_a_pending_teacher_cannot_invite(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.post(URL, {"name": "Ivan", "email": "ivan@example.com"})

    assertRedirects(response, reverse("accounts:awaiting_approval"))
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_student_cannot_invite(student_client):
    response = student_client.post(URL, {"name": "Ivan", "email": "ivan@example.com"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()
