from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Invitation, User

HTMX = {"HX-Request": "true"}


def revoke_url(invitation: Invitation) -> str:
    return reverse("accounts:invitation_revoke", args=[invitation.pk])


def renew_url(invitation: Invitation) -> str:
    return reverse("accounts:invitation_renew", args=[invitation.pk])


class TestRevoke:
    """Withdrawing an invitation: its link stops working."""

    def test_it_works(self, teacher_client, invitation, new_student_data):
        response = teacher_client.post(revoke_url(invitation))

        assertRedirects(response, reverse("accounts:students"), fetch_redirect_response=False)
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
        page = teacher_client.get(reverse("accounts:students"))
        assertContains(page, "The invitation link no longer works.")
        assertNotContains(page, invitation.get_absolute_url())
        # The student holding the link is told it was withdrawn, and nothing is created.
        teacher_client.logout()
        users_before = User.objects.count()
        accept = teacher_client.post(invitation.get_absolute_url(), new_student_data)
        assertContains(accept, "withdrawn by the teacher", status_code=410)
        assert User.objects.count() == users_before

    def test_it_leaves_an_accepted_invitation_alone(
        self, teacher_client, invitation, new_student_data
    ):
        teacher_client.logout()
        teacher_client.post(invitation.get_absolute_url(), new_student_data)
        teacher_client.force_login(invitation.teacher)

        teacher_client.post(revoke_url(invitation))

        invitation.refresh_from_db()
        assert invitation.revoked_at is None
        assert invitation.accepted_at is not None

    def test_it_requires_login(self, client, invitation):
        response = client.post(revoke_url(invitation))

        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        invitation.refresh_from_db()
        assert invitation.is_open

    def test_it_rejects_get(self, teacher_client, invitation):
        assert teacher_client.get(revoke_url(invitation)).status_code == 405
        invitation.refresh_from_db()
        assert invitation.is_open

    def test_it_checks_ownership(self, teacher_client, other_invitation):
        response = teacher_client.post(revoke_url(other_invitation))

        assert response.status_code == 404
        other_invitation.refresh_from_db()
        assert other_invitation.is_open

    def test_htmx_returns_fragment(self, teacher_client, invitation):
        response = teacher_client.post(revoke_url(invitation), headers=HTMX)

        content = response.content.decode()
        assert response.status_code == 200
        assert content.lstrip().startswith('<div id="roster">')
        assert "<html" not in content
        assert invitation.get_absolute_url() not in content
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None


class TestRenew:
    """A fresh link for the same person; the old one stops working."""

    @pytest.mark.parametrize("why", ["lost", "expired", "revoked"])
    def test_it_works(self, teacher_client, teacher, why, time_machine):
        invitation = Invitation.objects.create(
            teacher=teacher, name="Ivan", email="ivan@example.com"
        )
        if why == "expired":
            time_machine.move_to(timezone.now() + timedelta(days=15))
            teacher_client.force_login(teacher)  # the session has expired too
        if why == "revoked":
            teacher_client.post(revoke_url(invitation))

        response = teacher_client.post(renew_url(invitation))

        assertRedirects(response, reverse("accounts:students"), fetch_redirect_response=False)
        fresh = Invitation.objects.exclude(pk=invitation.pk).get()
        assert (fresh.teacher, fresh.name, fresh.email) == (teacher, "Ivan", "ivan@example.com")
        assert fresh.is_open
        assert fresh.token != invitation.token
        invitation.refresh_from_db()
        assert not invitation.is_open
        assert mail.outbox[-1].to == ["ivan@example.com"]
        assert fresh.get_absolute_url() in mail.outbox[-1].body
        page = teacher_client.get(reverse("accounts:students"))
        assertContains(page, "A new link was made; the old one no longer works.")
        teacher_client.logout()
        assert teacher_client.get(invitation.get_absolute_url()).status_code == 410
        assert teacher_client.get(fresh.get_absolute_url()).status_code == 200

    def test_it_keeps_the_account_the_teacher_created(self, teacher_client, teacher, password):
        teacher_client.post(
            reverse("accounts:student_create"), {"name": "Pavel", "email": "pavel@example.com"}
        )
        old = Invitation.objects.get()

        teacher_client.post(renew_url(old))

        fresh = Invitation.objects.exclude(pk=old.pk).get()
        assert fresh.student == old.student
        teacher_client.logout()
        teacher_client.post(
            fresh.get_absolute_url(),
            {
                "name": "Pavel",
                "email": "pavel@example.com",
                "password1": password,
                "password2": password,
                "time_zone": "UTC",
                "language": "en",
            },
        )
        assert User.objects.filter(email="pavel@example.com").count() == 1
        assert User.objects.get(email="pavel@example.com").check_password(password)

    def test_it_refuses_an_accepted_invitation(self, teacher_client, invitation, new_student_data):
        teacher_client.logout()
        teacher_client.post(invitation.get_absolute_url(), new_student_data)
        teacher_client.force_login(invitation.teacher)

        response = teacher_client.post(renew_url(invitation))

        assert Invitation.objects.count() == 1
        page = teacher_client.get(response.url)
        assertContains(page, "This invitation was already accepted.")

    def test_it_requires_login(self, client, invitation):
        response = client.post(renew_url(invitation))

        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        assert Invitation.objects.count() == 1

    def test_it_rejects_get(self, teacher_client, invitation):
        assert teacher_client.get(renew_url(invitation)).status_code == 405
        assert Invitation.objects.count() == 1

    def test_it_checks_ownership(self, teacher_client, other_invitation):
        response = teacher_client.post(renew_url(other_invitation))

        assert response.status_code == 404
        assert Invitation.objects.count() == 1
        other_invitation.refresh_from_db()
        assert other_invitation.is_open

    def test_htmx_returns_fragment(self, teacher_client, invitation):
        response = teacher_client.post(renew_url(invitation), headers=HTMX)

        fresh = Invitation.objects.exclude(pk=invitation.pk).get()
        content = response.content.decode()
        assert response.status_code == 200
        assert content.lstrip().startswith('<div id="roster">')
        assert "<html" not in content
        assert f"http://testserver{fresh.get_absolute_url()}" in content
        assert invitation.get_absolute_url() not in content
