"""Approving teachers: the service, the admin action and the admin's "awaiting approval" filter."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import User
from apps.accounts.services import teacher_approve

CHANGELIST = reverse("admin:accounts_user_changelist")


# The service


def test_it_works(pending_teacher, client, settings):
    assert teacher_approve(teacher=pending_teacher) is True

    pending_teacher.refresh_from_db()
    assert pending_teacher.is_approved_teacher
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [pending_teacher.email]
    assert message.subject == "[Verbal Voyager] Your teacher account is approved"
    assert f"Hello, {pending_teacher.name}!" in message.body
    assert f"{settings.SITE_URL}/accounts/login/" in message.body
    # Until now the teacher was sent to wait; now the students page opens.
    client.force_login(pending_teacher)
    assert client.get(reverse("accounts:students")).status_code == 200


def test_approving_twice_sends_one_mail(pending_teacher):
    teacher_approve(teacher=pending_teacher)
    first_approval = User.objects.get(pk=pending_teacher.pk).approved_at

    assert teacher_approve(teacher=pending_teacher) is False

    assert len(mail.outbox) == 1
    assert User.objects.get(pk=pending_teacher.pk).approved_at == first_approval


def test_students_cannot_be_approved(student):
    assert teacher_approve(teacher=student) is False

    student.refresh_from_db()
    assert student.approved_at is None
    assert mail.outbox == []


# The admin


def _approve_in_admin(client, *users):
    return client.post(
        CHANGELIST,
        {"action": "approve_teachers", "_selected_action": [user.pk for user in users]},
    )


def test_admin_action_approves_the_selected_teachers(client, admin_user, pending_teacher, teacher):
    other_pending = User.objects.create_user(
        email="second.pending@example.com", name="Second Pending", role="teacher"
    )
    client.force_login(admin_user)

    response = _approve_in_admin(client, pending_teacher, teacher)

    assertRedirects(response, CHANGELIST, fetch_redirect_response=False)
    pending_teacher.refresh_from_db()
    other_pending.refresh_from_db()
    assert pending_teacher.is_approved_teacher
    assert other_pending.is_pending_teacher  # not selected
    assert [message.to for message in mail.outbox] == [[pending_teacher.email]]
    page = client.get(CHANGELIST)
    assertContains(page, "1 teacher approved.")


def test_admin_action_warns_when_no_one_was_pending(client, admin_user, teacher, student):
    client.force_login(admin_user)

    response = _approve_in_admin(client, teacher, student)

    page = client.get(response.url)
    assertContains(page, "No pending teachers were selected.")
    assert mail.outbox == []
    student.refresh_from_db()
    assert student.approved_at is None


def test_admin_action_is_for_staff_only(client, teacher, pending_teacher):
    client.force_login(teacher)

    response = _approve_in_admin(client, pending_teacher)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    pending_teacher.refresh_from_db()
    assert pending_teacher.is_pending_teacher


def test_admin_filter_lists_teachers_awaiting_approval(
    client, admin_user, pending_teacher, teacher, student
):
    client.force_login(admin_user)

    pending = client.get(CHANGELIST, {"pending": "yes"})
    approved = client.get(CHANGELIST, {"pending": "no"})

    assert list(pending.context["cl"].result_list) == [pending_teacher]
    assertContains(pending, pending_teacher.email)
    assertNotContains(pending, teacher.email)
    assertNotContains(pending, student.email)
    assert list(approved.context["cl"].result_list) == [teacher]


def test_the_link_in_the_sign_up_mail_opens_the_filter(client, admin_user, pending_teacher):
    """The admins' e-mail links to ?role__exact=teacher&pending=yes; that must be a valid filter."""
    client.force_login(admin_user)

    response = client.get(CHANGELIST, {"role__exact": "teacher", "pending": "yes"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [pending_teacher]
