from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts import services
from apps.accounts.models import Invitation, Role, TeacherStudent, User

ALREADY_USED = "This invitation has already been used."
EXPIRED = "This invitation has expired."
WITHDRAWN = "This invitation was withdrawn by the teacher."


def _counts() -> tuple[int, int]:
    return User.objects.count(), TeacherStudent.objects.count()


def test_it_works(client, teacher, invitation, new_student_data):
    page = client.get(invitation.get_absolute_url())
    assertContains(page, teacher.name)
    assertContains(page, 'value="Nina New"')

    response = client.post(invitation.get_absolute_url(), new_student_data)

    assertRedirects(response, reverse("common:home"), fetch_redirect_response=False)
    student = User.objects.get(email="nina@example.com")
    assert student.role == Role.STUDENT
    assert student.check_password(new_student_data["password1"])
    assert student.time_zone == "Europe/Berlin"
    assert list(student.teachers.all()) == [teacher]
    invitation.refresh_from_db()
    assert invitation.accepted_by == student
    assert invitation.accepted_at is not None
    home = client.get(reverse("common:home"))
    assert home.context["user"] == student
    assertContains(home, f"Welcome! You are now a student of {teacher.name}.")


def test_the_address_the_teacher_gave_is_the_login(client, teacher, new_student_data):
    invitation = Invitation.objects.create(teacher=teacher, email="given@example.com")

    client.post(invitation.get_absolute_url(), {**new_student_data, "email": "typed@example.com"})

    assert User.objects.filter(email="given@example.com", role=Role.STUDENT).exists()
    assert not User.objects.filter(email="typed@example.com").exists()


def test_an_unknown_link_is_404(client, db):
    response = client.get(reverse("accounts:invitation_accept", args=["no-such-token"]))

    assertContains(response, escape(str(services.INVALID_LINK)), status_code=404)


def test_invitations_expire(client, invitation, new_student_data, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=13))
    assert client.get(invitation.get_absolute_url()).status_code == 200

    time_machine.move_to(timezone.now() + timedelta(days=2))
    before = _counts()
    page = client.get(invitation.get_absolute_url())
    response = client.post(invitation.get_absolute_url(), new_student_data)

    assertContains(page, EXPIRED, status_code=410)
    assertContains(response, EXPIRED, status_code=410)
    assert _counts() == before
    assert "_auth_user_id" not in client.session


def test_invitations_are_single_use(client, invitation, new_student_data):
    client.post(invitation.get_absolute_url(), new_student_data)
    client.logout()
    before = _counts()

    response = client.post(
        invitation.get_absolute_url(), {**new_student_data, "email": "second@example.com"}
    )

    assertContains(response, ALREADY_USED, status_code=410)
    assert _counts() == before
    assert not User.objects.filter(email="second@example.com").exists()


def test_revoked_links_stop_working(client, invitation, new_student_data):
    services.invitation_revoke(invitation=invitation)
    before = _counts()

    response = client.post(invitation.get_absolute_url(), new_student_data)

    assertContains(response, WITHDRAWN, status_code=410)
    assert _counts() == before


def test_an_existing_student_joins_a_second_teacher(client, teacher, student, other_teacher):
    invitation = Invitation.objects.create(teacher=other_teacher, email=student.email)
    client.force_login(student)

    page = client.get(invitation.get_absolute_url())
    assertContains(page, student.email)
    response = client.post(invitation.get_absolute_url())

    assertRedirects(response, reverse("common:home"), fetch_redirect_response=False)
    assert set(student.teachers.all()) == {teacher, other_teacher}
    invitation.refresh_from_db()
    assert invitation.accepted_by == student
    home = client.get(reverse("common:home"))
    assertContains(home, f"You are now a student of {other_teacher.name}.")
    assert [t.name for t in home.context["teachers"]] == [other_teacher.name, teacher.name]


def test_a_student_already_with_the_teacher_is_told_so(client, teacher, student):
    invitation = Invitation.objects.create(teacher=teacher)
    client.force_login(student)

    response = client.get(invitation.get_absolute_url())

    assert response.context["already"] is True
    assertContains(response, "You already study with this teacher.")
    assertNotContains(response, "Join this teacher")


def test_a_known_address_is_asked_to_log_in(client, student, other_teacher, new_student_data):
    invitation = Invitation.objects.create(teacher=other_teacher, email=student.email)
    before = _counts()

    response = client.post(invitation.get_absolute_url(), new_student_data)

    assert response.status_code == 200
    assertContains(response, f"There is already an account for {student.email}.")
    assertContains(response, f"{reverse('accounts:login')}?next={invitation.get_absolute_url()}")
    assert _counts() == before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert student.check_password(new_student_data["password1"])  # untouched


def test_a_teacher_cannot_accept(teacher, other_teacher, client, other_invitation):
    client.force_login(teacher)
    before = _counts()

    page = client.get(other_invitation.get_absolute_url())
    response = client.post(other_invitation.get_absolute_url())

    assert page.context["can_join"] is False
    assertNotContains(page, "Join this teacher")
    assertContains(response, "Invitations are for students.", status_code=410)
    assert _counts() == before
    other_invitation.refresh_from_db()
    assert other_invitation.accepted_at is None


def test_an_invitation_for_one_account_refuses_another(client, teacher, other_student):
    invitation = services.student_create(
        teacher=teacher, name="Made For", email="made.for@example.com", link_base=""
    )
    client.force_login(other_student)

    response = client.post(invitation.get_absolute_url())

    assertContains(response, "This invitation was made for another student", status_code=410)
    assert not other_student.teachers.filter(pk=teacher.pk).exists()


def test_a_created_account_gets_its_password(client, teacher, new_student_data):
    invitation = services.student_create(
        teacher=teacher, name="Made For", email="made.for@example.com", link_base=""
    )
    student = invitation.student
    assert not student.has_usable_password()
    users_before = User.objects.count()

    response = client.post(
        invitation.get_absolute_url(), {**new_student_data, "email": "ignored@example.com"}
    )

    assertRedirects(response, reverse("common:home"))
    assert User.objects.count() == users_before
    student.refresh_from_db()
    assert student.email == "made.for@example.com"
    assert student.name == "Nina New"
    assert student.check_password(new_student_data["password1"])
    assert list(student.teachers.all()) == [teacher]


def test_mismatched_passwords_change_nothing(client, invitation, new_student_data):
    before = _counts()

    response = client.post(
        invitation.get_absolute_url(), {**new_student_data, "password2": "something-else-17"}
    )

    assert response.status_code == 200
    assertContains(response, "The two passwords differ.")
    assert _counts() == before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_taken_address_changes_nothing(client, invitation, other_student, new_student_data):
    before = _counts()

    response = client.post(
        invitation.get_absolute_url(), {**new_student_data, "email": "Other.Student@example.com"}
    )

    assert response.status_code == 200
    assertContains(response, "An account with this e-mail already exists.")
    assert _counts() == before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_bad_address_changes_nothing(client, invitation, new_student_data):
    before = _counts()

    response = client.post(invitation.get_absolute_url(), {**new_student_data, "email": "nina@"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert _counts() == before
