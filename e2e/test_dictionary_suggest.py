"""Suggesting a word, end to end: a teacher searches a word the dictionary lacks, suggests it
from the search page and sees it waiting for moderation; an administrator publishes it in the
admin; the teacher is told by e-mail, and a student then finds it by its translation."""

from __future__ import annotations

from django.core import mail
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.dictionary.models import Entry
from apps.dictionary.tests.factories import make_entry


def _switch_to(page: Page, log_in, user: User) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def test_a_suggested_word_is_published_and_found(
    page: Page,
    base: str,
    log_in,
    page_errors: list[str],
    teacher: User,
    student: User,
    admin_user: User,
    french,
):
    make_entry("maison", lang="fr", gender="f", frequency=5.5, translations=[("ru", "дом")])
    log_in(page, teacher)
    page.goto(base + "/dictionary/")
    page.locator("#dictionary-search").get_by_label("Language").select_option(label="French")
    page.get_by_label("Word").fill("maisonnette")
    results = page.locator("#dictionary-results")
    # Nothing found (on PostgreSQL "maison" comes as a similar spelling): suggest it.
    expect(results.get_by_role("link", name="la maisonnette")).to_have_count(0)
    results.get_by_role("button", name="Suggest it").click()
    expect(page.get_by_role("heading", name="Suggest a word", level=1)).to_be_visible()
    expect(page.get_by_label("Word or expression")).to_have_value("maisonnette")
    expect(page.get_by_label("Language of the word")).to_have_value("fr")
    page.get_by_label("Part of speech").select_option(label="noun")
    page.get_by_role("button", name="Suggest the word").click()
    # The gender of a French noun is not optional: the page says so and keeps what was typed.
    expect(page.get_by_text("Choose the gender: every French noun has one.")).to_be_visible()
    expect(page.get_by_label("Word or expression")).to_have_value("maisonnette")
    page.get_by_label("Gender").select_option(label="feminine")
    page.get_by_label("Russian translations").fill("домик")
    page.get_by_label("Usage example").fill("Une maisonnette au bord de la mer.")
    page.get_by_label("Translation of the example").fill("Домик на берегу моря.")
    page.get_by_role("button", name="Suggest the word").click()

    expect(page.get_by_text("Thank you! The word waits for a moderator")).to_be_visible()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("la maisonnette")
    notice = page.locator(".pending-notice")
    expect(notice).to_contain_text("waiting for moderation")
    expect(page.get_by_text("домик", exact=True)).to_be_visible()
    expect(page.get_by_text("Une maisonnette au bord de la mer.")).to_be_visible()
    entry = Entry.objects.get(headword="maisonnette")
    assert (entry.status, entry.contributed_by) == (Entry.Status.PENDING, teacher)
    page.get_by_role("link", name="← Dictionary").click()
    page.get_by_role("link", name="My suggestions").click()
    expect(page.locator(".suggestions")).to_contain_text("waiting for moderation")

    # The student does not find it yet.
    _switch_to(page, log_in, student)
    page.goto(base + "/dictionary/?q=домик")
    expect(page.get_by_role("button", name="Suggest it")).to_be_visible()
    expect(page.get_by_role("link", name="la maisonnette")).to_have_count(0)

    # The administrator publishes it from the moderation queue.
    mail.outbox.clear()
    _switch_to(page, log_in, admin_user)
    page.goto(base + "/dictionary/")
    page.get_by_role("link", name="1 word waits for moderation").click()
    row = page.locator("#result_list tbody tr", has_text="maisonnette")
    expect(row).to_contain_text("Tatiana Teacher")
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 entry is published.")).to_be_visible()
    assert [message.to for message in mail.outbox] == [[teacher.email]]
    assert "maisonnette" in mail.outbox[0].subject

    # Now the student finds it, by its translation, and opens it.
    _switch_to(page, log_in, student)
    page.goto(base + "/dictionary/")
    page.get_by_label("Word").fill("домик")
    results = page.locator("#dictionary-results")
    results.get_by_role("link", name="la maisonnette").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("la maisonnette")
    expect(page.locator(".pending-notice")).to_have_count(0)
    # Django's admin pages link no icon, so the browser asks for /favicon.ico there.
    assert [error for error in page_errors if "/favicon.ico" not in error] == []
