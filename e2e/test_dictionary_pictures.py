"""OpenMoji's drawing on the entry page: the SVG loads in a real browser under the
Content-Security-Policy, with its licence beside it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.dictionary.importers.openmoji import fill_openmoji
from apps.dictionary.sample_data import SAMPLE_OPENMOJI
from apps.dictionary.tests.factories import make_entry

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_drawing_shows_with_its_licence(
    page: Page, base: str, log_in, page_errors: list[str], student: User, languages
):
    entry = make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])
    fill_openmoji(headwords={"maison"}, data_dir=SAMPLE_OPENMOJI, log=lambda line: None)
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, student)

    page.goto(f"{base}/dictionary/{entry.pk}/")

    drawing = page.get_by_role("img", name="maison")
    expect(drawing).to_be_visible()
    page.wait_for_function(
        "() => { const img = document.querySelector('.entry-emoji img');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    assert drawing.bounding_box()["width"] > 50
    figure = page.locator(".entry-emoji figcaption")
    expect(figure.get_by_role("link", name="OpenMoji")).to_have_attribute(
        "href", "https://openmoji.org/"
    )
    expect(figure.get_by_role("link", name="CC BY-SA 4.0")).to_be_visible()
    assert page.evaluate("window.__csp") == []
    assert page_errors == []
