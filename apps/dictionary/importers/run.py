"""One function per source; `run_all` imports them in an order where later sources enrich
entries created by earlier ones (WordNet definitions and eng-fra translations go into the
English entries from Mueller, wordfreq and Grammalecte fill what the dictionaries left empty).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import transaction

from apps.dictionary.models import Entry, PartOfSpeech, fold
from apps.projects.models import Language

from . import dictd, freedict, grammalecte, mueller, wordnet
from .merge import Merger
from .records import ParsedEntry, ParsedSense
from .sources import get_source

DICTD_DIR = Path("/usr/share/dictd")
WORDNET_DIR = Path("/usr/share/wordnet")
ORDER = [
    "freedict-fra-rus",
    "freedict-fra-eng",
    "mueller7",
    "freedict-eng-fra",
    "wordnet",
    "grammalecte",
    "wordfreq",
]
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
    dictd_dir: Path | str = DICTD_DIR,
    wordnet_dir: Path | str = WORDNET_DIR,
    batch_size: int = 2000,
    log: Log = print,
) -> Counter[str]:
    started = time.monotonic()
    if slug in ("freedict-fra-rus", "freedict-fra-eng", "freedict-eng-fra", "mueller7"):
        if not dictd.exists(dictd_dir, slug):
            raise Skipped(f"{slug}: {dictd_dir}/{slug}.index or .dict.dz not found")
    if slug == "wordnet" and not wordnet.exists(wordnet_dir):
        raise Skipped(f"wordnet: no WordNet data.* files in {wordnet_dir}")
    if slug == "grammalecte" and not grammalecte.available():
        raise Skipped("grammalecte: install the Debian package python3-grammalecte")

    if slug in ("freedict-fra-rus", "freedict-fra-eng"):
        target = "ru" if slug.endswith("rus") else "en"
        records = _freedict(dictd_dir, slug, limit)
        stats = _merge(slug, "fr", target, records, batch_size=batch_size, log=log)
    elif slug == "mueller7":
        records = _mueller(dictd_dir, limit)
        stats = _merge(slug, "en", "ru", records, batch_size=batch_size, log=log)
    elif slug == "freedict-eng-fra":
        records = _eng_fra(dictd_dir, limit)
        stats = _merge(slug, "en", "fr", records, batch_size=batch_size, log=log)
    elif slug == "wordnet":
        wanted = set(
            Entry.objects.filter(language__code="en").values_list("headword", "part_of_speech")
        )
        records = wordnet.read_entries(wordnet_dir, limit=limit, wanted=wanted)
        stats = _merge(
            slug, "en", None, records, batch_size=batch_size, log=log, create=False,
            collapse_homographs=False,
        )
    elif slug == "grammalecte":
        stats = fill_genders(limit=limit, log=log)
    elif slug == "wordfreq":
        stats = fill_frequencies(limit=limit, batch_size=batch_size, log=log)
    else:
        raise ValueError(slug)
    stats["seconds"] = round(time.monotonic() - started, 1)
    return stats


def _merge(slug, code, target, records, *, batch_size, log, create=True, collapse_homographs=True):
    merger = Merger(
        source=get_source(slug),
        language=language(code),
        target=language(target) if target else None,
        create=create,
        batch_size=batch_size,
        log=log,
        collapse_homographs=collapse_homographs,
    )
    return merger.add_all(records)


def _freedict(directory, slug: str, limit: int | None) -> Iterator[ParsedEntry]:
    for text in dictd.read_entries(directory, slug, limit):
        record = freedict.parse_article(text)
        if record is not None:
            yield record


def _mueller(directory, limit: int | None) -> Iterator[ParsedEntry]:
    for text in dictd.read_entries(directory, "mueller7", limit):
        yield from mueller.parse_article(text)


def _eng_fra(directory, limit: int | None) -> Iterator[ParsedEntry]:
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
    ).values_list(
        "headword", "part_of_speech"
    ):
        english[headword].add(pos)
    for text in dictd.read_entries(directory, "freedict-eng-fra", limit):
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


def fill_genders(*, limit: int | None = None, log: Log = print) -> Counter[str]:
    """Genders for French nouns that FreeDict left without one."""
    stats: Counter[str] = Counter()
    entries = list(
        Entry.objects.filter(language__code="fr", part_of_speech=PartOfSpeech.NOUN, gender="")
        .only("pk", "headword", "gender")
        .order_by("pk")[:limit]
    )
    genders = grammalecte.noun_genders([entry.headword for entry in entries])
    source = get_source("grammalecte")
    changed = []
    for entry in entries:
        if entry.headword in genders:
            entry.gender = genders[entry.headword]
            changed.append(entry)
    with transaction.atomic():
        Entry.objects.bulk_update(changed, ["gender"], batch_size=1000)
        through = Entry.sources.through
        through.objects.bulk_create(
            [through(entry_id=e.pk, source_id=source.pk) for e in changed], ignore_conflicts=True
        )
    stats["read"] = len(entries)
    stats["updated"] = len(changed)
    log(f"grammalecte: {len(entries)} French nouns without gender, {len(changed)} filled (done)")
    return stats


def fill_frequencies(
    *, limit: int | None = None, batch_size: int = 2000, log: Log = print
) -> Counter[str]:
    """Entry.frequency (wordfreq Zipf) and a rough level for English and French entries."""
    from wordfreq import zipf_frequency

    stats: Counter[str] = Counter()
    source = get_source("wordfreq")
    started = time.monotonic()
    for code in ("en", "fr"):
        queryset = (
            Entry.objects.filter(language__code=code)
            .only("pk", "headword", "frequency", "level")
            .order_by("pk")
        )
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
                through = Entry.sources.through
                through.objects.bulk_create(
                    [through(entry_id=e.pk, source_id=source.pk) for e in chunk if e.frequency],
                    ignore_conflicts=True,
                )
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
