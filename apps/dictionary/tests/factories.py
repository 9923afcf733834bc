from __future__ import annotations

from apps.dictionary.models import Entry, Sense, Translation
from apps.projects.models import Language


def language(code: str) -> Language:
    return Language.objects.get(code=code)


def make_entry(
    headword: str,
    *,
    lang: str = "en",
    pos: str = "noun",
    gender: str = "",
    frequency: float = 4.0,
    translations: list[tuple[str, str]] | None = None,
    **extra,
) -> Entry:
    entry = Entry.objects.create(
        language=language(lang),
        headword=headword,
        part_of_speech=pos,
        gender=gender,
        frequency=frequency,
        **extra,
    )
    if translations:
        sense = Sense.objects.create(entry=entry)
        for position, (code, text) in enumerate(translations):
            Translation.objects.create(
                sense=sense, language=language(code), text=text, position=position
            )
    return entry
