"""One smoke pass per page and role: it loads, shows its heading, and the browser reports no errors."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.accounts.models import Invitation

VISITOR_PAGES = [
    ("/", "Your language teaching practice in one place"),
    ("/accounts/login/", "Log in"),
    ("/accounts/sign-up/", "Sign up as a teacher"),
    ("/accounts/password/reset/", "Forgot your password?"),
]

# (persona fixture, path, heading)
ROLE_PAGES = [
    ("teacher", "/", "Hello, Tatiana!"),
    ("teacher", "/accounts/students/", "Students"),
    ("teacher", "/accounts/profile/", "Profile"),
    ("teacher", "/accounts/password/", "Change password"),
    ("student", "/", "Hello, Sasha!"),
    ("student", "/accounts/teachers/", "My teachers"),
    ("admin_user", "/", "Administration"),
    ("pending_teacher", "/accounts/awaiting-approval/", "Your account is awaiting approval"),
]


def expect_heading(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1, name=heading, exact=True)).to_be_visible()


@pytest.mark.parametrize(("path", "heading"), VISITOR_PAGES)
def test_visitor_page(page: Page, base: str, page_errors: list[str], path: str, heading: str):
    page.goto(base + path)
    expect_heading(page, heading)
    assert page_errors == []


@pytest.mark.parametrize(
    ("persona", "path", "heading"),
    ROLE_PAGES,
    ids=[f"{persona}:{path}" for persona, path, _ in ROLE_PAGES],
)
def test_role_page(
    request, page: Page, base: str, log_in, page_errors, persona: str, path: str, heading: str
):
    log_in(page, request.getfixturevalue(persona))
    page.goto(base + path)
    expect_heading(page, heading)
    assert page_errors == []


def test_not_found_page(page: Page, base: str, page_errors: list[str]):
    response = page.goto(base + "/no-such-page/")
    assert response.status == 404
    expect_heading(page, "Page not found")
    expect(page.get_by_role("button", name="Go to the home page")).to_be_visible()
    # Chromium reports the 404 of the document itself; anything else is a real error.
    itself = (
        "console: Failed to load resource: the server responded with a status of 404 (Not Found)"
        f" ({page.url})"
    )
    assert [error for error in page_errors if error != itself] == []


def test_students_page_fits_a_narrow_phone(page: Page, base: str, log_in, teacher, student):
    Invitation.objects.create(
        teacher=teacher, name="Nadia Newcomer", email="nadia.newcomer@example.com"
    )
    Invitation.objects.create(teacher=teacher, expires_at=timezone.now())  # an expired one
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, teacher)
    page.goto(base + "/accounts/students/")
    expect(page.get_by_role("cell", name="Sasha Student")).to_be_visible()
    expect(page.get_by_role("cell", name="nadia.newcomer@example.com")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
