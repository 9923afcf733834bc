"""How a headword is shown: French nouns with their article, so the gender cannot be missed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Entry, Gender, PartOfSpeech, Picture, fold

VOWELS = set("aeiou")
# Common words whose h is "aspiré": no elision, "le héros", "la honte".
H_ASPIRE = {
    "hache", "haie", "haine", "hall", "halte", "hamac", "hamburger", "hameau", "hamster",
    "hanche", "handicap", "hangar", "hanneton", "hareng", "haricot", "harpe", "hasard",
    "hate", "hausse", "haut", "hauteur", "havre", "heros", "heron", "herisson", "hetre",
    "hibou", "hierarchie", "hockey", "homard", "honte", "hoquet", "horde", "hors-d'oeuvre",
    "hotte", "houle", "housse", "houx", "hublot", "huit", "huitieme", "hurlement", "hutte",
}  # fmt: skip

GENDER_SHORT = {
    Gender.MASCULINE: pgettext_lazy("grammatical gender, short", "m."),
    Gender.FEMININE: pgettext_lazy("grammatical gender, short", "f."),
    Gender.NEUTER: pgettext_lazy("grammatical gender, short", "n."),
    Gender.BOTH: pgettext_lazy("grammatical gender, short", "m./f."),
}

FORM_LABELS = {
    "plural": _("plural"),
    "feminine": _("feminine"),
    "masculine_before_vowel": _("masculine before a vowel"),
    "past": _("past tense"),
    "past_participle": _("past participle"),
    "comparative": _("comparative"),
    "superlative": _("superlative"),
}


def elides(headword: str) -> bool:
    """True when French "le"/"la" become "l'" before the word (vowel or mute h)."""
    folded = fold(headword)
    if not folded:
        return False
    if folded[0] in VOWELS:
        return True
    return folded[0] == "h" and folded not in H_ASPIRE and folded.split()[0] not in H_ASPIRE


@dataclass(frozen=True)
class Headword:
    article: str  # "le", "la", "l'", "le/la" or ""
    text: str
    gender: str  # Gender value, "" when not shown
    gender_label: str  # "f.", "m." ... or ""
    gender_name: str  # "feminine" ...

    @property
    def css_class(self) -> str:
        return f"gender-{self.gender}" if self.gender else ""

    @property
    def elided(self) -> bool:
        return self.article == "l'"


def headword(entry: Entry) -> Headword:
    """The headword with its article for French nouns."""
    gender = entry.gender if entry.part_of_speech == PartOfSpeech.NOUN else ""
    article = ""
    if gender and entry.language.code == "fr":
        if elides(entry.headword) and gender in (Gender.MASCULINE, Gender.FEMININE, Gender.BOTH):
            article = "l'"
        elif gender == Gender.MASCULINE:
            article = "le"
        elif gender == Gender.FEMININE:
            article = "la"
        elif gender == Gender.BOTH:
            article = "le/la"
    return Headword(
        article=article,
        text=entry.headword,
        gender=gender,
        gender_label=str(GENDER_SHORT.get(gender, "")) if gender else "",
        gender_name=str(Gender(gender).label) if gender else "",
    )


def forms(entry: Entry) -> list[tuple[str, str]]:
    """(label, form) pairs for the entry's key forms, known ones first."""
    data = entry.forms if isinstance(entry.forms, dict) else {}
    known = [(str(label), data[key]) for key, label in FORM_LABELS.items() if data.get(key)]
    other = [
        (key.replace("_", " "), value) for key, value in data.items() if key not in FORM_LABELS
    ]
    return [(label, str(value)) for label, value in known + other if value]


def sense_groups(entry: Entry) -> list[dict]:
    """Each sense with its translations grouped by language, Russian first.

    Uses the prefetched senses and translations: no query of its own.
    """
    result = []
    for sense in entry.senses.all():
        groups: dict[str, dict] = {}
        for translation in sense.translations.all():
            group = groups.setdefault(
                translation.language.code, {"language": translation.language, "items": []}
            )
            group["items"].append(translation)
        ordered = sorted(groups.values(), key=lambda group: group["language"].code != "ru")
        result.append({"sense": sense, "groups": ordered})
    return result


DRAWN_EMOJI_SOURCE = "openmoji"  # importers/openmoji.py


def pictures(entry: Entry) -> tuple[Picture | None, list[Picture]]:
    """The entry's OpenMoji drawing, shown beside the headword in place of the font's emoji, and
    its other pictures (uploaded by teachers). Reads the prefetched pictures: no query."""
    drawing = None
    others = []
    for picture in entry.pictures.all():
        if drawing is None and picture.source and picture.source.slug == DRAWN_EMOJI_SOURCE:
            drawing = picture
        else:
            others.append(picture)
    return drawing, others
