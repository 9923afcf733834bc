"""The whole way in: a teacher signs up, is approved, invites a student, and the student joins."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from apps.accounts.models import User

TEACHER_NAME = "Vera Voronova"
TEACHER_EMAIL = "vera@example.com"
STUDENT_NAME = "Stas Sidorov"
STUDENT_EMAIL = "stas@example.com"


def test_teacher_signs_up_is_approved_and_brings_in_a_student(
    page: Page, new_context, base: str, password: str
):
    # A visitor signs up as a teacher.
    page.goto(base + "/accounts/sign-up/")
    page.get_by_label("Your name").fill(TEACHER_NAME)
    page.get_by_label("E-mail").fill(TEACHER_EMAIL)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_label("Password again").fill(password)
    main = page.get_by_role("main")
    # app.js fills in the browser's zone (Europe/Moscow in browser_context_args).
    time_zone = main.get_by_label("Time zone")
    expect(time_zone).to_have_value("Europe/Moscow")
    expect(time_zone.locator("option:checked")).to_have_text("Europe/Moscow")
    main.get_by_label("Interface language").select_option(label="English")
    main.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Your account is awaiting approval")).to_be_visible()
    teacher = User.objects.get(email=TEACHER_EMAIL)
    assert teacher.is_pending_teacher
    assert teacher.time_zone == "Europe/Moscow"

    # An administrator approves them in the admin, in a browser of their own.
    User.objects.create_superuser(
        email="admin@example.com", password=password, name="Ada Admin", language="en"
    )
    admin = new_context().new_page()
    admin.goto(base + "/admin/")
    admin.get_by_label("E-mail").fill("admin@example.com")
    admin.get_by_label("Password").fill(password)
    admin.get_by_role("button", name="Log in").click()
    admin.get_by_role("link", name="Users").first.click()
    admin.get_by_role("link", name="Awaiting approval").click()
    expect(admin.get_by_role("checkbox", name="Select this object for an action")).to_have_count(1)
    admin.get_by_role("checkbox", name=f"Select this object for an action - {TEACHER_NAME}").check()
    admin.get_by_role("combobox", name=re.compile("^Action:")).select_option(
        label="Approve selected teachers"
    )
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 teacher approved.")).to_be_visible()

    # The teacher reloads and finds their dashboard.
    page.reload()
    expect(page.get_by_role("heading", name="Hello, Vera!")).to_be_visible()

    # From the dashboard's first step to Students, where they make an invitation link;
    # htmx swaps it in without loading a new page.
    page.get_by_role("main").get_by_role("button", name="Invite a student").click()
    expect(page.get_by_role("heading", name="Students", level=1)).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")
    invite = page.get_by_role("form", name="Invite by link")
    invite.get_by_label("Student's name").fill(STUDENT_NAME)
    invite.get_by_label("Student's e-mail").fill(STUDENT_EMAIL)
    invite.get_by_role("button", name="Make an invitation link").click()
    new_link = page.get_by_role("article", name=f"Link for {STUDENT_NAME}")
    link_input = new_link.get_by_label("Invitation link")
    expect(link_input).to_have_value(re.compile(re.escape(f"{base}/accounts/invitation/") + ".+/"))
    expect(page.get_by_text(f"Invitation sent to {STUDENT_EMAIL}.")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    link = link_input.input_value()

    # The student, in a browser of their own, opens the link and joins.
    student = new_context().new_page()
    student.goto(link)
    expect(
        student.get_by_role("heading", name=f"{TEACHER_NAME} invites you to study")
    ).to_be_visible()
    expect(student.get_by_label("Your name")).to_have_value(STUDENT_NAME)
    expect(student.get_by_label("E-mail")).to_have_value(STUDENT_EMAIL)
    student.get_by_label("Your name").fill("Stanislav Sidorov")
    student.get_by_label("Password:", exact=True).fill(password)
    student.get_by_label("Password again").fill(password)
    student.get_by_role("button", name="Create my account").click()

    expect(student.get_by_role("heading", name="Hello, Stanislav!")).to_be_visible()
    expect(student).to_have_url(base + "/")
    teachers = student.get_by_role("main").get_by_role("list")
    expect(teachers.get_by_role("listitem")).to_have_text([TEACHER_NAME])
