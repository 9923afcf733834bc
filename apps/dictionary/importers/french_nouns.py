"""Genders of French nouns checked by a vote of the dictionaries, Grammalecte and Lexique 3, and
plurals from Lexique 3.

Each of the three says "m", "f", "mf" (both: nouns like élève, and the nouns whose gender
changes their meaning, le/la livre, le/la tour) or nothing. The vote:

- A gender given by more sources than the other wins: the old FreeDict French-English has
  "le revue" and "la récit", which Grammalecte and Lexique correct; the dictionary and Lexique
  keep "la marine" (the navy), which Grammalecte's lexicon only has as "un marine" (a soldier).
- "mf" contradicts neither gender: a dictionary that gives "le livre" (with its feminine
  sense "pound" noted "féminin") or "la page" keeps it although both lexicons allow both, and
  so does "l'enfant" (m). A noun no source gives one gender gets "mf" ("l'élève", m./f.).
- One against one: Lexique decides, and without a Lexique gender Grammalecte does ("le la",
  the note, against the dictionary's "la la"; Lexique allows both). But when the dictionary
  and Lexique disagree and Grammalecte allows both, the dictionary's stays: the word has both
  genders and the dictionary's matches its translations ("l'automatique" f, control theory;
  "le turquoise", the colour).

The dictionary's vote is the entry's gender, so a second run votes on the first's results and
changes nothing. When a gender changes, a sense note that named the new gender as the other
one ("féminin" on a sense of "aurore", which fra-rus gave as masculine) goes. Plurals worth
showing (not a plain "+s": chevaux, yeux, travaux, grands-pères) fill `forms["plural"]` when it
is empty. Entries get the "grammalecte" or "lexique" source when that lexicon's vote or plural
was used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from apps.dictionary.models import Entry, Gender, PartOfSpeech, Sense

from . import grammalecte, lexique
from .records import GENDER_NOTES
from .sources import get_source

SINGLE = (Gender.MASCULINE, Gender.FEMININE)


def available() -> bool:
    return grammalecte.available() or lexique.available()


def vote(dictionary: str, grammalecte_says: str, lexique_says: str) -> str:
    """The gender of a French noun from the three sources' "m", "f", "mf" or ""."""
    votes = (dictionary, grammalecte_says, lexique_says)
    single = Counter(v for v in votes if v in SINGLE)
    if not single:
        return dictionary or (Gender.BOTH if Gender.BOTH in votes else "")
    if len(single) == 1 or single["m"] != single["f"]:
        return single.most_common(1)[0][0]
    if grammalecte_says == Gender.BOTH:
        return dictionary
    if lexique_says in SINGLE:
        return lexique_says
    return grammalecte_says


def fill_french_nouns(
    *,
    limit: int | None = None,
    headwords: set[str] | None = None,
    log: Callable[[str], None] = print,
) -> Counter[str]:
    nouns = Entry.objects.filter(language__code="fr", part_of_speech=PartOfSpeech.NOUN)
    if headwords:
        nouns = nouns.filter(headword__in=headwords)
    entries = list(nouns.only("pk", "headword", "gender", "forms").order_by("pk")[:limit])
    words = sorted({entry.headword for entry in entries})
    if grammalecte.available():
        grammalecte_genders = grammalecte.noun_genders(words)
    else:
        grammalecte_genders = {}
        log("fr-nouns: Grammalecte not installed (python3-grammalecte), voting without it")
    lexicon = lexique.nouns(words)

    stats: Counter[str] = Counter()
    changed: list[Entry] = []
    credits: dict[str, set[int]] = {"grammalecte": set(), "lexique": set()}
    regendered: dict[str, list[int]] = {Gender.MASCULINE: [], Gender.FEMININE: []}
    now = timezone.now()
    for entry in entries:
        noun = lexicon.get(entry.headword)
        said = {
            "grammalecte": grammalecte_genders.get(entry.headword, ""),
            "lexique": noun.gender if noun else "",
        }
        old = entry.gender
        new = vote(old, said["grammalecte"], said["lexique"])
        dirty = False
        if new != old:
            stats["corrected" if old else "filled"] += 1
            for slug, gender in said.items():
                if gender == new:
                    credits[slug].add(entry.pk)
            if old in SINGLE and new in SINGLE:
                regendered[new].append(entry.pk)
            entry.gender, dirty = new, True
        elif not any(said.values()):
            stats["unknown"] += 1
        elif new in said.values():
            stats["confirmed"] += 1
        else:
            stats["either"] += 1
        if any(gender in SINGLE and gender != new for gender in said.values()):
            stats["disagreements"] += 1
        forms = entry.forms if isinstance(entry.forms, dict) else {}
        if (
            noun
            and "plural" not in forms
            and lexique.plural_worth_showing(entry.headword, noun.plural)
        ):
            entry.forms, dirty = {**forms, "plural": noun.plural}, True
            credits["lexique"].add(entry.pk)
            stats["plurals"] += 1
        if dirty:
            entry.updated_at = now
            changed.append(entry)

    with transaction.atomic():
        Entry.objects.bulk_update(changed, ["gender", "forms", "updated_at"], batch_size=1000)
        through = Entry.sources.through
        for slug, ids in credits.items():
            if ids:
                source = get_source(slug)
                through.objects.bulk_create(
                    [through(entry_id=pk, source_id=source.pk) for pk in sorted(ids)],
                    ignore_conflicts=True,
                )
        stats["notes"] = _drop_notes(regendered)
    stats["read"] = len(entries)
    stats["updated"] = len(changed)
    log(
        f"fr-nouns: {len(entries)} French nouns checked; genders: {stats['filled']} filled, "
        f"{stats['corrected']} corrected, {stats['confirmed']} confirmed, {stats['either']} "
        f"either (both lexicons allow both), {stats['disagreements']} outvoted disagreements, "
        f"{stats['unknown']} unknown to the lexicons; {stats['plurals']} plurals from "
        f"Lexique 3 (done)"
    )
    return stats


def _drop_notes(regendered: dict[str, list[int]]) -> int:
    """Remove "féminin" from the senses of entries that became feminine, and so on."""
    senses = []
    for gender, entry_ids in regendered.items():
        label = GENDER_NOTES[gender]
        for sense in Sense.objects.filter(entry_id__in=entry_ids, note__startswith=label).only(
            "pk", "note"
        ):
            if sense.note == label or sense.note.startswith(f"{label}, "):
                sense.note = sense.note[len(label) :].lstrip(", ")
                senses.append(sense)
    Sense.objects.bulk_update(senses, ["note"], batch_size=1000)
    return len(senses)
