"""The calendar in a browser: a timetable made in the project form fills it, a lesson moved in
its dialog moves in place, students see it in their own zone, the feed carries it, and an
overlapping lesson is flagged.

The live server runs in another thread, so "now" cannot be frozen: dates are counted from
today in Moscow (the teacher's zone), starting on next Monday.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from playwright.sync_api import Locator, Page, expect

from apps.accounts.models import User
from apps.projects.models import Language, Level, Project
from apps.scheduling import services as scheduling
from apps.scheduling.models import Lesson

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
TITLE = "English B1 with Sasha"


@pytest.fixture
def next_monday() -> date:
    today = datetime.now(MOSCOW).date()
    return today + timedelta(days=7 - today.weekday())


def day_column(block: Locator) -> Locator:
    """The calendar column (`.cal-day[data-date]`) a lesson block sits in."""
    return block.locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' cal-day ')][1]")


def lesson_block(page: Page, lesson: Lesson) -> Locator:
    return page.locator(f'.cal-lesson[data-lesson="{lesson.pk}"]')


def day_label(day: date) -> str:
    """A date as the templates write it with "D j M": "Tue 14 Jan"."""
    return f"{day:%a} {day.day} {day:%b}"


def test_timetable_fills_the_calendar_and_a_lesson_moves_in_place(
    page: Page,
    new_context,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    next_monday: date,
):
    tuesday, thursday = next_monday + timedelta(days=1), next_monday + timedelta(days=3)
    log_in(page, moscow_teacher)

    # The teacher opens a project with two weekly times; the second row comes from "Add a time".
    page.goto(base + "/projects/new/")
    form = page.locator("#project-form")
    form.get_by_label("Sasha Student").check()
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Level").select_option(label="B1 Intermediate")
    form.get_by_label("Start date").fill(next_monday.isoformat())
    rows = form.locator("[data-slot-row]")
    expect(rows).to_have_count(1)
    rows.nth(0).get_by_label("Day").select_option(label="Monday")
    rows.nth(0).get_by_label("Start time").fill("18:00")
    form.get_by_role("button", name="Add a time").click()
    expect(rows).to_have_count(2)
    rows.nth(1).get_by_label("Day").select_option(label="Thursday")
    rows.nth(1).get_by_label("Start time").fill("19:30")
    form.get_by_role("button", name="Create the project").click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("The project is created.")).to_be_visible()

    project = Project.objects.get(title=TITLE)
    monday_lesson = project.lessons.get(start=datetime.combine(next_monday, time(18), MOSCOW))
    thursday_lesson = project.lessons.get(start=datetime.combine(thursday, time(19, 30), MOSCOW))

    # Next week in the calendar: exactly those two lessons, on their days and at their times.
    page.goto(base + "/calendar/")
    page.evaluate("window.__marker = 1")  # gone if anything below loads a whole new page
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(f"{base}/calendar/?view=week&date={next_monday.isoformat()}")
    blocks = page.locator(".cal-lesson")
    expect(blocks).to_have_count(2)
    monday_block = lesson_block(page, monday_lesson)
    expect(day_column(monday_block)).to_have_attribute("data-date", next_monday.isoformat())
    expect(monday_block.locator("strong")).to_have_text("18:00")
    thursday_block = lesson_block(page, thursday_lesson)
    expect(day_column(thursday_block)).to_have_attribute("data-date", thursday.isoformat())
    expect(thursday_block.locator("strong")).to_have_text("19:30")

    # Monday's lesson moves to Tuesday in its dialog; the calendar updates without a new page.
    monday_block.click()
    dialog = page.locator("#dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name=TITLE)).to_be_visible()
    move = dialog.get_by_role("group", name="Move or change length")
    move.get_by_label("Date").fill(tuesday.isoformat())
    move.get_by_role("group", name="Change").get_by_label("This lesson only").check()
    move.get_by_role("button", name="Move").click()
    expect(dialog).to_be_hidden()
    expect(day_column(monday_block)).to_have_attribute("data-date", tuesday.isoformat())
    expect(monday_block.locator("strong")).to_have_text("18:00")
    expect(page.get_by_text("The lesson is moved.")).to_be_visible()
    expect(blocks).to_have_count(2)
    assert page.evaluate("window.__marker") == 1
    page.reload()
    expect(day_column(monday_block)).to_have_attribute("data-date", tuesday.isoformat())
    assert page.evaluate("window.__marker") is None

    # The student, five hours ahead of UTC (Moscow is three), sees it two hours later.
    student.time_zone = "Asia/Yekaterinburg"
    student.save(update_fields=["time_zone"])
    student_page = new_context().new_page()
    log_in(student_page, student)
    lessons = student_page.locator("#lessons")
    expect(lessons.locator("time", has_text=f"{day_label(tuesday)}, 20:00–21:00")).to_have_count(1)
    expect(lessons.locator("time", has_text=f"{day_label(thursday)}, 21:30–22:30")).to_have_count(1)
    expect(lessons.locator("time", has_text="18:00")).to_have_count(0)

    # The profile gives the teacher the feed's link; the feed has the project's lessons in UTC.
    page.goto(base + "/accounts/profile/")
    subscription = page.locator("#calendar-subscription")
    expect(subscription.get_by_role("heading", name="Calendar subscription")).to_be_visible()
    feed_url = subscription.get_by_label("Calendar link").input_value()
    assert feed_url.startswith(base + "/calendar/feed/")
    response = page.request.get(feed_url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    events = {
        str(event["uid"]): event
        for event in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    }
    assert set(events) == {
        f"lesson-{pk}@verbal-voyager" for pk in project.lessons.values_list("pk", flat=True)
    }
    moved = events[f"lesson-{monday_lesson.pk}@verbal-voyager"]
    assert moved.decoded("dtstart") == datetime.combine(tuesday, time(15), UTC)
    assert moved.decoded("dtend") == datetime.combine(tuesday, time(16), UTC)
    assert moved["sequence"] == 1
    unmoved = events[f"lesson-{thursday_lesson.pk}@verbal-voyager"]
    assert unmoved.decoded("dtstart") == datetime.combine(thursday, time(16, 30), UTC)

    assert page_errors == []


def test_an_overlapping_lesson_needs_a_second_click_and_is_flagged(
    page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    moscow_teacher: User,
    student: User,
    english: Language,
    next_monday: date,
):
    thursday = next_monday + timedelta(days=3)
    project = Project.objects.create(
        teacher=moscow_teacher,
        title=TITLE,
        language=english,
        level=Level.B1,
        start_date=next_monday,
    )
    project.students.set([student])
    start = datetime.combine(thursday, time(19, 30), MOSCOW)
    existing = scheduling.lesson_create(
        project=project, start=start, end=start + timedelta(hours=1)
    )
    log_in(page, moscow_teacher)
    page.goto(f"{base}/calendar/?date={next_monday.isoformat()}")
    expect(lesson_block(page, existing)).to_be_visible()
    expect(page.locator(".cal-lesson .badge")).to_have_count(0)

    page.evaluate("window.__marker = 1")
    page.get_by_role("button", name="Add a lesson", exact=True).click()
    dialog = page.locator("#dialog")
    expect(dialog.get_by_role("heading", name="Add a one-off lesson")).to_be_visible()
    dialog.get_by_label("Project").select_option(label=TITLE)
    dialog.get_by_label("Date").fill(thursday.isoformat())
    dialog.get_by_label("Start").fill("19:30")
    dialog.get_by_label("Duration, minutes").fill("60")
    dialog.get_by_role("button", name="Add the lesson").click()

    warning = dialog.get_by_role("alert")
    expect(warning).to_contain_text("This time overlaps your other lessons:")
    expect(warning.get_by_role("listitem")).to_have_text(
        [f"{TITLE}, {day_label(thursday)} 19:30–20:30"]
    )
    assert Lesson.objects.count() == 1
    dialog.get_by_role("button", name="Save anyway").click()

    expect(dialog).to_be_hidden()
    thursday_column = page.locator(f'.cal-day[data-date="{thursday.isoformat()}"]')
    blocks = thursday_column.locator(".cal-lesson")
    expect(blocks).to_have_count(2)
    expect(blocks.locator("strong")).to_have_text(["19:30", "19:30"])
    expect(blocks.locator(".badge")).to_have_text(["overlap", "overlap"])
    assert page.evaluate("window.__marker") == 1

    # Side by side, not one on top of the other: each opens its own lesson with a click.
    added = Lesson.objects.exclude(pk=existing.pk).get()
    for lesson in (existing, added):
        lesson_block(page, lesson).click()
        expect(
            dialog.locator(f'form[action="/calendar/lessons/{lesson.pk}/move/"]')
        ).to_be_visible()
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_be_hidden()
    assert page_errors == []
