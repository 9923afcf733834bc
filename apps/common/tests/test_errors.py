"""Error pages: styled, in the site's layout, and telling the user what to do next."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertTemplateUsed

from apps.common.views import server_error


def test_an_unknown_address_gets_the_styled_404(client, db):
    response = client.get("/no/such/page/")

    assertContains(response, "Page not found", status_code=404)
    assertTemplateUsed(response, "404.html")
    assertContains(response, f'href="{reverse("common:home")}"', status_code=404)
    assertContains(response, "Verbal Voyager", status_code=404)


def test_the_404_keeps_the_users_menu(teacher_client, teacher):
    response = teacher_client.get("/no/such/page/")

    assertContains(response, teacher.get_short_name(), status_code=404)
    assertContains(response, f'href="{reverse("projects:list")}"', status_code=404)


def test_a_student_opening_a_teacher_page_gets_the_styled_403(student_client):
    response = student_client.get(reverse("accounts:students"))

    assert response.status_code == 403
    assertTemplateUsed(response, "403.html")
    assertContains(response, "Not allowed", status_code=403)
    assertContains(response, f'href="{reverse("common:home")}"', status_code=403)


def test_a_server_error_page_renders_without_the_database(rf):
    """The 500 page must not depend on what may have failed: no context processors, no queries."""
    with translation.override("en"):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b'href="/"' in response.content
