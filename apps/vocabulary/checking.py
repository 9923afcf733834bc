"""Checking a typed answer or a chosen gender, and the grade that follows from it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.dictionary.models import Gender, fold

from .models import Rating

# Articles a student may leave out when typing the word ("maison" for "la maison").
ARTICLES = re.compile(r"^(?:(?:le|la|les|un|une|des|the|a|an|to)\s+|l['’]\s*)", re.IGNORECASE)


def without_article(text: str) -> str:
    """ "la maison" -> "maison", "l'arbre" -> "arbre"; the text itself when it has none."""
    stripped = ARTICLES.sub("", text.strip(), count=1)
    return stripped or text.strip()


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


@dataclass(frozen=True)
class Check:
    right: bool
    suggested: Rating
    note: str = ""

    @property
    def accents_only(self) -> bool:
        return self.right and self.suggested == Rating.HARD


def check_typed(answer: str, expected: str) -> Check:
    """Right, right but for accents (graded Hard), or wrong (Again).

    The article may be left out: "maison" answers "la maison".
    """
    given = _plain(answer)
    if not given:
        return Check(right=False, suggested=Rating.AGAIN, note=str(_("No answer was given.")))
    candidates = {_plain(expected), _plain(without_article(expected))}
    if given in candidates:
        return Check(right=True, suggested=Rating.GOOD)
    if fold(given) in {fold(candidate) for candidate in candidates}:
        return Check(
            right=True,
            suggested=Rating.HARD,
            note=str(_("Right, but check the accents.")),
        )
    return Check(right=False, suggested=Rating.AGAIN)


def check_gender(answer: str, gender: str) -> Check:
    """`answer` is "m" (le) or "f" (la)."""
    if answer not in (Gender.MASCULINE, Gender.FEMININE):
        return Check(right=False, suggested=Rating.AGAIN, note=str(_("No answer was given.")))
    if answer == gender:
        return Check(right=True, suggested=Rating.GOOD)
    return Check(right=False, suggested=Rating.AGAIN)
