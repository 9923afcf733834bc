"""One-click statuses in the lesson dialog: the dialog stays open with the new status and an
undo button, and the calendar block behind it gets its badge without a new page.

The live server runs in another thread, so "now" cannot be frozen: the lesson started three
hours before the test runs, in Moscow (the teacher's zone).
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.projects.models import Level, Project
from apps.scheduling import services as scheduling
from apps.scheduling.models import LessonStatus

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
TITLE = "English B1 with Sasha"


def test_marking_held_and_undoing_it(
    page: Page, base: str, log_in, page_errors: list[str], teacher: User, student: User, english
):
    teacher.time_zone = "Europe/Moscow"
    teacher.save(update_fields=["time_zone"])
    start = (datetime.now(MOSCOW) - timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
    project = Project.objects.create(
        teacher=teacher, title=TITLE, language=english, level=Level.B1, start_date=start.date()
    )
    project.students.set([student])
    lesson = scheduling.lesson_create(project=project, start=start, end=start + timedelta(hours=1))
    log_in(page, teacher)
    page.goto(f"{base}/calendar/?view=day&date={start.date().isoformat()}")
    block = page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]')
    expect(block.locator(".status-badge")).to_have_count(0)

    block.click()
    dialog = page.locator("#dialog")
    dialog.get_by_role("button", name="Held", exact=True).click()

    expect(dialog.get_by_role("status")).to_contain_text("Marked held.")
    expect(dialog).to_be_visible()
    expect(block.locator(".status-badge")).to_have_text("✓ held")
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.HELD

    dialog.get_by_role("button", name="Undo").click()

    expect(dialog.get_by_role("status")).to_contain_text("Marked planned.")
    expect(block.locator(".status-badge")).to_have_count(0)
    expect(dialog.get_by_text("held → planned")).to_be_visible()
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.PLANNED
    assert page_errors == []


def test_marking_held_from_the_project_page(
    page: Page, base: str, log_in, page_errors: list[str], teacher: User, student: User, english
):
    teacher.time_zone = "Europe/Moscow"
    teacher.save(update_fields=["time_zone"])
    start = (datetime.now(MOSCOW) - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    project = Project.objects.create(
        teacher=teacher,
        title=TITLE,
        language=english,
        level=Level.B1,
        start_date=start.date(),
        price=2000,
    )
    project.students.set([student])
    scheduling.lesson_create(project=project, start=start, end=start + timedelta(hours=1))
    log_in(page, teacher)
    page.goto(f"{base}/projects/{project.pk}/")
    page.evaluate("window.__marker = 1")
    past = page.locator('section[aria-labelledby="past-title"]')
    expect(past.get_by_role("cell", name="planned")).to_be_visible()
    expect(page.locator(".project-account")).to_contain_text("All settled.")

    past.get_by_role("link").first.click()
    page.locator("#dialog").get_by_role("button", name="Held", exact=True).click()

    expect(past.get_by_role("cell", name="held")).to_be_visible()
    expect(page.locator(".project-account")).to_contain_text("Owed: 2000.00 RUB")
    assert page.evaluate("window.__marker") == 1
    assert page_errors == []
