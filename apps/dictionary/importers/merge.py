"""Batch upsert of parsed records: one Entry per (language, headword, part of speech).

Every batch runs in its own transaction with a fixed number of queries: look up the batch's
existing entries, senses, translations and examples, then bulk-create what is new and
bulk-update what changed. Translations are de-duplicated per entry and language, examples per
entry, senses by definition; IPA, gender and forms are only filled when empty. Running the same
import twice therefore writes nothing the second time, and an interrupted import continues where
it stopped (finished batches are committed and are only read again).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from apps.dictionary.models import Entry, Example, Sense, Source, Translation, fold
from apps.projects.models import Language

from .records import GENDER_NOTES, ParsedEntry, collapse
from .sources import credit


class Merger:
    def __init__(
        self,
        *,
        source: Source,
        language: Language,
        target: Language | None,
        create: bool = True,
        batch_size: int = 2000,
        label: str = "",
        log: Callable[[str], None] | None = None,
        collapse_homographs: bool = True,
        articles=None,
    ):
        self.source = source
        self.language = language
        self.target = target
        self.create = create
        self.batch_size = batch_size
        self.label = label or source.slug
        self.log = log or (lambda line: None)
        self.collapse_homographs = collapse_homographs
        self.articles = articles  # has .done and .total: the progress line shows a percentage
        self.stats: Counter[str] = Counter()
        self.pending: list[ParsedEntry] = []
        self.started = time.monotonic()

    def add_all(self, records: Iterable[ParsedEntry]) -> Counter[str]:
        for record in records:
            self.add(record)
        self.finish()
        return self.stats

    def add(self, record: ParsedEntry) -> None:
        if not record.headword or len(record.headword) > 200:
            self.stats["skipped"] += 1
            return
        # Homographs are adjacent (dictd indexes are sorted): flush only between headwords.
        if len(self.pending) >= self.batch_size and self.pending[-1].headword != record.headword:
            self.flush()
        self.pending.append(record)

    def finish(self) -> None:
        self.flush(report=False)
        self.progress(final=True)

    def progress(self, final: bool = False) -> None:
        elapsed = max(time.monotonic() - self.started, 0.001)
        s = self.stats
        done = ""
        if self.articles is not None and self.articles.total:
            a = self.articles
            done = f"{a.done}/{a.total} articles ({100 * a.done // a.total}%), "
        self.log(
            f"{self.label}: {done}{s['read']} read, {s['created']} new entries, "
            f"{s['updated']} updated, "
            f"{s['senses']} senses, {s['translations']} translations, {s['examples']} examples, "
            f"{s['read'] / elapsed:.0f} records/s{' (done)' if final else ''}"
        )

    def flush(self, report: bool = True) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        self.stats["read"] += len(batch)
        target_code = self.target.code if self.target else self.language.code
        records = collapse(batch, target_code) if self.collapse_homographs else batch
        with transaction.atomic():
            self._write(records)
        if report:
            self.progress()

    def _write(self, records: list[ParsedEntry]) -> None:
        entries = self._upsert_entries(records)
        records = [r for r in records if r.key in entries]
        if not records:
            return
        ids = [entries[r.key].pk for r in records]
        credit(self.source, ids)
        definitions: dict[int, dict[str, Sense]] = defaultdict(dict)
        next_position: dict[int, int] = defaultdict(int)
        for pk, entry_id, position, definition in (
            Sense.objects.filter(entry_id__in=ids)
            .order_by()
            .values_list("pk", "entry_id", "position", "definition")
        ):
            if definition:
                definitions[entry_id][fold(definition)] = Sense(pk=pk, entry_id=entry_id)
            next_position[entry_id] = max(next_position[entry_id], position + 1)
        seen_translations = set(
            Translation.objects.filter(sense__entry_id__in=ids)
            .order_by()
            .values_list("sense__entry_id", "language_id", "text_folded")
        )
        seen_examples = {
            (entry_id, fold(text))
            for entry_id, text in Example.objects.filter(entry_id__in=ids)
            .order_by()
            .values_list("entry_id", "text")
        }
        new_senses: list[Sense] = []
        new_translations: list[Translation] = []
        new_examples: list[Example] = []
        target_id = self.target.pk if self.target else None
        for record in records:
            entry = entries[record.key]
            for parsed in record.senses:
                translations = []
                if target_id:
                    for text in parsed.translations:
                        key = (entry.pk, target_id, fold(text))
                        if key not in seen_translations and len(text) <= 300:
                            seen_translations.add(key)
                            translations.append(text)
                examples = []
                for text, translation in parsed.examples:
                    key = (entry.pk, fold(text))
                    if key not in seen_examples and text:
                        seen_examples.add(key)
                        examples.append((text, translation))
                definition_key = fold(parsed.definition) if parsed.definition else ""
                sense: Sense | None = None
                if definition_key and definition_key in definitions[entry.pk]:
                    sense = definitions[entry.pk][definition_key]
                elif translations or definition_key:
                    note = parsed.note
                    if parsed.gender and entry.gender and parsed.gender != entry.gender:
                        note = ", ".join(filter(None, [GENDER_NOTES.get(parsed.gender), note]))
                    sense = Sense(
                        entry_id=entry.pk,
                        position=min(next_position[entry.pk], 32767),
                        definition=parsed.definition,
                        note=note[:200],
                    )
                    next_position[entry.pk] += 1
                    if definition_key:
                        definitions[entry.pk][definition_key] = sense
                    new_senses.append(sense)
                for position, text in enumerate(translations):
                    if sense is None:
                        break
                    new_translations.append(
                        Translation(
                            sense=sense,
                            language_id=target_id,
                            text=text,
                            text_folded=fold(text),
                            position=position,
                            source=self.source,
                        )
                    )
                for text, translation in examples:
                    new_examples.append(
                        Example(
                            entry_id=entry.pk,
                            sense=sense,
                            text=text,
                            translation=translation,
                            source=self.source,
                        )
                    )
        Sense.objects.bulk_create(new_senses, batch_size=1000)
        Translation.objects.bulk_create(new_translations, batch_size=1000)
        Example.objects.bulk_create(new_examples, batch_size=1000)
        self.stats["senses"] += len(new_senses)
        self.stats["translations"] += len(new_translations)
        self.stats["examples"] += len(new_examples)

    def _upsert_entries(self, records: list[ParsedEntry]) -> dict[tuple[str, str], Entry]:
        headwords = {record.headword for record in records}
        entries = {
            (entry.headword, entry.part_of_speech): entry
            for entry in Entry.objects.filter(language=self.language, headword__in=headwords)
            .order_by()
            .only("pk", "headword", "part_of_speech", "gender", "ipa", "forms")
        }
        changed, created = [], []
        now = timezone.now()
        for record in records:
            entry = entries.get(record.key)
            if entry is None:
                if not self.create:
                    continue
                entry = Entry(
                    language=self.language,
                    headword=record.headword,
                    headword_folded=fold(record.headword),
                    part_of_speech=record.part_of_speech,
                    gender=record.gender,
                    ipa=record.ipa[:200],
                    forms=record.forms,
                )
                created.append(entry)
                entries[record.key] = entry
                continue
            dirty = False
            if record.gender and not entry.gender:
                entry.gender, dirty = record.gender, True
            if record.ipa and not entry.ipa:
                entry.ipa, dirty = record.ipa[:200], True
            missing = {k: v for k, v in record.forms.items() if k not in (entry.forms or {})}
            if missing:
                entry.forms, dirty = {**(entry.forms or {}), **missing}, True
            if dirty:
                entry.updated_at = now
                changed.append(entry)
        Entry.objects.bulk_create(created, batch_size=1000)
        if any(entry.pk is None for entry in created):  # databases that return no ids
            fresh = Entry.objects.filter(
                language=self.language, headword__in={e.headword for e in created}
            )
            for entry in fresh:
                entries[(entry.headword, entry.part_of_speech)] = entry
        if changed:
            Entry.objects.bulk_update(changed, ["gender", "ipa", "forms", "updated_at"], 1000)
        self.stats["created"] += len(created)
        self.stats["updated"] += len(changed)
        return entries
