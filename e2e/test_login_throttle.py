"""django-axes: the fifth wrong password locks logging in, and the page says so."""

from __future__ import annotations

from django.conf import settings
from playwright.sync_api import Page, expect


def test_five_wrong_passwords_lock_logging_in(page: Page, base: str, teacher):
    page.goto(base + "/accounts/login/")
    email = page.get_by_label("E-mail")
    password = page.get_by_label("Password")
    for attempt in range(1, 5):
        email.fill(teacher.email)
        password.fill(f"wrong-password-{attempt}")
        page.get_by_role("button", name="Log in").click()
        # The answer has come when the form is back with the password emptied.
        expect(password).to_have_value("")
        expect(page.get_by_text("The e-mail or password is wrong.")).to_be_visible()

    password.fill("wrong-password-5")
    page.get_by_role("button", name="Log in").click()

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    expect(page.get_by_role("alert")).to_contain_text(
        "Too many failed attempts to log in. "
        f"For your safety, logging in is locked for {minutes} minutes."
    )
    expect(page.get_by_text("The e-mail or password is wrong.")).to_be_hidden()
    expect(email).to_have_value(teacher.email)
