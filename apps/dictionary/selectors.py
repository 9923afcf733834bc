"""Reads for the dictionary pages, each in a fixed number of queries."""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    Case,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from apps.common.cache import STARTED

from .models import Audio, Entry, Example, Picture, Sense, Translation, fold

PAGE_SIZE = 30
# Fewer hits than this and no exact one, on PostgreSQL: add similar spellings (pg_trgm).
FUZZY_BELOW = 5
FUZZY_MIN_LENGTH = 3
TRANSLATIONS_SHOWN = 4
# Translations starting with the query that are followed to their entries (see _by_translation).
TRANSLATION_CANDIDATES = 100
TRANSLATION_PREFIX_MIN_LENGTH = 2

# What a result row shows (dictionary/_result.html): loading only these saves time.
RESULT_FIELDS = ["headword", "part_of_speech", "gender", "frequency", "language", "emoji"]

# Ranks, best first.
EXACT_HEADWORD, EXACT_TRANSLATION, PREFIX_HEADWORD, PREFIX_TRANSLATION, WORD_INSIDE = range(5)
SIMILAR = 9


@dataclass
class SearchResults:
    query: str
    entries: list[Entry]
    page: int
    has_more: bool
    similar: list[Entry] = field(default_factory=list)

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def is_empty(self) -> bool:
        return not self.entries and not self.similar


def _by_headword(entries: QuerySet[Entry], folded: str, inside: bool) -> QuerySet[Entry]:
    """Headwords that are, start with, or (`inside`) hold a word starting with the query.

    One column, so PostgreSQL combines its indexes (the pattern index Django adds to an
    indexed CharField, and the trigram index for the word inside).
    """
    matching = Q(headword_folded__startswith=folded)
    if inside:
        matching |= Q(headword_folded__contains=f" {folded}")
    return entries.filter(matching).annotate(
        rank=Case(
            When(headword_folded=folded, then=Value(EXACT_HEADWORD)),
            When(headword_folded__startswith=folded, then=Value(PREFIX_HEADWORD)),
            default=Value(WORD_INSIDE),
            output_field=IntegerField(),
        )
    )


def _by_translation(entries: QuerySet[Entry], folded: str, inside: bool) -> QuerySet[Entry]:
    """Entries one of whose translations is, starts with, or holds a word starting with the
    query: "дом" finds house and maison.

    Every exact translation counts; of the translations that only start with the query (or
    hold it), TRANSLATION_CANDIDATES at most: "до" starts some ten thousand Russian
    translations, and following each to its entry takes a quarter of a second. One more
    letter and the set is small again. One letter: exact translations only. The ids are
    looked up first, each with its own index, and the entries are then fetched by id.
    """
    translations = Translation.objects.order_by()  # no ordering: it would join the entries
    exact = set(translations.filter(text_folded=folded).values_list("sense__entry_id", flat=True))
    starting: set[int] = set()
    holding: set[int] = set()
    if len(folded) >= TRANSLATION_PREFIX_MIN_LENGTH:
        matching = Q(text_folded__startswith=folded)
        if inside:
            matching |= Q(text_folded__contains=f" {folded}")
        for entry_id, text in translations.filter(matching).values_list(
            "sense__entry_id", "text_folded"
        )[:TRANSLATION_CANDIDATES]:
            (starting if text.startswith(folded) else holding).add(entry_id)
    starting -= exact
    holding -= exact | starting
    return entries.filter(pk__in=exact | starting | holding).annotate(
        rank=Case(
            When(pk__in=exact, then=Value(EXACT_TRANSLATION)),
            When(pk__in=starting, then=Value(PREFIX_TRANSLATION)),
            default=Value(WORD_INSIDE),
            output_field=IntegerField(),
        )
    )


def _matches(entries: QuerySet[Entry], folded: str, want: int) -> list[Entry]:
    """The first `want` entries matching the query by headword or translation, ranked: exact
    headword, exact translation, headword prefix, translation prefix, a word inside; then by
    frequency. Two ranked lists that the indexes answer, merged here.

    Merging the two top-`want` lists is exact: an entry among the first `want` overall has its
    best rank in one of the lists, and everything before it there is before it overall.
    A word inside is looked for from three letters on (shorter, it matches half the dictionary
    and no index helps).
    """
    inside = len(folded) >= FUZZY_MIN_LENGTH
    best: dict[int, Entry] = {}
    # Two to four queries: headwords; exact translations, other translations, their entries
    # (none when no translation matches).
    for ranked in (_by_headword(entries, folded, inside), _by_translation(entries, folded, inside)):
        for entry in ranked.order_by("rank", "-frequency", "headword")[:want]:
            if entry.pk not in best or entry.rank < best[entry.pk].rank:
                best[entry.pk] = entry
    return sorted(best.values(), key=lambda entry: (entry.rank, -entry.frequency, entry.headword))[
        :want
    ]


def _similar(entries: QuerySet[Entry], folded: str, exclude: list[int], limit: int) -> list[Entry]:
    """Entries spelled like the query (typos), by trigram similarity: PostgreSQL only."""
    if connection.vendor != "postgresql" or len(folded) < FUZZY_MIN_LENGTH or limit <= 0:
        return []
    from django.contrib.postgres.lookups import TrigramSimilar
    from django.contrib.postgres.search import TrigramSimilarity

    # The % operator (TrigramSimilar) uses the GIN trigram indexes of migration 0003. One set
    # of ids (a UNION, computed once with both indexes) rather than an OR of two IN, which
    # makes PostgreSQL read every entry.
    similar_ids = (
        Entry.objects.filter(TrigramSimilar(F("headword_folded"), folded))
        .order_by()
        .values("pk")
        .union(
            Translation.objects.filter(TrigramSimilar(F("text_folded"), folded))
            .order_by()
            .values("sense__entry_id")
        )
    )
    return list(
        entries.filter(pk__in=similar_ids)
        .exclude(pk__in=exclude)
        .annotate(similarity=TrigramSimilarity("headword_folded", folded), rank=Value(SIMILAR))
        .order_by("-similarity", "-frequency", "headword")[:limit]
    )


