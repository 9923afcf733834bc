"""Marking a student's answers on the server.

`check(exercise, answers)` marks a whole exercise; `check_item(exercise, item, answer)` one item.
The answer shapes per kind are in /work/brief/exercise_format.md ("Answers"). An item result:

    {"item": 12, "status": "right" | "wrong" | "partial" | "pending",
     "points": 0.5, "max": 1.0,
     "parts": [{"given": "went", "right": True, "expected": "went", "warning": ""}, ...],
     "expected": "the whole item's correct answer as text (or "")"}

Every item is worth 1 point, split evenly between its parts (gaps, pairs, items to sort...).
"pending" items (free answers) wait for the teacher: 0 points until marked, and the attempt
`needs_review`. Empty answers are wrong, never errors. Answers of the wrong shape (wrong types,
unknown item ids, too many parts, strings that are too long) raise `BadAnswer`.

Typed answers are compared after `normalise` (Unicode NFC, whitespace collapsed, curly
apostrophes and quotes made straight) with the exercise's tolerance:
- exact: the same characters;
- ignore_case: the same up to case;
- accents: up to case, and an answer that only *lacks* accents ("ecole" for "école", "coeur"
  for "cœur") is right with the warning "missing accents"; a wrong accent ("écolè") is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from . import kinds, markup
from .models import Exercise, Item, Kind, Tolerance

MAX_STRING = 2000
MAX_ESSAY = 10000
MISSING_ACCENTS = "missing accents"

RIGHT = "right"
WRONG = "wrong"
PARTIAL = "partial"
PENDING = "pending"


def warning_text(warning: str) -> str:
    """The student-facing, translated text of a part's warning code ("" for none)."""
    if warning == MISSING_ACCENTS:
        return _("Right, but some accents are missing.")
    return ""


class BadAnswer(ValueError):
    """The answers are not in the shape the exercise expects; str(error) says what is wrong."""


@dataclass
class CheckResult:
    results: list[dict] = field(default_factory=list)
    points: float = 0.0
    max_points: float = 0.0
    score: int | None = None  # percent; None while items wait for the teacher
    needs_review: bool = False

    def as_dict(self) -> dict:
        return {
            "results": self.results,
            "points": self.points,
            "max_points": self.max_points,
            "score": self.score,
            "needs_review": self.needs_review,
        }


# --------------------------------------------------------------------------- comparing text

APOSTROPHES = str.maketrans(
    {
        "\u2019": "'",  # ’
        "\u2018": "'",  # ‘
        "\u02bc": "'",  # ʼ
        "\u2032": "'",  # ′
        "`": "'",
        "\u00b4": "'",  # ´
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u00a0": " ",
        "\u202f": " ",
    }
)
LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


def normalise(text: str) -> str:
    """NFC, straight apostrophes and quotes, whitespace collapsed and trimmed."""
    text = unicodedata.normalize("NFC", text).translate(APOSTROPHES)
    return re.sub(r"\s+", " ", text).strip()


def _graphemes(text: str) -> list[tuple[str, str]]:
    """(base character, its combining marks) pairs of the NFD form."""
    out: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out:
            base, marks = out[-1]
            out[-1] = (base, marks + ch)
        else:
            out.append((ch, ""))
    return out


def _unligature(text: str) -> str:
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    return text


def _accent_match(given: str, expected: str) -> str | None:
    """'' if equal, MISSING_ACCENTS if given only lacks accents or ligatures, None otherwise.

    Both are already normalised and case-folded."""
    if given == expected:
        return ""
    missing = False
    g_text, e_text = given, expected
    if _unligature(e_text) != e_text or _unligature(g_text) != g_text:
        if given.count("œ") < expected.count("œ") or given.count("æ") < expected.count("æ"):
            missing = True
        g_text, e_text = _unligature(g_text), _unligature(e_text)
    g, e = _graphemes(g_text), _graphemes(e_text)
    if len(g) != len(e):
        return None
    for (g_base, g_marks), (e_base, e_marks) in zip(g, e, strict=True):
        if g_base != e_base:
            return None
        if g_marks == e_marks:
            continue
        if g_marks:  # an accent the answer should not have, or a different one
            return None
        missing = True
    return MISSING_ACCENTS if missing else ""


