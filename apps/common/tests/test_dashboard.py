"""The home page: the landing page for visitors, each role's dashboard after login."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Invitation

URL = reverse("common:home")


def test_it_works_for_visitors(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, f'href="{reverse("accounts:sign_up")}"')
    assertContains(response, f'href="{reverse("accounts:login")}"')
    assert response.context["navigation"] == []


def test_a_new_teacher_is_shown_where_to_start(teacher_client):
    response = teacher_client.get(URL)

    assert response.status_code == 200
    assert (response.context["student_count"], response.context["open_invitations"]) == (0, 0)
    assertContains(response, "Start by inviting your first student")
    assertContains(response, f'href="{reverse("accounts:students")}"')


def test_a_teacher_sees_their_numbers(teacher_client, teacher, student, other_student):
    Invitation.objects.create(teacher=teacher, name="Open")
    Invitation.objects.create(teacher=teacher, name="Old", expires_at=timezone.now() - timedelta(1))
    Invitation.objects.create(teacher=teacher, name="Withdrawn", revoked_at=timezone.now())

    response = teacher_client.get(URL)

    assert response.context["student_count"] == 1
    assert response.context["open_invitations"] == 1
    assertContains(response, '<p class="stat">1</p>', count=2)
    assertNotContains(response, "Start by inviting your first student")


def test_a_student_sees_their_teachers(student_client, teacher, other_teacher):
    response = student_client.get(URL)

    assert response.status_code == 200
    assert list(response.context["teachers"]) == [teacher]
    assertContains(response, teacher.name)
    assertNotContains(response, other_teacher.name)


def test_an_administrator_sees_teachers_awaiting_approval(
    client, admin_user, pending_teacher, teacher
):
    client.force_login(admin_user)

    response = client.get(URL)

    assert list(response.context["pending_teachers"]) == [pending_teacher]
    assertContains(response, reverse("admin:accounts_user_change", args=[pending_teacher.pk]))
    assertContains(response, pending_teacher.email)
    assertNotContains(response, teacher.email)


def test_a_pending_teacher_is_sent_to_wait(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.get(URL)

    assertRedirects(response, reverse("accounts:awaiting_approval"))


def test_each_role_has_its_navigation(client, teacher, student, pending_teacher):
    def links(user) -> list[str]:
        client.force_login(user)
        return [
            item["url"] for item in client.get(reverse("accounts:profile")).context["navigation"]
        ]

    assert links(teacher) == [
        URL,
        reverse("scheduling:calendar"),
        reverse("projects:list"),
        reverse("homework:review_queue"),
        reverse("exercises:list"),
        reverse("vocabulary:students"),
        reverse("dictionary:search"),
        reverse("lessons:payments"),
    ]
    assert links(student) == [
        URL,
        reverse("projects:student_list"),
        reverse("homework:list"),
        reverse("exercises:mine"),
        reverse("vocabulary:list"),
        reverse("dictionary:search"),
        reverse("accounts:my_teachers"),
        reverse("lessons:student_money"),
    ]
    assert links(pending_teacher) == []


def test_every_navigation_link_opens(client, teacher, student):
    for user in (teacher, student):
        client.force_login(user)
        for item in client.get(URL).context["navigation"]:
            response = client.get(item["url"])
            assert response.status_code == 200, (user, item["url"])
            current = [i["url"] for i in response.context["navigation"] if i["current"]]
            assert current == [item["url"]]


def test_the_current_page_is_marked(teacher_client):
    response = teacher_client.get(reverse("projects:list"))

    assertContains(response, f'<a href="{reverse("projects:list")}" aria-current="page">', count=1)
    assertNotContains(response, f'<a href="{URL}" aria-current="page">')