def search(
    *, query: str = "", language: str = "", part_of_speech: str = "", page: int = 1
) -> SearchResults:
    """One page of entries for the query, with their first translations.

    An empty query lists the commonest words. Six queries at most whatever the number of
    results: entries by headword, three for entries by translation, similar spellings (on
    PostgreSQL when there are few hits), the translations shown.
    """
    page = max(page, 1)
    folded = fold(query)
    entries = (
        Entry.objects.filter(status=Entry.Status.PUBLISHED)
        .select_related("language")
        .only(*RESULT_FIELDS)
    )
    if language:
        entries = entries.filter(language__code=language)
    if part_of_speech:
        entries = entries.filter(part_of_speech=part_of_speech)
    start = (page - 1) * PAGE_SIZE
    if folded:
        found = _matches(entries, folded, want=start + PAGE_SIZE + 1)[start:]
    else:
        found = list(entries.order_by("-frequency", "headword")[start : start + PAGE_SIZE + 1])
    has_more = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    similar: list[Entry] = []
    # Similar spellings when few words are found and none is the query itself: a word that
    # is in the dictionary is not a typo (and pg_trgm's search is the slowest of all).
    if (
        folded
        and page == 1
        and len(found) < FUZZY_BELOW
        and not any(entry.rank in (EXACT_HEADWORD, EXACT_TRANSLATION) for entry in found)
    ):
        similar = _similar(
            entries, folded, [entry.pk for entry in found], limit=PAGE_SIZE - len(found)
        )
    attach_translations([*found, *similar])
    return SearchResults(query=query, entries=found, page=page, has_more=has_more, similar=similar)


# Searches kept in the cache. The dictionary changes seldom (an import, a moderator publishing
# a word), and students type the same beginnings of the same words, so the rendered results
# (views.search) are kept under a version that every change replaces. The version lives in the cache: shared by
# every app server with Redis; with each process's own memory, another process sees a change
# when its copy of the search expires (SEARCH_TIMEOUT).
SEARCH_TIMEOUT = 300  # seconds
T = TypeVar("T")
VERSION_KEY = "dictionary:version"


def dictionary_changed() -> None:
    """Make the kept searches out of date: now, and again when the change is committed, so that
    no search run in between keeps the old words under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def kept(parts: Iterable[str], compute: Callable[[], T]) -> T:
    """`compute()`'s value, from the cache when the same `parts` were asked for since the
    dictionary last changed."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    if version is None:  # no cache at hand (Redis down)
        return compute()
    what = "\n".join((STARTED, version, *parts))
    key = "dictionary:" + hashlib.sha256(what.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SEARCH_TIMEOUT)
    return value


@dataclass(frozen=True)
class ShownTranslation:
    """A translation as a result row shows it: plain values, no model (a page shows ~100)."""

    text: str
    language_code: str


def attach_translations(entries: list[Entry]) -> None:
    """Set `entry.first_translations` (a few, first senses first, Russian first) in one query."""
    by_entry: dict[int, list[ShownTranslation]] = defaultdict(list)
    if entries:
        rows = (
            Translation.objects.filter(sense__entry__in=[entry.pk for entry in entries])
            .order_by("sense__entry_id", "sense__position", "sense_id", "position", "pk")
            .values_list("sense__entry_id", "text", "language__code")
        )
        for entry_id, text, code in rows:
            by_entry[entry_id].append(ShownTranslation(text=text, language_code=code))
    for entry in entries:
        # Russian first (most students), then the rest; sorted() keeps the order within each.
        mine = sorted(by_entry.get(entry.pk, []), key=lambda t: t.language_code != "ru")
        entry.first_translations = mine[:TRANSLATIONS_SHOWN]
        entry.more_translations = len(mine) > TRANSLATIONS_SHOWN


def entry_detail(entry_id: int) -> Entry | None:
    """The entry with everything its page shows, in a fixed number of queries."""
    return (
        Entry.objects.select_related("language", "contributed_by")
        .prefetch_related(
            Prefetch(
                "senses",
                Sense.objects.prefetch_related(
                    Prefetch(
                        "translations",
                        Translation.objects.select_related("language", "source"),
                    )
                ),
            ),
            Prefetch("examples", Example.objects.select_related("source")),
            Prefetch("audio", Audio.objects.order_by("-origin", "-created_at")),
            Prefetch("pictures", Picture.objects.select_related("source")),
            "sources",
        )
        .filter(pk=entry_id)
        .first()
    )


SUGGESTIONS_PAGE_SIZE = 50


def suggestions(*, user, page: int | str = 1) -> Page:
    """The words `user` suggested, those waiting for moderation first, then the newest, with
    their first translations: three queries whatever their number."""
    entries = (
        Entry.objects.filter(contributed_by=user)
        .select_related("language")
        .only(*RESULT_FIELDS, "status", "created_at")
        .order_by(
            Case(When(status=Entry.Status.PENDING, then=Value(0)), default=Value(1)),
            "-created_at",
            "-pk",
        )
    )
    found = Paginator(entries, SUGGESTIONS_PAGE_SIZE).get_page(page)
    found.object_list = list(found.object_list)
    attach_translations(found.object_list)
    return found


def pending_count() -> int:
    """How many words wait for a moderator (shown to staff)."""
    return Entry.objects.filter(status=Entry.Status.PENDING).count()
