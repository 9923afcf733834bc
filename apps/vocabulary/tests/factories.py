"""Helpers that make words and dictionary entries for the vocabulary tests."""

from __future__ import annotations

from apps.accounts.models import User
from apps.dictionary.models import Entry, Example, Sense, Translation
from apps.projects.models import Language
from apps.vocabulary.models import Word, WordList


def language(code: str) -> Language:
    return Language.objects.get(code=code)


def make_entry(
    headword: str = "maison",
    *,
    code: str = "fr",
    pos: str = "noun",
    gender: str = "f",
    translations: tuple[str, ...] = ("дом",),
    example: str = "",
) -> Entry:
    entry = Entry.objects.create(
        language=language(code), headword=headword, part_of_speech=pos, gender=gender
    )
    sense = Sense.objects.create(entry=entry)
    for position, text in enumerate(translations):
        Translation.objects.create(
            sense=sense, language=language("ru"), text=text, position=position
        )
    if example:
        Example.objects.create(entry=entry, text=example)
    return entry


def make_word(
    student: User,
    text: str = "la maison",
    translation: str = "дом",
    *,
    code: str = "fr",
    word_list: WordList | None = None,
    **fields,
) -> Word:
    fields.setdefault("gender", "f" if text.startswith("la ") else "")
    return Word.objects.create(
        student=student,
        added_by=student,
        text=text,
        translation=translation,
        language=language(code),
        word_list=word_list,
        **fields,
    )
