# ruff: noqa: RUF002 (typographic apostrophes in the quoted articles)
"""FreeDict dictd articles (TEI rendered as text), e.g. freedict-fra-rus:

    maison /me.zɔ̃/ /mɛ.zɔ̃/ <n, fem>
    1. дом 2.
    Bâtiment servant de logis, d’habitation, de demeure
     3.
    Lignée, famille
    2. предприятие
    Entreprise, commerce

The first line holds the headword, IPA between slashes and <pos, gender>. Numbered lines start a
sense with its translations; other lines after the translations are glosses in the headword's
language (they become the sense definition). A trailing " 2." only numbers the glosses.
"""

from __future__ import annotations

import re

from apps.dictionary.models import PartOfSpeech

from .records import GENDER_TAGS, POS_TAGS, ParsedEntry, ParsedSense, split_top_level

HEADER = re.compile(r"^(?P<head>.*?)(?P<ipa>(?:\s+/[^/<>]*/)*)\s*(?:<(?P<tags>[^>]*)>)?\s*$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
GLOSS_NUMBER = re.compile(r"^\s*\d+\.\s*$")
TRAILING_NUMBER = re.compile(r"\s+\d+\.$")


def parse_tags(tags: str) -> tuple[str, str]:
    pos, gender = "", ""
    for tag in (t.strip().lower() for t in tags.split(",")):
        if tag in ("masc", "fem", "neut") and not gender:
            gender = GENDER_TAGS[tag]
        elif tag in POS_TAGS and not pos:
            pos = POS_TAGS[tag]
    if gender and not pos:
        pos = PartOfSpeech.NOUN  # first names: "Gaston <masc>"
    if pos != PartOfSpeech.NOUN:
        gender = ""  # "<adj, masc>": adjectives agree, the entry itself has no gender
    return pos or PartOfSpeech.OTHER, gender


def parse_article(text: str) -> ParsedEntry | None:
    text = text.replace("\u2010", "-")  # eng-fra writes "après‐midi" with U+2010 HYPHEN
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    match = HEADER.match(lines[0].strip())
    if not match or not match.group("head").strip():
        return None
    pos, gender = parse_tags(match.group("tags") or "")
    ipas = re.findall(r"/([^/]*)/", match.group("ipa") or "")
    entry = ParsedEntry(
        headword=match.group("head").strip(),
        part_of_speech=pos,
        gender=gender,
        ipa=ipas[0].strip() if ipas else "",
    )
    sense: ParsedSense | None = None
    glosses: list[str] = []

    def finish() -> None:
        if sense is not None:
            sense.definition = "; ".join(glosses)
            entry.senses.append(sense)

    for line in lines[1:]:
        numbered = NUMBERED.match(line)
        if numbered and not line.startswith(" "):
            finish()
            sense, glosses = ParsedSense(), []
            sense.translations = split_translations(TRAILING_NUMBER.sub("", numbered.group(2)))
        elif GLOSS_NUMBER.match(line):
            continue
        elif sense is None:
            sense, glosses = ParsedSense(), []
            sense.translations = split_translations(TRAILING_NUMBER.sub("", line.strip()))
        else:
            gloss = TRAILING_NUMBER.sub("", line.strip())
            if gloss:
                glosses.append(gloss)
    finish()
    entry.senses = [s for s in entry.senses if s.translations]
    return entry if entry.senses else None


def split_translations(text: str) -> list[str]:
    seen, result = set(), []
    for part in split_top_level(text, ",;"):
        part = part.strip(" .")
        key = part.lower()
        if part and len(part) <= 300 and key not in seen:
            seen.add(key)
            result.append(part)
    return result
