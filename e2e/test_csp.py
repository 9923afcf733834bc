"""The Content-Security-Policy in a real browser: no page breaks it, htmx swaps still work.

Every `securitypolicyviolation` event is recorded by a script Playwright injects before the
page's own, and the console is watched for Chromium's "Content Security Policy" messages.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.projects.models import Language
from apps.projects.tests.factories import make_project
from apps.scheduling.tests.factories import make_lesson

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI + " " + event.sourceFile);
});
"""


@pytest.fixture(autouse=True)
def english(db) -> Language:
    # The live server's tests empty the database after each one, languages from the migration too.
    language, _created = Language.objects.get_or_create(
        code="en", defaults={"name": "English", "name_ru": "Английский"}
    )
    return language


@pytest.fixture
def violations(page: Page) -> list[str]:
    """CSP violations on `page`; call `check()` to also read the ones the page recorded."""
    found: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda msg: (
            found.append(f"console: {msg.text}") if "Content Security Policy" in msg.text else None
        ),
    )
    return found


def recorded(page: Page) -> list[str]:
    return page.evaluate("window.__csp || []")


def test_login_page_keeps_to_the_policy(page: Page, base, violations, page_errors):
    response = page.goto(base + "/accounts/login/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    assert recorded(page) == []
    assert violations == []
    assert page_errors == []


def test_policy_blocks_an_injected_inline_script(page: Page, base, violations):
    # Also proves the recorder above works: a violation does show up in window.__csp.
    page.goto(base + "/accounts/login/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.appendChild(script);
        }"""
    )

    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__injected") is None
    assert any("script-src" in item for item in recorded(page))


def test_calendar_dialog_opens_under_the_policy(
    page: Page, base, log_in, teacher, student, violations, page_errors
):
    project = make_project(teacher, students=(student,), title="English B1 with Sasha")
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time())) + timedelta(
        hours=12
    )
    lesson = make_lesson(project, start)
    log_in(page, teacher)

    page.goto(f"{base}/calendar/?date={tomorrow.isoformat()}")
    page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]').click()

    dialog = page.locator("#dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="English B1 with Sasha")).to_be_visible()
    assert recorded(page) == []
    assert violations == []
    assert page_errors == []


def test_admin_keeps_to_the_policy(page: Page, base, admin_user, password, violations, page_errors):
    page.goto(base + "/admin/")
    page.get_by_label("E-mail").fill(admin_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Users").first).to_be_visible()
    assert recorded(page) == []

    for path in ["/admin/accounts/user/", f"/admin/accounts/user/{admin_user.pk}/change/"]:
        page.goto(base + path)
        expect(page.locator("#content")).to_be_visible()
        assert recorded(page) == [], path

    assert violations == []
    # The admin has no <link rel="icon">, so Chromium asks for /favicon.ico: not our concern here.
    assert [error for error in page_errors if "/favicon.ico" not in error] == []
