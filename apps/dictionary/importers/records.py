"""Plain records that parsers produce and the merger writes, and tag normalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.dictionary.models import Gender, PartOfSpeech

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# FreeDict (TEI) <pos> tags and Mueller's abbreviations, mapped onto Entry.PartOfSpeech.
POS_TAGS = {
    "n": PartOfSpeech.NOUN,
    "pn": PartOfSpeech.NOUN,  # proper noun
    "v": PartOfSpeech.VERB,
    "vt": PartOfSpeech.VERB,
    "vi": PartOfSpeech.VERB,
    "adj": PartOfSpeech.ADJECTIVE,
    "a": PartOfSpeech.ADJECTIVE,
    "adv": PartOfSpeech.ADVERB,
    "pron": PartOfSpeech.PRONOUN,
    "prep": PartOfSpeech.PREPOSITION,
    "conj": PartOfSpeech.CONJUNCTION,
    "cj": PartOfSpeech.CONJUNCTION,
    "art": PartOfSpeech.DETERMINER,
    "det": PartOfSpeech.DETERMINER,
    "num": PartOfSpeech.NUMERAL,
    "int": PartOfSpeech.INTERJECTION,
    "interj": PartOfSpeech.INTERJECTION,
    "phr": PartOfSpeech.PHRASE,
}

GENDER_TAGS = {
    "masc": Gender.MASCULINE,
    "m": Gender.MASCULINE,
    "fem": Gender.FEMININE,
    "f": Gender.FEMININE,
    "neut": Gender.NEUTER,
    "n": Gender.NEUTER,
    "e": Gender.BOTH,
    "mf": Gender.BOTH,
}

GENDER_NOTES = {Gender.MASCULINE: "masculin", Gender.FEMININE: "féminin"}


@dataclass
class ParsedSense:
    translations: list[str] = field(default_factory=list)
    definition: str = ""
    note: str = ""
    examples: list[tuple[str, str]] = field(default_factory=list)  # (text, translation)
    gender: str = ""  # the gender of the homograph this sense came from (le/la livre)


@dataclass
class ParsedEntry:
    headword: str
    part_of_speech: str
    gender: str = ""
    ipa: str = ""
    forms: dict = field(default_factory=dict)
    senses: list[ParsedSense] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.headword, self.part_of_speech)


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on separators outside (), [] and {}: "дом (в городе, в деревне), жилище"."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def collapse(entries: list[ParsedEntry], target_language: str) -> list[ParsedEntry]:
    """Merge records with the same headword and part of speech (homographs such as le/la livre).

    The entry's gender is the gender of the homograph whose commonest translation is the most
    frequent word (wordfreq): "livre" gets the masculine of "книга", not the feminine of "фунт".
    Senses of the other gender keep theirs and get a note ("féminin") when written.
    """
    merged: dict[tuple[str, str], ParsedEntry] = {}
    for entry in entries:
        if entry.gender:
            for sense in entry.senses:
                sense.gender = sense.gender or entry.gender
        current = merged.get(entry.key)
        if current is None:
            merged[entry.key] = entry
            continue
        current.ipa = current.ipa or entry.ipa
        current.forms = {**entry.forms, **current.forms}
        current.senses.extend(entry.senses)
    for entry in merged.values():
        genders = {sense.gender for sense in entry.senses if sense.gender}
        if len(genders) > 1:
            entry.gender = max(
                (sense for sense in entry.senses if sense.gender),
                key=lambda sense: _commonness(sense.translations, target_language),
            ).gender
    return list(merged.values())


def _commonness(translations: list[str], language: str) -> float:
    from wordfreq import zipf_frequency

    return max((zipf_frequency(text, language) for text in translations[:3]), default=0.0)
