"""The dictionary: results while typing, the entry page with the gender and a pronunciation."""

from __future__ import annotations

import io
import math
import shutil
import struct
import wave

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.dictionary.models import Audio
from apps.dictionary.tests.factories import make_entry


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _wav(seconds: float = 0.6) -> bytes:
    """A short tone: a recording every browser plays."""
    rate = 8000
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(int(rate * seconds))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


@pytest.fixture
def ecole(languages):
    entry = make_entry(
        "école", lang="fr", gender="f", frequency=5.2, ipa="ekɔl", translations=[("ru", "школа")]
    )
    audio = Audio(entry=entry, content_type="audio/wav", origin=Audio.Origin.RECORDED)
    audio.file.save("ecole.wav", ContentFile(_wav()), save=True)
    return entry


def test_search_as_you_type_and_open_an_entry(
    page: Page, base: str, log_in, page_errors: list[str], student: User, ecole
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
    log_in(page, student)
    page.goto(base + "/dictionary/")

    page.get_by_label("Word").fill("дом")  # no Enter: the results come while typing
    results = page.locator("#dictionary-results")
    expect(results.get_by_role("link", name="la maison")).to_be_visible()
    expect(results.get_by_role("link", name="house")).to_be_visible()
    expect(results.get_by_text("école")).to_have_count(0)
    expect(page).to_have_url(base + "/dictionary/?q=%D0%B4%D0%BE%D0%BC&language=&pos=")

    page.get_by_label("Word").fill("")
    page.get_by_label("Word").press_sequentially("ecole", delay=60)  # key by key, no accent
    expect(results.get_by_role("link", name="l'école (f.)")).to_be_visible()
    expect(results.get_by_role("link", name="la maison")).to_have_count(0)
    page.locator("#dictionary-search").get_by_label("Language").select_option(label="English")
    expect(results.get_by_text("No words found for “ecole”.")).to_be_visible()
    page.locator("#dictionary-search").get_by_label("Language").select_option(label="French")

    results.get_by_role("link", name="l'école (f.)").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("l'école")
    expect(heading).to_contain_text("(f.)")
    expect(page.locator(".entry-meta").first).to_contain_text("feminine")
    color = heading.locator(".headword").evaluate("el => getComputedStyle(el).color")
    assert color == "rgb(192, 38, 45)"  # feminine: red
    expect(page.get_by_text("школа")).to_be_visible()

    # The recording is served (the live server's own media handler; ranges are tested in
    # apps/dictionary/tests/test_media_serve.py) and the button plays it.
    audio = page.locator("#entry-audio audio")
    src = audio.locator("source").get_attribute("src")
    assert src
    assert page.request.get(base + src).status == 200
    page.get_by_role("button", name="Listen").click()
    page.wait_for_function(
        "() => { const a = document.querySelector('#entry-audio audio');"
        " return a.currentTime > 0 || a.ended; }"
    )
    assert audio.evaluate("a => a.error") is None
    assert page_errors == []


@pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("opusenc")), reason="espeak-ng and opus-tools"
)
def test_a_generated_pronunciation_plays(
    page: Page, base: str, log_in, page_errors: list[str], student: User, languages
):
    entry = make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])
    log_in(page, student)
    page.goto(base + f"/dictionary/{entry.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("la maison")

    page.get_by_role("button", name="Generate pronunciation").click()
    audio = page.locator("#entry-audio audio")
    expect(audio).to_have_count(1)
    src = audio.locator("source").get_attribute("src")
    assert src and src.endswith(".ogg")
    assert page.request.get(base + src).status == 200
    page.get_by_role("button", name="Listen").click()
    page.wait_for_function(
        "() => { const a = document.querySelector('#entry-audio audio');"
        " return a.currentTime > 0 || a.ended; }"
    )
    assert page_errors == []
