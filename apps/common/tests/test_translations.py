"""The Russian catalogue is complete, compiled, and used for visitors and logged-in users."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"
RUSSIAN_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
# A named Python placeholder: %(name)s, %(count)d, %(value).2f …
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")

# Agreed with the people who write the tests for the pages.
AGREED = {
    "Log in": "Войти",
    "Students": "Ученики",
    "Sign up as a teacher": "Зарегистрироваться как преподаватель",
    "Profile": "Профиль",
    "Dashboard": "Главная",
}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def live_entries(po: polib.POFile) -> Iterator[polib.POEntry]:
    return (entry for entry in po if not entry.obsolete)


def label(entry: polib.POEntry) -> str:
    return entry.msgid if not entry.msgctxt else f"{entry.msgctxt}|{entry.msgid}"


def catalogue(entries) -> dict[tuple, tuple[str, ...]]:
    """(context, msgid, msgid_plural) → the translation(s), for comparing a .po and a .mo."""
    result = {}
    for entry in entries:
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            value = (entry.msgstr,)
        result[key] = value
    return result


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


# The catalogue itself


def test_the_header_has_russian_plural_forms(po):
    assert po.metadata["Language"] == "ru"
    assert po.metadata["Plural-Forms"] == RUSSIAN_PLURAL_FORMS
    assert not po.metadata_is_fuzzy


def test_the_catalogue_is_not_empty(po):
    assert len(list(live_entries(po))) > 100


def test_every_entry_is_translated(po):
    untranslated = []
    for entry in live_entries(po):
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if sorted(forms) != [0, 1, 2] or not all(form.strip() for form in forms.values()):
                untranslated.append(label(entry))
        elif not entry.msgstr.strip():
            untranslated.append(label(entry))
    assert untranslated == []


def test_no_entry_is_fuzzy(po):
    assert [label(entry) for entry in live_entries(po) if "fuzzy" in entry.flags] == []


def test_placeholders_are_kept(po):
    wrong = []
    for entry in live_entries(po):
        if entry.msgid_plural:
            expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            translations = list(entry.msgstr_plural.values())
        else:
            expected = placeholders(entry.msgid)
            translations = [entry.msgstr]
        for text in translations:
            if placeholders(text) != expected:
                wrong.append((label(entry), text))
    assert wrong == []


def test_the_agreed_terms_are_used(po):
    found = {entry.msgid: entry.msgstr for entry in live_entries(po) if entry.msgid in AGREED}
    assert found == AGREED


# The compiled catalogue


def test_the_mo_file_matches_the_po_file(po):
    """django.mo is committed; it must hold exactly what django.po says, not an older version."""
    assert MO_PATH.exists(), "run: manage.py compilemessages"
    expected = catalogue(polib.mofile(po.to_binary()))
    compiled = catalogue(polib.mofile(str(MO_PATH)))

    stale = sorted(
        key[1]
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert stale == [], "django.mo is stale: run manage.py compilemessages"
    assert polib.mofile(str(MO_PATH)).metadata.get("Plural-Forms") == RUSSIAN_PLURAL_FORMS


@pytest.mark.parametrize(("english", "russian"), AGREED.items())
def test_django_uses_the_agreed_terms(english, russian):
    with translation.override("ru"):
        assert translation.gettext(english) == russian
    with translation.override("en"):
        assert translation.gettext(english) == english


@pytest.mark.parametrize(
    ("count", "form"), [(1, "урок"), (3, "урока"), (5, "уроков"), (21, "урок")]
)
def test_plural_forms_follow_russian_rules(count, form):
    with translation.override("ru"):
        text = translation.ngettext(
            "%(count)s lesson in all", "%(count)s lessons in all", count
        ) % {"count": count}
    assert text == f"всего {count} {form}"


# The pages


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "shown", "not_shown"),
    [("ru", "Войти", "Log in"), ("en", "Log in", "Войти")],
)
def test_a_visitor_gets_the_browser_language(accept_language, shown, not_shown):
    browser = Client(headers={"Accept-Language": accept_language})

    response = browser.get(reverse("accounts:login"))

    assertContains(response, f'<html lang="{accept_language}"')
    assertContains(response, shown)
    assertNotContains(response, not_shown)


def test_a_user_gets_the_language_of_their_profile(teacher):
    teacher.language = "ru"
    teacher.save(update_fields=["language"])
    browser = Client(headers={"Accept-Language": "en"})
    browser.force_login(teacher)

    response = browser.get(reverse("common:home"))

    assertContains(response, '<html lang="ru"')
    for russian in ("Главная", "Ученики", "Профиль", "Выйти"):
        assertContains(response, russian)
    for english in ("Dashboard", "Profile", "Log out"):
        assertNotContains(response, english)
