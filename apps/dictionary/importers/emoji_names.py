"""Pictures for concrete words: the emoji whose Unicode CLDR name, in the entry's language, is
the headword itself ("maison" -> 🏠, "school" -> 🏫, "кошка" -> 🐈). The reader's emoji font
draws it; no image files. Emoji newer than MAX_VERSION are left out: many systems' fonts
would draw an empty box.

The names come from the emoji package (BSD licence; CLDR short names in English, French,
Russian...). Only exact names, only nouns: "apple" gets no picture, because CLDR calls 🍎
"red apple", and looser matching puts wrong pictures on words. Flags, keycaps, skin tones,
people, gestures, faces and zodiac signs (French "lion" and "taureau" are ♌ and ♉, English
"cancer" is ♋) are left out, and a capitalised headword (a name: "Turkey", "Jean") matches only
a capitalised emoji name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from functools import cache

import emoji
from django.db import transaction
from django.db.models import F

from apps.dictionary.models import Entry, PartOfSpeech

from .sources import credit, get_source

LANGUAGES = ("en", "fr", "ru")  # the dictionary's languages that the emoji package names
FULLY_QUALIFIED = emoji.STATUS["fully_qualified"]
MAX_VERSION = 15.0  # Emoji 15.0 (2022): in the fonts of current Windows, macOS, Android, Linux
ZWJ, VS16, KEYCAP = "\u200d", "\ufe0f", "\u20e3"
SKIN_TONES = range(0x1F3FB, 0x1F400)
REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # flags of countries
TAGS = range(0xE0020, 0xE0080)  # flags of England, Scotland, Wales
WAVING_FLAGS = {0x1F3F3, 0x1F3F4}  # white, black, and with them rainbow, pirate... flags
EMOTICONS = range(0x1F600, 0x1F650)  # smileys, cat faces, gestures
# People that come in no skin tone: busts, family, couples, bunny ears, wrestlers, hugging...
PEOPLE = {*range(0x1F464, 0x1F470), 0x1F5E3, 0x1F93C, 0x1FAC2}
ZODIAC = {*range(0x2648, 0x2654), 0x26CE}
FACE = re.compile(r"(^| )face( |$)")  # "grinning face", "dog face", "face with monocle"


def normalise(name: str) -> str:
    """ ":maison_avec_jardin:" -> "maison avec jardin"; "  School " -> "school"."""
    return name.strip().strip(":").replace("_", " ").lower()


@cache
def people() -> frozenset[str]:
    """Emoji that come in skin tones: people, hands and gestures (👩, 👍, 🧑‍🏫...)."""
    found = set()
    for char in emoji.EMOJI_DATA:
        for index, c in enumerate(char):
            if ord(c) in SKIN_TONES and index:
                found.add(char[:index].replace(VS16, ""))
                break
    return frozenset(found)


def excluded(char: str, english_name: str, people: Collection[str]) -> bool:
    """Never a word's picture: flags, keycaps, skin tones, people and gestures (`people`: the
    emoji that come in skin tones, without VS16), faces, zodiac signs.

    `english_name` is normalised ("grinning face"). Shared with the OpenMoji importer.
    """
    codes = [ord(c) for c in char]
    if any(
        code in SKIN_TONES
        or code in REGIONAL_INDICATORS
        or code in TAGS
        or code in WAVING_FLAGS
        or code == ord(KEYCAP)
        for code in codes
    ):
        return True
    if any(code in EMOTICONS or code in PEOPLE or code in ZODIAC for code in codes):
        return True
    if FACE.search(english_name):
        return True
    return any(part in people for part in char.replace(VS16, "").split(ZWJ))


def preferred(char: str, other: str | None) -> bool:
    """Of two emoji with one name (rare): the shorter sequence, then the first in code point
    order."""
    return other is None or (len(char), char) < (len(other), other)


def fits(headword: str, name: str) -> bool:
    """A capitalised headword (a name: "Turkey", "Jean") matches only a capitalised emoji name;
    "T-shirt" is not a name."""
    capitalised = headword[:1].isupper() and headword[1:2].islower()
    return not capitalised or name.strip(":")[:1].isupper()


@cache
def names(code: str) -> dict[str, str]:
    """Normalised CLDR name in the language -> emoji, people, flags and faces left out.

    Two emoji with one name (rare): the shorter sequence, then the first in code point order.
    """
    if code not in LANGUAGES:
        return {}
    if code != "en":
        emoji.config.load_language(code)
    skin_tones = people()
    by_name: dict[str, str] = {}
    for char, data in emoji.EMOJI_DATA.items():
        if data["status"] != FULLY_QUALIFIED or data["E"] > MAX_VERSION or code not in data:
            continue
        if excluded(char, normalise(data["en"]), skin_tones):
            continue
        name = normalise(data[code])
        if preferred(char, by_name.get(name)):
            by_name[name] = char
    return by_name


def match(headword: str, code: str) -> str:
    """The emoji for a noun in the language `code`, or ""."""
    found = names(code).get(normalise(headword), "")
    if found and not fits(headword, emoji.EMOJI_DATA[found][code]):
        return ""  # the country is not 🦃
    return found


def fill_emoji(
    *,
    limit: int | None = None,
    headwords: set[str] | None = None,
    log: Callable[[str], None] = print,
) -> Counter[str]:
    """Entry.emoji for the nouns whose headword is an emoji's name; idempotent.

    Fills in what is empty: a picture already there (maybe chosen by hand) stays.
    """
    stats: Counter[str] = Counter()
    nouns = Entry.objects.filter(language__code__in=LANGUAGES, part_of_speech=PartOfSpeech.NOUN)
    if headwords:
        nouns = nouns.filter(headword__in=headwords)
    entries = list(
        nouns.annotate(code=F("language__code"))
        .only("pk", "headword", "emoji")
        .order_by("pk")[:limit]
    )
    matched, changed = [], []
    for entry in entries:
        found = match(entry.headword, entry.code)
        if not found or entry.emoji not in ("", found):
            continue
        matched.append(entry)
        if not entry.emoji:
            entry.emoji = found
            changed.append(entry)
    source = get_source("emoji")
    with transaction.atomic():
        Entry.objects.bulk_update(changed, ["emoji"], batch_size=1000)
        credit(source, [e.pk for e in matched])
    stats["read"] = len(entries)
    stats["matched"] = len(matched)
    stats["updated"] = len(changed)
    log(
        f"emoji: {len(entries)} nouns checked, {len(matched)} with a picture, "
        f"{len(changed)} updated (done)"
    )
    return stats
