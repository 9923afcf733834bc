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

After the vote come the editors' corrections (`CORRECTIONS`): the few nouns whose lexicon
data is wrong in a way the vote cannot outvote ("la sept" in Lexique), each with its reason.

The dictionary's vote is the entry's gender, so a second run votes on the first's results and
changes nothing. Senses of the other gender than the entry's carry a note ("féminin" on the
pound of "livre"). A note goes when it names the entry's own gender (after a change: "féminin"
on a sense of "aurore", which fra-rus gave as masculine), and when it comes from the old
FreeDict French-English while every source that knows the noun gives the entry's gender and
none allows the other: that dictionary has "la cahier" and "le année" beside "le cahier" and
"la année", about 150 wrong notes. Notes from fra-rus (WikDict) stay: Wiktionary has a separate
article for each gender, so its notes are real homonyms even where both lexicons know one
gender only ("la liquide", the consonant).

Plurals worth showing (not a plain "+s": chevaux, yeux, travaux, grands-pères) fill
`forms["plural"]` when it is empty. Entries get the "grammalecte" or "lexique" source when that
lexicon's vote or plural was used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from apps.dictionary.models import Entry, Gender, PartOfSpeech, Sense, Translation

from . import grammalecte, lexique
from .records import GENDER_NOTES
from .sources import credit, get_source

SINGLE = (Gender.MASCULINE, Gender.FEMININE)
# The dictionary whose notes may be wrong (see the module's docstring).
NOTES_CHECKED_FROM = "freedict-fra-eng"

CARDINALS = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
    "dix-neuf", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante-dix",
    "quatre-vingt", "quatre-vingts", "quatre-vingt-dix", "cent", "mille",
]  # fmt: skip
# Editors' corrections, applied after the vote: keep this list short, one reason for each.
CORRECTIONS: dict[str, str] = {
    # A cardinal number used as a noun is masculine ("le sept de cœur", "un quatre mal
    # écrit"; Grevisse, Le Bon Usage). Lexique 3 has "sept" and "quatre" as rare feminine
    # nouns; the dictionaries give them no gender, so Lexique's breaks the tie with
    # Grammalecte's "le sept", and fills "quatre", which Grammalecte does not know.
    **dict.fromkeys(CARDINALS, Gender.MASCULINE),
    # "un keuf", verlan of "flic" (Larousse and Wiktionary: masculine). Lexique has only
    # "la keuf", Grammalecte allows both, so the vote made it feminine.
    "keuf": Gender.MASCULINE,
    # "un malade, une malade", a patient. Lexique's singular row has no gender and its plural
    # row says feminine, so Lexique's "f" outvotes the "both" of the dictionary and Grammalecte.
    "malade": Gender.BOTH,
}


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
    genders: dict[int, str] = {}  # entry -> its single gender
    agreed: set[int] = set()  # entries whose gender every source that knows them gives
    now = timezone.now()
    for entry in entries:
        noun = lexicon.get(entry.headword)
        said = {
            "grammalecte": grammalecte_genders.get(entry.headword, ""),
            "lexique": noun.gender if noun else "",
        }
        old = entry.gender
        new = vote(old, said["grammalecte"], said["lexique"])
        if new != CORRECTIONS.get(entry.headword, new):
            new = CORRECTIONS[entry.headword]
            stats["editors"] += 1
        dirty = False
        if new != old:
            stats["corrected" if old else "filled"] += 1
            for slug, gender in said.items():
                if gender == new:
                    credits[slug].add(entry.pk)
            entry.gender, dirty = new, True
        elif not any(said.values()):
            stats["unknown"] += 1
        elif new in said.values():
            stats["confirmed"] += 1
        else:
            stats["either"] += 1
        if any(gender in SINGLE and gender != new for gender in said.values()):
            stats["disagreements"] += 1
        if new in SINGLE:
            genders[entry.pk] = new
            if all(gender in ("", new) for gender in said.values()):
                agreed.add(entry.pk)
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
        for slug, ids in credits.items():
            if ids:
                credit(get_source(slug), sorted(ids))
        stats["notes"] = _drop_notes(Sense.objects.filter(entry__in=nouns), genders, agreed)
    stats["read"] = len(entries)
    stats["updated"] = len(changed)
    log(
        f"fr-nouns: {len(entries)} French nouns checked; genders: {stats['filled']} filled, "
        f"{stats['corrected']} corrected, {stats['confirmed']} confirmed, {stats['either']} "
        f"either (both lexicons allow both), {stats['disagreements']} outvoted disagreements, "
        f"{stats['unknown']} unknown to the lexicons; {stats['editors']} editors' corrections "
        f"overruled the vote; {stats['notes']} gender notes removed; {stats['plurals']} plurals "
        f"from Lexique 3 (done)"
    )
    return stats


def _drop_notes(senses: QuerySet[Sense], genders: dict[int, str], agreed: set[int]) -> int:
    """Remove the wrong sense notes "féminin" and "masculin" (see the module's docstring).

    `genders` maps the entries checked to their gender when it is one, `agreed` holds those
    whose gender every source that knows them gives, none allowing the other.
    """
    labels = {label: gender for gender, label in GENDER_NOTES.items()}
    checked = Translation.objects.filter(sense=OuterRef("pk"), source__slug=NOTES_CHECKED_FROM)
    noted = (
        senses.filter(reduce(or_, (Q(note__startswith=label) for label in labels)))
        .annotate(checked=Exists(checked))
        .only("pk", "entry_id", "note")
    )
    dropped = []
    for sense in noted:
        label = sense.note.split(",", 1)[0]
        gender = genders.get(sense.entry_id)
        if label not in labels or gender is None:
            continue
        if labels[label] == gender or (sense.checked and sense.entry_id in agreed):
            sense.note = sense.note[len(label) :].lstrip(", ")
            dropped.append(sense)
    Sense.objects.bulk_update(dropped, ["note"], batch_size=1000)
    return len(dropped)
