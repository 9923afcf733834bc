"""Money in a browser: a lesson marked held in the calendar is owed by the student and paid with
one click, a package's lessons are used up by held lessons, and the lessons list filtered by a
student downloads as exactly those lessons in CSV.

The live server runs in another thread, so "now" cannot be frozen: lessons are placed a day
(or a few days) before the test runs, in Moscow (the teacher's zone).
"""

from __future__ import annotations

import csv
import re
import zoneinfo
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from apps.accounts.models import Role, User
from apps.accounts.services import student_link
from apps.lessons.models import Package, Payment
from apps.projects.models import Language, Level, Project
from apps.scheduling import services as scheduling
from apps.scheduling.models import Lesson, LessonStatus

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
TITLE = "English B1 with Sasha"
SETTLED = "All settled: you owe nothing."


def hours_ago(hours: int) -> datetime:
    now = datetime.now(MOSCOW).replace(minute=0, second=0, microsecond=0)
    return now - timedelta(hours=hours)


def make_project(teacher: User, student: User, language: Language, title: str = TITLE) -> Project:
    project = Project.objects.create(
        teacher=teacher,
        title=title,
        language=language,
        level=Level.B1,
        start_date=(datetime.now(MOSCOW) - timedelta(days=30)).date(),
        price=Decimal("2000"),
    )
    project.students.set([student])
    return project


def make_lesson(project: Project, start: datetime) -> Lesson:
    return scheduling.lesson_create(project=project, start=start, end=start + timedelta(hours=1))


def open_in_calendar(page: Page, base: str, lesson: Lesson) -> tuple[Locator, Locator]:
    """The lesson's week in the calendar, its dialog opened: (block, dialog)."""
    day = lesson.start.astimezone(MOSCOW).date()
    page.goto(f"{base}/calendar/?view=week&date={day.isoformat()}")
    block = page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]')
    block.click()
    dialog = page.locator("#dialog")
    expect(dialog.get_by_role("heading", name=lesson.project.title)).to_be_visible()
    return block, dialog


@pytest.fixture
def second_page(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    """A page in a browser context of its own: another person at another computer."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def test_held_lesson_is_owed_then_paid_in_one_click(
    page: Page,
    second_page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    english: Language,
):
    project = make_project(moscow_teacher, student, english)
    lesson = make_lesson(project, hours_ago(24))

    # The student, in a browser of their own: nothing owed while the lesson is planned.
    student_page = second_page
    log_in(student_page, student)
    student_page.goto(base + "/money/mine/")
    balance = student_page.locator(f"#project-{project.pk} .balance")
    expect(balance).to_have_text(SETTLED)

    log_in(page, moscow_teacher)
    block, dialog = open_in_calendar(page, base, lesson)
    page.evaluate("window.__noReload = true")
    expect(block.locator(".status-badge")).to_have_count(0)

    dialog.get_by_role("button", name="Held", exact=True).click()

    expect(dialog.get_by_role("status")).to_contain_text("Marked held.")
    expect(dialog.locator("#lesson-status")).to_have_text("held")
    expect(block.locator(".status-badge")).to_have_text("✓ held")
    expect(dialog.locator(".payment-state")).to_contain_text("unpaid")
    assert page.evaluate("window.__noReload") is True

    # Now the student owes the lesson's price ("2000.00": en, no thousands grouping here).
    student_page.reload()
    expect(balance).to_have_text("You owe 2000.00 RUB.")

    dialog.get_by_role("button", name="Mark paid").click()

    expect(dialog.get_by_role("status").filter(has_text="Payment of")).to_have_text(
        "Payment of 2000.00 RUB recorded."
    )
    expect(dialog.locator(".payment-state")).to_have_text(re.compile(r"Payment:\s*paid\s*$"))
    expect(dialog.get_by_role("button", name="Mark paid")).to_have_count(0)
    assert page.evaluate("window.__noReload") is True
    payment = Payment.objects.get()
    assert (payment.student, payment.amount) == (student, Decimal("2000.00"))

    student_page.reload()
    expect(balance).to_have_text(SETTLED)
    assert page_errors == []


def test_package_lessons_left_go_down_as_lessons_are_held(
    page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    english: Language,
):
    project = make_project(moscow_teacher, student, english)
    lesson = make_lesson(project, hours_ago(48))
    log_in(page, moscow_teacher)

    page.goto(base + "/money/")
    page.get_by_role("button", name="Record package").click()
    expect(page).to_have_url(base + "/money/packages/new/")
    page.get_by_label("Project").select_option(label=TITLE)
    page.get_by_label("Number of lessons").fill("8")
    page.get_by_label("Price").fill("14000")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(base + "/money/")
    expect(page.get_by_text("The package is recorded.")).to_be_visible()
    package = Package.objects.get()
    assert (package.project, package.lessons, package.price) == (project, 8, Decimal("14000"))
    row = page.locator("#packages tbody tr").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(2)).to_contain_text("8 lessons for")
    left = row.locator("td.number")
    expect(left).to_have_text("8")

    _block, dialog = open_in_calendar(page, base, lesson)
    dialog.get_by_role("button", name="Held", exact=True).click()
    expect(dialog.get_by_role("status")).to_contain_text("Marked held.")
    expect(dialog.locator(".payment-state")).to_contain_text("from a package")

    page.goto(base + "/money/")
    expect(left).to_have_text("7")
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.HELD
    assert page_errors == []


def test_lessons_filtered_by_student_download_as_csv(
    page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    english: Language,
):
    maria = User.objects.create_user(
        email="maria@example.com", password="x", name="Maria Mustermann", role=Role.STUDENT
    )
    student_link(teacher=moscow_teacher, student=maria)
    sasha_project = make_project(moscow_teacher, student, english)
    maria_project = make_project(moscow_teacher, maria, english, title="German A2 with Maria")
    sasha_lessons = [make_lesson(sasha_project, hours_ago(24 * days)) for days in (1, 3, 5)]
    for days in (2, 4):
        make_lesson(maria_project, hours_ago(24 * days))
    log_in(page, moscow_teacher)

    page.goto(base + "/money/lessons/")
    page.evaluate("window.__noReload = true")
    rows = page.locator("#lesson-table tbody tr")
    expect(rows).to_have_count(5)

    page.get_by_label("Student").select_option(label=student.name)

    expect(page).to_have_url(re.compile(rf"[?&]student={student.pk}(&|$)"))
    expect(rows).to_have_count(len(sasha_lessons))
    for index in range(len(sasha_lessons)):
        expect(rows.nth(index)).to_contain_text(student.name)
    expect(page.locator("#lesson-table")).not_to_contain_text(maria.name)
    assert page.evaluate("window.__noReload") is True

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("lessons-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    header, *data = table
    assert header[:3] == ["Date", "Project", "Students"], header
    assert len(data) == len(sasha_lessons), table
    students = header.index("Students")
    assert all(row[students] == student.name for row in data), table
    assert maria.name not in str(data)
    assert {row[0] for row in data} == {
        f"{lesson.start.astimezone(MOSCOW):%Y-%m-%d %H:%M}" for lesson in sasha_lessons
    }
    assert page_errors == []