def compare_typed(given: str, accepted: Iterable[str], tolerance: str) -> tuple[bool, str]:
    """Is a typed answer one of the accepted ones? Returns (right, warning)."""
    given_n = normalise(given)
    if not given_n:
        return False, ""
    warning_match = False
    for expected in accepted:
        expected_n = normalise(expected)
        if tolerance == Tolerance.EXACT:
            if given_n == expected_n:
                return True, ""
            continue
        g, e = given_n.casefold(), expected_n.casefold()
        if g == e:
            return True, ""
        if tolerance == Tolerance.ACCENTS:
            # casefold turns ß into ss and so on; compare the lower-cased forms for accents
            verdict = _accent_match(given_n.lower(), expected_n.lower())
            if verdict == "":
                return True, ""
            if verdict == MISSING_ACCENTS:
                warning_match = True
    if warning_match:
        return True, MISSING_ACCENTS
    return False, ""


def _same(given: str, expected: str) -> bool:
    """For chosen (not typed) values: equal after normalising."""
    return normalise(given) == normalise(expected)


# --------------------------------------------------------------------------- answer shapes


def _string(value: Any, what: str, limit: int = MAX_STRING) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadAnswer(_("%(what)s must be text.") % {"what": what})
    if len(value) > limit:
        raise BadAnswer(
            _("%(what)s is too long (at most %(limit)s characters).")
            % {"what": what, "limit": limit}
        )
    return value


