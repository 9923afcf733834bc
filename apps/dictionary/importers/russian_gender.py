"""Genders of the Russian translations of nouns, from pymorphy3's dictionary (OpenCorpora).

Only a single word in its dictionary form gets one ("дом" m, "книга" f, "окно" n), and only
when pymorphy3 is sure: its best parse is a noun of a word in its dictionary, and the noun
parses of the word as written (its dictionary form, not "дома" or "стекла") with one gender
make up at least SURE of the score. Words pymorphy3 gives no single gender ("ножницы",
"сирота"), phrases and words it only guesses get none. A gender already given stays.
Entries whose translations got a gender here carry the "ru-gender" source.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache

from django.db import transaction

from apps.dictionary.models import Gender, PartOfSpeech, Translation

from .sources import credit, get_source

SURE = 0.75
GENDERS = {"masc": Gender.MASCULINE, "femn": Gender.FEMININE, "neut": Gender.NEUTER}
WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)?", re.IGNORECASE)
STRESS = "\u0301"


@cache
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _unstressed(text: str) -> str:
    """Without stress marks: "до́м" -> "дом" (Mueller's accented edition has them)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace(STRESS, ""))


def _plain(text: str) -> str:
    """For comparing forms: lowercase, yo as ye (dictionaries and people mix the two)."""
    return _unstressed(text).lower().replace("ё", "е")


@cache
def gender_of(text: str) -> str:
    """The Gender of a single Russian noun in its dictionary form, or "" if not sure."""
    word = _unstressed(text.strip())
    if not WORD.fullmatch(word):
        return ""
    parses = _analyzer().parse(word)
    if not parses or parses[0].tag.POS != "NOUN" or not parses[0].is_known:
        return ""
    scores: dict[str, float] = defaultdict(float)
    for parse in parses:
        gender = GENDERS.get(parse.tag.gender)
        if parse.tag.POS == "NOUN" and gender and _plain(parse.normal_form) == _plain(word):
            scores[gender] += parse.score
    if not scores:
        return ""
    gender, score = max(scores.items(), key=lambda item: item[1])
    return gender if score >= SURE else ""


def fill_russian_genders(
    *,
    limit: int | None = None,
    headwords: set[str] | None = None,
    batch_size: int = 2000,
    log: Callable[[str], None] = print,
) -> Counter[str]:
    """Translation.gender for the Russian translations of nouns that have none; idempotent."""
    stats: Counter[str] = Counter()
    started = time.monotonic()
    translations = Translation.objects.filter(
        language__code="ru", sense__entry__part_of_speech=PartOfSpeech.NOUN
    ).order_by("pk")
    if headwords:
        translations = translations.filter(sense__entry__headword__in=headwords)
    if limit is not None:  # the first N translations, so that a second run has the same N
        first = list(translations.values_list("pk", flat=True)[:limit])
        translations = translations.filter(pk__in=first)
    rows = list(translations.filter(gender="").values_list("pk", "text", "sense__entry_id"))
    source = None
    filled = 0
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        by_gender: dict[str, list[int]] = defaultdict(list)
        entries = set()
        for pk, text, entry_id in chunk:
            gender = gender_of(text)
            if gender:
                by_gender[gender].append(pk)
                entries.add(entry_id)
        if entries:
            source = source or get_source("ru-gender")
            with transaction.atomic():
                for gender, pks in by_gender.items():
                    filled += Translation.objects.filter(pk__in=pks, gender="").update(
                        gender=gender
                    )
                credit(source, entries)
        if len(rows) > batch_size:
            log(f"ru-gender: {start + len(chunk)}/{len(rows)} translations")
    stats["read"] = len(rows)
    stats["updated"] = filled
    log(
        f"ru-gender: {len(rows)} Russian translations of nouns without gender, {filled} given "
        f"one by pymorphy3 in {time.monotonic() - started:.1f} s (done)"
    )
    return stats
