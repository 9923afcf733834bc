"""The bundled sample dictionary: a few hundred common English and French words.

`sample/<language>.json` holds the sources (with licences) and the entries. Loading merges by
language, headword and part of speech, so it is safe to run again and it does not disturb what
the big importers added to the same entries: a sense is added only when the entry has no sense
with the same translations, an example only when the entry has no example with the same text.
Concrete nouns named like an emoji get it as their picture (importers/emoji_names.py) and
OpenMoji's drawing of it, from the few SVGs bundled in sample/openmoji (importers/openmoji.py);
an entry without IPA gets espeak-ng's when espeak-ng is installed (importers/espeak_ipa.py),
Russian translations of nouns without gender get pymorphy3's (importers/russian_gender.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from apps.projects.models import Language

from .importers import espeak_ipa, openmoji
from .importers.emoji_names import fill_emoji
from .importers.russian_gender import fill_russian_genders
from .importers.sources import credit
from .models import Entry, Example, Sense, Source, Translation, fold
from .selectors import dictionary_changed

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
# The OpenMoji pictures of the sample's nouns, with their emojibase names (see its README).
SAMPLE_OPENMOJI = SAMPLE_DIR / "openmoji"
ENTRY_FIELDS = ("gender", "ipa", "forms", "frequency", "level")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def sample_files() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.json"))


@transaction.atomic
def load_sample(*, paths: list[Path] | None = None) -> LoadResult:
    """Load the sample dictionary (or the given files); idempotent."""
    result = LoadResult()
    languages = {language.code: language for language in Language.objects.all()}
    headwords = set()
    nouns: dict[str, set[str]] = {}  # by language
    for path in paths or sample_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = [_source(item) for item in data.get("sources", [])]
        _load_entries(
            data["entries"],
            language=languages[data["language"]],
            languages=languages,
            sources=sources,
            result=result,
        )
        headwords |= {item["headword"] for item in data["entries"]}
        nouns.setdefault(data["language"], set()).update(
            item["headword"] for item in data["entries"] if item["part_of_speech"] == "noun"
        )
    # Pictures for the concrete nouns (emoji named like the word): the demo shows them too.
    fill_emoji(headwords=headwords, log=lambda line: None)
    # Their drawings, from the SVGs bundled for the sample's own nouns (each language apart, so
    # that the full import's pictures of other words stay).
    for code, words in nouns.items():
        openmoji.fill_openmoji(
            headwords=words, languages=[code], data_dir=SAMPLE_OPENMOJI, log=lambda line: None
        )
    fill_russian_genders(headwords=headwords, log=lambda line: None)
    if espeak_ipa.available():
        espeak_ipa.fill_ipa(headwords=headwords, log=lambda line: None)
    dictionary_changed()  # bulk writes send no signals: the kept searches are out of date
    return result


def write_openmoji_sample() -> list[str]:
    """Bundle the OpenMoji SVGs and emojibase names of the sample's nouns (from the installed
    npm packages) into sample/openmoji; run again after changing the sample or the packages."""
    nouns: dict[str, set[str]] = {}
    for path in sample_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        nouns.setdefault(data["language"], set()).update(
            item["headword"] for item in data["entries"] if item["part_of_speech"] == "noun"
        )
    return openmoji.write_subset(nouns, dest=SAMPLE_OPENMOJI)


def _source(item: dict) -> Source:
    source, _ = Source.objects.update_or_create(
        slug=item["slug"],
        defaults={
            "name": item["name"],
            "licence": item["licence"],
            "url": item.get("url", ""),
        },
    )
    return source


def _entry_values(item: dict) -> dict:
    return {
        "gender": item.get("gender", ""),
        "ipa": item.get("ipa", ""),
        "forms": item.get("forms", {}),
        "frequency": item.get("frequency", 0),
        "level": item.get("level", ""),
    }


def _load_entries(
    items: list[dict],
    *,
    language: Language,
    languages: dict[str, Language],
    sources: list[Source],
    result: LoadResult,
) -> None:
    """Merge the entries of one file, in a fixed number of queries (bulk inserts)."""
    existing = {
        (entry.headword, entry.part_of_speech): entry
        for entry in Entry.objects.filter(language=language).prefetch_related(
            "senses__translations", "examples"
        )
    }
    new_entries = []
    for item in items:
        key = (item["headword"], item["part_of_speech"])
        if key in existing:
            continue
        entry = Entry(
            language=language,
            headword=item["headword"],
            headword_folded=fold(item["headword"]),
            part_of_speech=item["part_of_speech"],
            **_entry_values(item),
        )
        entry._sample_new = True  # type: ignore[attr-defined]
        existing[key] = entry
        new_entries.append(entry)
    Entry.objects.bulk_create(new_entries)
    result.created += len(new_entries)

    main_source = sources[0] if sources else None
    planned_senses: list[tuple[Sense, list[tuple[int, str, str]]]] = []
    new_examples: list[Example] = []
    for item in items:
        entry = existing[(item["headword"], item["part_of_speech"])]
        is_new = getattr(entry, "_sample_new", False)
        changed = False if is_new else _fill_in(entry, _entry_values(item))
        have_senses = (
            []
            if is_new
            else [
                {(t.language_id, t.text) for t in sense.translations.all()}
                for sense in entry.senses.all()
            ]
        )
        position = len(have_senses)
        for sense_item in item.get("senses", []):
            wanted = [
                (languages[t["language"]].pk, t["text"], t.get("gender", ""))
                for t in sense_item.get("translations", [])
            ]
            texts = {(lang, text) for lang, text, _ in wanted}
            if any(texts <= have for have in have_senses):
                continue
            sense = Sense(
                entry=entry,
                position=position,
                definition=sense_item.get("definition", ""),
                note=sense_item.get("note", ""),
            )
            planned_senses.append((sense, wanted))
            have_senses.append(texts)
            position += 1
            changed = True
        have_examples = set() if is_new else {example.text for example in entry.examples.all()}
        for example in item.get("examples", []):
            if example["text"] in have_examples:
                continue
            new_examples.append(
                Example(
                    entry=entry,
                    text=example["text"],
                    translation=example.get("translation", ""),
                    source=main_source,
                )
            )
            have_examples.add(example["text"])
            changed = True
        if not is_new:
            if changed:
                result.updated += 1
            else:
                result.unchanged += 1

    Sense.objects.bulk_create([sense for sense, _ in planned_senses])
    Translation.objects.bulk_create(
        [
            Translation(
                sense=sense,
                language_id=lang,
                text=text,
                text_folded=fold(text),
                gender=gender,
                position=index,
                source=main_source,
            )
            for sense, wanted in planned_senses
            for index, (lang, text, gender) in enumerate(wanted)
        ]
    )
    Example.objects.bulk_create(new_examples)
    in_file = {existing[(item["headword"], item["part_of_speech"])].pk for item in items}
    for source in sources:
        credit(source, in_file)


def _fill_in(entry: Entry, values: dict) -> bool:
    """Fill in what the entry lacks; what is there (maybe corrected by hand) stays."""
    changed = [field for field in ENTRY_FIELDS if values[field] and not getattr(entry, field)]
    if values["frequency"] and entry.frequency != values["frequency"]:
        changed.append("frequency")
    changed = list(dict.fromkeys(changed))
    for field in changed:
        setattr(entry, field, values[field])
    if changed:
        entry.save(update_fields=[*changed, "updated_at"])
    return bool(changed)
