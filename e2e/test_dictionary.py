"""The dictionary: results while typing, the entry page with the gender and a pronunciation."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.dictionary.tests.factories import make_entry


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_search_as_you_type_and_open_an_entry(
    page: Page, base: str, log_in, page_errors: list[str], student: User, languages
):
    make_entry("house", frequency=5.7, ipa="haʊs", translations=[("ru", "дом")])
    make_entry(
        "maison",
        lang="fr",
        gender="f",
        frequency=5.5,
        ipa="mɛzɔ̃",
        translations=[("ru", "дом"), ("en", "house")],
    )
    make_entry("école", lang="fr", gender="f", frequency=5.2, translations=[("ru", "школа")])
    log_in(page, student)
    page.goto(base + "/dictionary/")

    page.get_by_label("Word").fill("дом")  # no Enter: the results come while typing
    results = page.locator("#dictionary-results")
    expect(results.get_by_role("link", name="la maison")).to_be_visible()
    expect(results.get_by_role("link", name="house")).to_be_visible()
    expect(results.get_by_text("école")).to_have_count(0)
    expect(page).to_have_url(base + "/dictionary/?q=%D0%B4%D0%BE%D0%BC&language=&pos=")

    page.get_by_label("Word").fill("ecole")
    expect(results.get_by_role("link", name="l'école (f.)")).to_be_visible()
    page.locator("#dictionary-search").get_by_label("Language").select_option(label="English")
    expect(results.get_by_text("No words found for “ecole”.")).to_be_visible()
    page.locator("#dictionary-search").get_by_label("Language").select_option(label="French")

    results.get_by_role("link", name="l'école (f.)").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("l'école")
    expect(heading).to_contain_text("(f.)")
    color = heading.locator(".headword").evaluate("el => getComputedStyle(el).color")
    assert color == "rgb(192, 38, 45)"  # feminine: red

    if shutil.which("espeak-ng") and shutil.which("opusenc"):
        page.get_by_role("button", name="Generate pronunciation").click()
        expect(page.locator("#entry-audio audio")).to_have_count(1)
    assert page_errors == []