def _index(value: Any, size: int, what: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadAnswer(_("%(what)s must be a number.") % {"what": what})
    if not 0 <= value < size:
        raise BadAnswer(_("%(what)s points to a choice that does not exist.") % {"what": what})
    return value


def _list(value: Any, size: int, what: str) -> list:
    """A list of at most `size` entries, padded with None to `size`."""
    if value is None:
        return [None] * size
    if not isinstance(value, list):
        raise BadAnswer(_("The answer to %(what)s must be a list.") % {"what": what})
    if len(value) > size:
        raise BadAnswer(
            _("The answer to %(what)s has %(given)s parts, but the item has only %(size)s.")
            % {"what": what, "given": len(value), "size": size}
        )
    return list(value) + [None] * (size - len(value))


def _result(item: Item, parts: list[dict], expected: str = "", *, points: float | None = None):
    if points is None:
        points = sum(1 for p in parts if p["right"]) / len(parts) if parts else 0.0
    points = round(max(0.0, min(1.0, points)), 4)
    status = RIGHT if points >= 1 else WRONG if points <= 0 else PARTIAL
    return {
        "item": item.pk,
        "status": status,
        "points": points,
        "max": 1.0,
        "parts": parts,
        "expected": expected,
    }


def _part(given: Any, right: bool, expected: str, warning: str = "") -> dict:
    return {"given": given, "right": right, "expected": expected, "warning": warning}


# --------------------------------------------------------------------------- checkers


def _check_single(exercise, item, data, answer, what):
    choices = data["choices"]
    if isinstance(answer, list):  # a one-element list from a form is fine
        if len(answer) > 1:
            raise BadAnswer(_("Choose only one answer for %(what)s.") % {"what": what})
        answer = answer[0] if answer else None
    index = _index(answer, len(choices), what)
    correct = data["correct"][0]
    expected = choices[correct]
    given = choices[index] if index is not None else ""
    return _result(item, [_part(given, index == correct, expected)], expected)


def _check_multiple(exercise, item, data, answer, what):
    choices = data["choices"]
    if answer is None:
        answer = []
    if not isinstance(answer, list):
        raise BadAnswer(_("The answer to %(what)s must be a list.") % {"what": what})
    if len(answer) > len(choices):
        raise BadAnswer(_("The answer to %(what)s has too many choices.") % {"what": what})
    picked = {_index(a, len(choices), what) for a in answer} - {None}
    correct = set(data["correct"])
    parts = [
        {
            **_part(
                choice if i in picked else "",
                (i in picked) == (i in correct),
                choice if i in correct else "",
            ),
            "choice": i,
            "selected": i in picked,
        }
        for i, choice in enumerate(choices)
    ]
    hits = len(picked & correct)
    false_picks = len(picked - correct)
    points = (hits - false_picks) / len(correct) if picked else 0.0
    expected = "; ".join(choices[i] for i in sorted(correct))
    return _result(item, parts, expected, points=points)


def _check_true_false(exercise, item, data, answer, what):
    if isinstance(answer, str) and answer in ("true", "false"):
        answer = answer == "true"
    if answer is not None and answer != "" and not isinstance(answer, bool):
        raise BadAnswer(_("The answer to %(what)s must be true or false.") % {"what": what})
    given = None if answer == "" else answer
    correct = data["correct"]
    label = _("true") if correct else _("false")
    given_label = "" if given is None else (_("true") if given else _("false"))
    return _result(item, [_part(given_label, given is correct, label)], label)


def _check_gaps(exercise, item, data, answer, what):
    kind = exercise.kind
    gaps = markup.gaps(data["text"])
    given = _list(answer, len(gaps), what)
    parts = []
    for gap, value in zip(gaps, given, strict=True):
        value = _string(value, _("Gap %(number)s") % {"number": gap.index + 1})
        if kind == Kind.GAP_FILL:
            right, warning = compare_typed(value, gap.texts, exercise.tolerance)
            expected = " / ".join(gap.texts)
        elif kind == Kind.GAP_SELECT:
            right = bool(value.strip()) and any(_same(value, o) for o in gap.starred)
            warning, expected = "", " / ".join(gap.starred)
        else:
            right = bool(value.strip()) and any(_same(value, o) for o in gap.texts)
            warning, expected = "", " / ".join(gap.texts)
        parts.append(_part(value, right, expected, warning))
    solution = markup.solution_text(data["text"], select=kind == Kind.GAP_SELECT)
    return _result(item, parts, solution)


def _check_matching(exercise, item, data, answer, what):
    pairs = data["pairs"]
    given = _list(answer, len(pairs), what)
    parts = []
    for (left, right), value in zip(pairs, given, strict=True):
        index = _index(value, len(pairs), what)
        chosen = pairs[index][1] if index is not None else ""
        ok = index is not None and _same(chosen, right)
        parts.append({**_part(chosen, ok, right), "left": left})
    expected = "; ".join(f"{left} — {right}" for left, right in pairs)
    return _result(item, parts, expected)


def _check_word_order(exercise, item, data, answer, what):
    answers = data["answers"]
    tiles = kinds.tiles(answers[0])
    if answer is None:
        answer = []
    if not isinstance(answer, list):
        raise BadAnswer(_("The answer to %(what)s must be a list.") % {"what": what})
    if len(answer) > len(tiles):
        raise BadAnswer(
            _("The answer to %(what)s has %(given)s words, but the item has only %(size)s.")
            % {"what": what, "given": len(answer), "size": len(tiles)}
        )
    words = [normalise(_string(w, what)) for w in answer]
    words = [w for w in words if w]
    sentence = " ".join(words)
    key = kinds.order_key(words)
    right = bool(words) and any(key == kinds.order_key(kinds.tiles(a)) for a in answers)
    expected = " / ".join(answers)
    return _result(item, [_part(sentence, right, expected)], expected)


def _check_categorise(exercise, item, data, answer, what):
    entries = kinds.flat_items(data)
    groups = data["groups"]
    given = _list(answer, len(entries), what)
    parts = []
    for (text, group), value in zip(entries, given, strict=True):
        index = _index(value, len(groups), what)
        chosen = groups[index]["name"] if index is not None else ""
        parts.append({**_part(chosen, index == group, groups[group]["name"]), "text": text})
    expected = "; ".join(f"{g['name']}: {', '.join(g['items'])}" for g in groups)
    return _result(item, parts, expected)


def _check_free(exercise, item, data, answer, what):
    mode = data.get("mode", "text")
    if answer is None or answer == "":
        answer = {}
    if isinstance(answer, str):
        answer = {"text": answer}
    if not isinstance(answer, dict) or set(answer) - {"text", "audio"}:
        raise BadAnswer(_("The answer to %(what)s must be a text or a recording.") % {"what": what})
    text = _string(answer.get("text"), what, MAX_ESSAY if mode == "essay" else MAX_STRING)
    audio = _string(answer.get("audio"), what, 500)
    if audio and (".." in audio or audio.startswith("/")):
        raise BadAnswer(_("The recording for %(what)s is not valid.") % {"what": what})
    given = audio if mode == "audio" else text.strip()
    if not given:
        return _result(item, [_part("", False, "")])
    result = _result(item, [_part(given, False, "")])
    result["status"] = PENDING
    return result


CHECKERS = {
    Kind.SINGLE_CHOICE: _check_single,
    Kind.MULTIPLE_CHOICE: _check_multiple,
    Kind.TRUE_FALSE: _check_true_false,
    Kind.GAP_FILL: _check_gaps,
    Kind.GAP_SELECT: _check_gaps,
    Kind.GAP_DRAG: _check_gaps,
    Kind.MATCHING: _check_matching,
    Kind.WORD_ORDER: _check_word_order,
    Kind.CATEGORISE: _check_categorise,
    Kind.FREE_ANSWER: _check_free,
}


def check_item(exercise: Exercise, item: Item, answer: Any) -> dict:
    """Mark one item's answer (see the module docstring). Raises BadAnswer.

    An item whose stored data does not validate is not counted: 0 out of 0 points (the
    student cannot be blamed for a broken item)."""
    what = _("item %(number)s") % {"number": item.position + 1}
    data = item.data
    if kinds.validate_item_data(exercise.kind, data):
        result = _result(item, [], "", points=0.0)
        result["max"] = 0.0
        return result
    return CHECKERS[exercise.kind](exercise, item, data, answer, what)


def _item_id(key: Any) -> int:
    if isinstance(key, bool):
        raise BadAnswer(_("Unknown item “%(key)s”.") % {"key": key})
    try:
        return int(key)
    except (TypeError, ValueError):
        raise BadAnswer(_("Unknown item “%(key)s”.") % {"key": key}) from None


def totals(results: list[dict]) -> tuple[float, float, int | None, bool]:
    """(points, max_points, score %, needs_review) of a list of item results."""
    points = round(sum(r["points"] for r in results), 4)
    max_points = round(sum(r["max"] for r in results), 4)
    needs_review = any(r["status"] == PENDING for r in results)
    score = None
    if not needs_review:
        score = int(100 * points / max_points + 0.5) if max_points else 0  # half up
    return points, max_points, score, needs_review


def check(exercise: Exercise, answers: Any, items: list[Item] | None = None) -> CheckResult:
    """Mark every item of an exercise; `answers` maps item ids (str or int) to answers.

    Items without an answer count as empty (wrong). Raises BadAnswer for answers that are not
    a dict, name an item that is not in the exercise, or have the wrong shape."""
    if not isinstance(answers, dict):
        raise BadAnswer(_("The answers must be an object mapping items to answers."))
    if items is None:
        items = list(exercise.items.all())
    by_id = {item.pk: item for item in items}
    given: dict[int, Any] = {}
    for key, value in answers.items():
        item_id = _item_id(key)
        if item_id not in by_id:
            raise BadAnswer(_("Unknown item “%(key)s”.") % {"key": key})
        given[item_id] = value
    results = [check_item(exercise, item, given.get(item.pk)) for item in items]
    points, max_points, score, needs_review = totals(results)
    return CheckResult(results, points, max_points, score, needs_review)


def clean_answers(answers: dict) -> dict:
    """The answers as stored: keys as strings."""
    return {str(k): v for k, v in answers.items()}
