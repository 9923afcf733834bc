"""Reads for the dictionary pages, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
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

from .models import Audio, Entry, Example, Picture, Sense, Translation, fold

PAGE_SIZE = 30
# Fewer exact and prefix hits than this, on PostgreSQL: add similar spellings (pg_trgm).
FUZZY_BELOW = 5
FUZZY_MIN_LENGTH = 3
FUZZY_THRESHOLD = 0.3
TRANSLATIONS_SHOWN = 4

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


def _entry_ids(translations: QuerySet[Translation]) -> QuerySet:
    # IN (subquery), not a correlated EXISTS: the database computes the set once.
    return translations.values("sense__entry_id")


def _matches(entries: QuerySet[Entry], folded: str) -> QuerySet[Entry]:
    """Entries whose headword or one of whose translations is, starts with, or holds a word
    starting with the query; ranked."""
    word = f" {folded}"
    translations = Translation.objects.all()
    matching = (
        Q(headword_folded__startswith=folded)
        | Q(headword_folded__contains=word)
        | Q(
            pk__in=_entry_ids(
                translations.filter(
                    Q(text_folded__startswith=folded) | Q(text_folded__contains=word)
                )
            )
        )
    )
    rank = Case(
        When(headword_folded=folded, then=Value(EXACT_HEADWORD)),
        When(
            pk__in=_entry_ids(translations.filter(text_folded=folded)),
            then=Value(EXACT_TRANSLATION),
        ),
        When(headword_folded__startswith=folded, then=Value(PREFIX_HEADWORD)),
        When(
            pk__in=_entry_ids(translations.filter(text_folded__startswith=folded)),
            then=Value(PREFIX_TRANSLATION),
        ),
        default=Value(WORD_INSIDE),
        output_field=IntegerField(),
    )
    return entries.filter(matching).annotate(rank=rank).order_by("rank", "-frequency", "headword")


def _similar(entries: QuerySet[Entry], folded: str, exclude: list[int], limit: int) -> list[Entry]:
    """Entries spelled like the query (typos), by trigram similarity: PostgreSQL only."""
    if connection.vendor != "postgresql" or len(folded) < FUZZY_MIN_LENGTH or limit <= 0:
        return []
    from django.contrib.postgres.lookups import TrigramSimilar
    from django.contrib.postgres.search import TrigramSimilarity

    # The % operator (TrigramSimilar) uses the GIN trigram indexes of migration 0003.
    similar_translations = Translation.objects.filter(TrigramSimilar(F("text_folded"), folded))
    return list(
        entries.filter(
            # Two sets computed once each with the indexes, rather than % on every row.
            Q(
                pk__in=Entry.objects.filter(TrigramSimilar(F("headword_folded"), folded)).values(
                    "pk"
                )
            )
            | Q(pk__in=_entry_ids(similar_translations))
        )
        .exclude(pk__in=exclude)
        .annotate(similarity=TrigramSimilarity("headword_folded", folded), rank=Value(SIMILAR))
        .order_by("-similarity", "-frequency", "headword")[:limit]
    )


def search(
    *, query: str = "", language: str = "", part_of_speech: str = "", page: int = 1
) -> SearchResults:
    """One page of entries for the query, with their first translations.

    An empty query lists the commonest words. Three queries at most (entries, similar entries
    on PostgreSQL when there are few hits, translations), whatever the number of results.
    """
    page = max(page, 1)
    folded = fold(query)
    entries = Entry.objects.select_related("language")
    if language:
        entries = entries.filter(language__code=language)
    if part_of_speech:
        entries = entries.filter(part_of_speech=part_of_speech)
    ordered = _matches(entries, folded) if folded else entries.order_by("-frequency", "headword")
    start = (page - 1) * PAGE_SIZE
    found = list(ordered[start : start + PAGE_SIZE + 1])
    has_more = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    similar: list[Entry] = []
    if folded and page == 1 and len(found) < FUZZY_BELOW:
        similar = _similar(
            entries, folded, [entry.pk for entry in found], limit=PAGE_SIZE - len(found)
        )
    attach_translations([*found, *similar])
    return SearchResults(query=query, entries=found, page=page, has_more=has_more, similar=similar)


def attach_translations(entries: list[Entry]) -> None:
    """Set `entry.first_translations` (a few, first senses first) in one query."""
    by_entry: dict[int, list[Translation]] = defaultdict(list)
    if entries:
        translations = (
            Translation.objects.filter(sense__entry__in=[entry.pk for entry in entries])
            .select_related("language")
            .annotate(entry_id=F("sense__entry_id"), sense_position=F("sense__position"))
            .order_by("sense__entry_id", "sense__position", "sense_id", "position", "pk")
        )
        for translation in translations:
            by_entry[translation.entry_id].append(translation)
    for entry in entries:
        mine = by_entry.get(entry.pk, [])
        # Russian first (most students), then the rest.
        mine = sorted(mine, key=lambda t: t.language.code != "ru")
        entry.first_translations = mine[:TRANSLATIONS_SHOWN]
        entry.more_translations = len(mine) > TRANSLATIONS_SHOWN


def entry_detail(entry_id: int) -> Entry | None:
    """The entry with everything its page shows, in a fixed number of queries."""
    return (
        Entry.objects.select_related("language")
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
