"""The exercise builder in a browser: a teacher creates a gap-fill exercise by typing its
markup, watches the live preview show the gaps (never the answers), adds and removes a row
without a page load, and saves.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.projects.models import Language


@pytest.fixture(autouse=True)
def english(db) -> Language:
    # The live server's tests empty the database after each one, languages from the migration too.
    language, _created = Language.objects.get_or_create(
        code="en", defaults={"name": "English", "name_ru": "Английский"}
    )
    return language


def test_a_teacher_builds_a_gap_fill_exercise_with_a_live_preview(
    page: Page, base: str, log_in, page_errors: list[str], teacher: User
):
    log_in(page, teacher)

    # First the kind and the description.
    page.goto(base + "/exercises/new/")
    page.locator("#id_kind").select_option("gap_fill")
    expect(page.get_by_label("Typed answers")).to_be_visible()  # typed gaps: tolerance matters
    page.get_by_label("Title").fill("Present perfect")
    page.get_by_label("Instructions").fill("Fill in the gaps.")
    page.get_by_role("button", name="Create and add items").click()
    expect(page.get_by_role("heading", name="Present perfect", level=1)).to_be_visible()
    exercise = Exercise.objects.get()
    assert page.url == f"{base}/exercises/{exercise.pk}/edit/"

    # Typing the markup: the preview shows the gaps as the student will see them.
    page.evaluate("window.__marker = 1")  # gone if anything below loads a whole new page
    page.get_by_label("Text with gaps").fill("I {have|'ve} been to {Paris} twice.")
    preview = page.locator("#build-preview")
    expect(preview.get_by_label("Gap 2")).to_be_visible()
    expect(preview.get_by_label("Gap 1")).to_have_value("")
    expect(preview).to_contain_text("been to")
    expect(preview).not_to_contain_text("Paris")
    expect(preview).to_contain_text("Fill in the gaps.")

    # A mistake shows in the preview at once.
    page.get_by_label("Text with gaps").fill("I {have been to Paris.")
    expect(preview).to_contain_text("Item 1 cannot be shown yet")
    page.get_by_label("Text with gaps").fill("I {have|'ve} been to {Paris} twice.")
    expect(preview.get_by_label("Gap 2")).to_be_visible()

    # A second item, moved up: the numbers and the preview follow.
    rows = page.locator("#build-items [data-build-item]")
    page.get_by_role("button", name="Add an item").click()
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("legend")).to_have_text("Item 2")
    rows.nth(1).get_by_label("Text with gaps").fill("She {has} {gone}.")
    expect(preview.locator(".ex-item")).to_have_count(2)
    rows.nth(1).get_by_role("button", name="Move up").click()
    expect(rows.nth(0).get_by_label("Text with gaps")).to_have_value("She {has} {gone}.")
    expect(rows.nth(0).locator("legend")).to_have_text("Item 1")
    expect(preview.locator(".ex-item").nth(0)).to_contain_text("She")

    # A third row comes and goes without a page load.
    page.get_by_role("button", name="Add an item").click()
    expect(rows).to_have_count(3)
    rows.nth(2).get_by_role("button", name="Remove").click()
    expect(rows).to_have_count(2)
    expect(page.get_by_text("This item is removed when you save")).to_be_visible()
    assert page.evaluate("window.__marker") == 1
    assert not exercise.items.exists()  # nothing is saved by typing

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The exercise is saved.")).to_be_visible()
    assert [item.data for item in exercise.items.order_by("position")] == [
        {"text": "She {has} {gone}."},
        {"text": "I {have|'ve} been to {Paris} twice."},
    ]
    expect(page.locator("#build-preview").get_by_label("Gap 2")).to_have_count(2)
    assert page_errors == []
