"""What an item of each exercise kind holds, how it is validated and what a student may see.

The shapes of `Item.data` are described in /work/brief/exercise_format.md (and below, per kind):

- single_choice:   {"question", "choices": [str], "correct": [index]}   exactly one index
- multiple_choice: {"question", "choices": [str], "correct": [index, ...]}   one or more
- true_false:      {"statement", "correct": bool}
- gap_fill:        {"text": "I {have|'ve} been {twice}."}             see markup.py
- gap_select:      {"text": "She {*goes|go|going} to school."}
- gap_drag:        {"text": "I {have} been to {Paris}.", "distractors": [str]}
- matching:        {"pairs": [[left, right], ...]}                     two or more
- word_order:      {"answers": ["I have never been.", "Never have I been."]}  (see tile_key)
- categorise:      {"groups": [{"name", "items": [str]}, ...]}         two or more
- free_answer:     {"prompt", "mode": "text" | "essay" | "audio"}    marked by the teacher

Public API:
- `validate_item_data(kind, data) -> list[str]`: translated messages, empty when the data is fine.
- `public_item_view(item) -> dict`: what the player may show before checking (no answers;
  shuffled with a seed stable per item, so a reload keeps the order).
- `part_count(kind, data)`, `item_summary(kind, data)`, `tiles(sentence)`, `KINDS` (metadata),
  `example_data(kind)` (a starting point for the builder).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import markup
from .models import Item, Kind

MAX_TEXT = 5000  # a question, statement, gap text or prompt
MAX_SHORT = 500  # a choice, a pair side, a tile sentence, a category item
MAX_CHOICES = 12
MAX_GAPS = 50
MAX_PAIRS = 20
MAX_GROUPS = 8
MAX_GROUP_ITEMS = 40
MAX_ANSWERS = 10
MAX_TILES = 40
FREE_MODES = ("text", "essay", "audio")


@dataclass(frozen=True)
class KindInfo:
    kind: str
    typed: bool  # students type: the exercise's tolerance applies
    auto: bool  # checked by the server (False: the teacher marks it)
    parts_label: Any  # what a part is called ("gaps", "pairs"...), lazy


KINDS: dict[str, KindInfo] = {
    Kind.SINGLE_CHOICE: KindInfo(Kind.SINGLE_CHOICE, False, True, gettext_lazy("choices")),
    Kind.MULTIPLE_CHOICE: KindInfo(Kind.MULTIPLE_CHOICE, False, True, gettext_lazy("choices")),
    Kind.TRUE_FALSE: KindInfo(Kind.TRUE_FALSE, False, True, gettext_lazy("statements")),
    Kind.GAP_FILL: KindInfo(Kind.GAP_FILL, True, True, gettext_lazy("gaps")),
    Kind.GAP_SELECT: KindInfo(Kind.GAP_SELECT, False, True, gettext_lazy("gaps")),
    Kind.GAP_DRAG: KindInfo(Kind.GAP_DRAG, False, True, gettext_lazy("gaps")),
    Kind.MATCHING: KindInfo(Kind.MATCHING, False, True, gettext_lazy("pairs")),
    Kind.WORD_ORDER: KindInfo(Kind.WORD_ORDER, False, True, gettext_lazy("words")),
    Kind.CATEGORISE: KindInfo(Kind.CATEGORISE, False, True, gettext_lazy("items to sort")),
    Kind.FREE_ANSWER: KindInfo(Kind.FREE_ANSWER, True, False, gettext_lazy("answers")),
}

GAP_KINDS = (Kind.GAP_FILL, Kind.GAP_SELECT, Kind.GAP_DRAG)

ALLOWED_KEYS: dict[str, set[str]] = {
    Kind.SINGLE_CHOICE: {"question", "choices", "correct"},
    Kind.MULTIPLE_CHOICE: {"question", "choices", "correct"},
    Kind.TRUE_FALSE: {"statement", "correct"},
    Kind.GAP_FILL: {"text"},
    Kind.GAP_SELECT: {"text"},
    Kind.GAP_DRAG: {"text", "distractors"},
    Kind.MATCHING: {"pairs"},
    Kind.WORD_ORDER: {"answers"},
    Kind.CATEGORISE: {"groups"},
    Kind.FREE_ANSWER: {"prompt", "mode"},
}


def tiles(sentence: str) -> list[str]:
    """The word tiles of a sentence: split on spaces, punctuation stays on its word."""
    return sentence.split()


def tile_key(tile: str) -> str:
    """How word_order compares tiles: NFC, case-insensitive, without a sentence-final
    . ! ? … on the tile. So "Never have I been." and "I have never been." use the same tiles
    ("Never"/"never", "been."/"been"), and the order alone decides."""
    return unicodedata.normalize("NFC", tile).casefold().rstrip(".!?…")


def order_key(words: list[str]) -> tuple[str, ...]:
    return tuple(tile_key(w) for w in words)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- validation


def validate_item_data(kind: str, data: Any) -> list[str]:
    """Everything wrong with an item's data, as messages for the teacher; [] when it is fine."""
    if kind not in KINDS:
        return [_("Unknown exercise type “%(kind)s”.") % {"kind": kind}]
    if not isinstance(data, dict):
        return [_("The item's content must be a JSON object.")]
    errors = [
        _("Unexpected field “%(field)s”.") % {"field": key}
        for key in data
        if key not in ALLOWED_KEYS[kind]
    ]
    errors += VALIDATORS[kind](data)
    return errors


def _check_text(value: Any, missing: str, limit: int = MAX_TEXT) -> list[str]:
    if not _is_text(value):
        return [missing]
    if len(value) > limit:
        return [_("The text is too long (at most %(limit)s characters).") % {"limit": limit}]
    return []


def _validate_choices(data: dict, *, single: bool) -> list[str]:
    errors = _check_text(data.get("question"), _("Write the question."))
    choices = data.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        return [*errors, _("Give at least two choices.")]
    if len(choices) > MAX_CHOICES:
        errors.append(_("Give at most %(limit)s choices.") % {"limit": MAX_CHOICES})
    seen: dict[str, int] = {}
    for number, choice in enumerate(choices, 1):
        if not _is_text(choice):
            errors.append(_("Choice %(number)s is empty.") % {"number": number})
            continue
        if len(choice) > MAX_SHORT:
            errors.append(_("Choice %(number)s is too long.") % {"number": number})
        key = choice.strip()
        if key in seen:
            errors.append(
                _("Choice %(number)s repeats choice %(other)s.")
                % {"number": number, "other": seen[key]}
            )
        seen.setdefault(key, number)
    correct = data.get("correct")
    if not isinstance(correct, list) or not all(_is_index(i) for i in correct):
        errors.append(_("Mark at least one option as correct."))
        return errors
    if any(i < 0 or i >= len(choices) for i in correct):
        errors.append(_("A correct answer points to a choice that does not exist."))
    elif len(set(correct)) != len(correct):
        errors.append(_("A choice is marked as correct twice."))
    elif not correct:
        errors.append(_("Mark at least one option as correct."))
    elif single and len(correct) > 1:
        errors.append(_("Mark exactly one option as correct."))
    return errors


def _validate_single(data: dict) -> list[str]:
    return _validate_choices(data, single=True)


def _validate_multiple(data: dict) -> list[str]:
    return _validate_choices(data, single=False)


def _validate_true_false(data: dict) -> list[str]:
    errors = _check_text(data.get("statement"), _("Write the statement."))
    if not isinstance(data.get("correct"), bool):
        errors.append(_("Say whether the statement is true or false."))
    return errors


def _validate_gap_text(data: dict, kind: str) -> tuple[list[str], list[markup.Gap]]:
    text = data.get("text")
    errors = _check_text(
        text, _("Write the text with the gaps in curly braces, e.g. I {have} been.")
    )
    if errors:
        return errors, []
    try:
        found = markup.gaps(text)
    except markup.MarkupError as error:
        return [str(error)], []
    if not found:
        return [_("Add at least one gap: put the answer in curly braces, e.g. {went}.")], []
    if len(found) > MAX_GAPS:
        errors.append(_("Use at most %(limit)s gaps.") % {"limit": MAX_GAPS})
    for gap in found:
        number = gap.index + 1
        if any(len(t) > MAX_SHORT for t in gap.texts):
            errors.append(_("Gap %(number)s is too long.") % {"number": number})
        if kind == Kind.GAP_SELECT:
            if len(set(gap.texts)) < 2:
                errors.append(
                    _("Gap %(number)s needs at least two options to choose from.")
                    % {"number": number}
                )
            if not gap.has_star:
                errors.append(
                    _("Gap %(number)s: mark at least one option as correct with *.")
                    % {"number": number}
                )
        elif gap.has_star:
            errors.append(
                _("Gap %(number)s: the * mark is only for drop-down gaps (write \\* for a star).")
                % {"number": number}
            )
    return errors, found


def _validate_gap_fill(data: dict) -> list[str]:
    return _validate_gap_text(data, Kind.GAP_FILL)[0]


def _validate_gap_select(data: dict) -> list[str]:
    return _validate_gap_text(data, Kind.GAP_SELECT)[0]


def _validate_gap_drag(data: dict) -> list[str]:
    errors, _found = _validate_gap_text(data, Kind.GAP_DRAG)
    distractors = data.get("distractors", [])
    if not isinstance(distractors, list):
        errors.append(_("The extra words must be a list."))
        return errors
    if len(distractors) > MAX_GAPS:
        errors.append(_("Give at most %(limit)s extra words.") % {"limit": MAX_GAPS})
    for number, word in enumerate(distractors, 1):
        if not _is_text(word):
            errors.append(_("Extra word %(number)s is empty.") % {"number": number})
        elif len(word) > MAX_SHORT:
            errors.append(_("Extra word %(number)s is too long.") % {"number": number})
    return errors


def _validate_matching(data: dict) -> list[str]:
    pairs = data.get("pairs")
    if not isinstance(pairs, list) or len(pairs) < 2:
        return [_("Give at least two pairs.")]
    errors: list[str] = []
    if len(pairs) > MAX_PAIRS:
        errors.append(_("Give at most %(limit)s pairs.") % {"limit": MAX_PAIRS})
    lefts: dict[str, int] = {}
    for number, pair in enumerate(pairs, 1):
        if not isinstance(pair, list) or len(pair) != 2:
            errors.append(
                _("Pair %(number)s must have a left and a right side.") % {"number": number}
            )
            continue
        left, right = pair
        if not _is_text(left) or not _is_text(right):
            errors.append(_("Pair %(number)s has an empty side.") % {"number": number})
            continue
        if len(left) > MAX_SHORT or len(right) > MAX_SHORT:
            errors.append(_("Pair %(number)s is too long.") % {"number": number})
        key = left.strip()
        if key in lefts:
            errors.append(
                _("Pair %(number)s repeats the left side of pair %(other)s.")
                % {"number": number, "other": lefts[key]}
            )
        lefts.setdefault(key, number)
    return errors


def _validate_word_order(data: dict) -> list[str]:
    answers = data.get("answers")
    if not isinstance(answers, list) or not answers:
        return [_("Write the sentence in the right order.")]
    errors: list[str] = []
    if len(answers) > MAX_ANSWERS:
        errors.append(_("Give at most %(limit)s correct orders.") % {"limit": MAX_ANSWERS})
    first: list[str] | None = None
    seen: dict[str, int] = {}
    for number, answer in enumerate(answers, 1):
        if not _is_text(answer):
            errors.append(_("Answer %(number)s is empty.") % {"number": number})
            continue
        if len(answer) > MAX_SHORT:
            errors.append(_("Answer %(number)s is too long.") % {"number": number})
            continue
        words = tiles(answer)
        key = " ".join(words)
        if key in seen:
            errors.append(
                _("Answer %(number)s repeats answer %(other)s.")
                % {"number": number, "other": seen[key]}
            )
        seen.setdefault(key, number)
        if first is None:
            first = words
            if len(words) < 2:
                errors.append(_("The sentence needs at least two words to put in order."))
            elif len(words) > MAX_TILES:
                errors.append(_("Use at most %(limit)s words.") % {"limit": MAX_TILES})
        elif sorted(order_key(words)) != sorted(order_key(first)):
            errors.append(
                _("Answer %(number)s must use exactly the same words as answer 1.")
                % {"number": number}
            )
    return errors


def _validate_categorise(data: dict) -> list[str]:
    groups = data.get("groups")
    if not isinstance(groups, list) or len(groups) < 2:
        return [_("Give at least two groups.")]
    errors: list[str] = []
    if len(groups) > MAX_GROUPS:
        errors.append(_("Give at most %(limit)s groups.") % {"limit": MAX_GROUPS})
    names: set[str] = set()
    items_seen: set[str] = set()
    total = 0
    for number, group in enumerate(groups, 1):
        if not isinstance(group, dict) or set(group) - {"name", "items"}:
            errors.append(_("Group %(number)s must have a name and items.") % {"number": number})
            continue
        name = group.get("name")
        if not _is_text(name):
            errors.append(_("Group %(number)s has no name.") % {"number": number})
        elif name.strip() in names:
            errors.append(_("Two groups are called “%(name)s”.") % {"name": name.strip()})
        else:
            names.add(name.strip())
        items = group.get("items")
        if not isinstance(items, list):
            errors.append(_("Group %(number)s must have a list of items.") % {"number": number})
            continue
        for entry in items:
            if not _is_text(entry):
                errors.append(_("Group %(number)s has an empty item.") % {"number": number})
                continue
            if len(entry) > MAX_SHORT:
                errors.append(
                    _("Group %(number)s has an item that is too long.") % {"number": number}
                )
            key = entry.strip()
            if key in items_seen:
                errors.append(
                    _("“%(item)s” appears more than once; every item must be unique.")
                    % {"item": key}
                )
            items_seen.add(key)
            total += 1
    if total < 2 and not errors:
        errors.append(_("Give at least two items to sort."))
    if total > MAX_GROUP_ITEMS:
        errors.append(_("Give at most %(limit)s items to sort.") % {"limit": MAX_GROUP_ITEMS})
    return errors


def _validate_free(data: dict) -> list[str]:
    errors = _check_text(data.get("prompt"), _("Write the task for the student."))
    if data.get("mode", "text") not in FREE_MODES:
        errors.append(_("Choose how the student answers: text, essay or audio."))
    return errors


VALIDATORS = {
    Kind.SINGLE_CHOICE: _validate_single,
    Kind.MULTIPLE_CHOICE: _validate_multiple,
    Kind.TRUE_FALSE: _validate_true_false,
    Kind.GAP_FILL: _validate_gap_fill,
    Kind.GAP_SELECT: _validate_gap_select,
    Kind.GAP_DRAG: _validate_gap_drag,
    Kind.MATCHING: _validate_matching,
    Kind.WORD_ORDER: _validate_word_order,
    Kind.CATEGORISE: _validate_categorise,
    Kind.FREE_ANSWER: _validate_free,
}


# --------------------------------------------------------------------------- metadata


def part_count(kind: str, data: dict) -> int:
    """How many answers an item takes: gaps, pairs, tiles, items to sort; 1 otherwise."""
    try:
        if kind in GAP_KINDS:
            return markup.gap_count(data["text"])
        if kind == Kind.MATCHING:
            return len(data["pairs"])
        if kind == Kind.WORD_ORDER:
            return len(tiles(data["answers"][0]))
        if kind == Kind.CATEGORISE:
            return sum(len(g["items"]) for g in data["groups"])
        if kind == Kind.MULTIPLE_CHOICE:
            return len(data["choices"])
    except (KeyError, IndexError, TypeError, AttributeError):
        return 0
    return 1


def gap_count(data: dict) -> int:
    return markup.gap_count(data.get("text", "")) if isinstance(data, dict) else 0


def flat_items(data: dict) -> list[tuple[str, int]]:
    """categorise: every item with its group index, group 0's items first (the answer order)."""
    return [
        (entry, g)
        for g, group in enumerate(data.get("groups", []))
        for entry in group.get("items", [])
    ]


def word_bank(data: dict) -> list[str]:
    """gap_drag: each gap's first answer, then the extra words (stored order, not shuffled)."""
    try:
        answers = [gap.texts[0] for gap in markup.gaps(data.get("text", ""))]
    except markup.MarkupError:
        answers = []
    return answers + [d for d in data.get("distractors", []) if isinstance(d, str)]


def item_summary(kind: str, data: dict, limit: int = 120) -> str:
    """A one-line plain-text preview of an item that gives no answer away."""
    if not isinstance(data, dict):
        return ""
    if kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        text = data.get("question", "")
    elif kind == Kind.TRUE_FALSE:
        text = data.get("statement", "")
    elif kind in GAP_KINDS:
        text = markup.render_text(data.get("text", ""))
    elif kind == Kind.MATCHING:
        text = ", ".join(str(p[0]) for p in data.get("pairs", []) if isinstance(p, list) and p)
    elif kind == Kind.WORD_ORDER:
        answers = data.get("answers") or [""]
        text = " / ".join(sorted(tiles(str(answers[0])), key=str.casefold))
    elif kind == Kind.CATEGORISE:
        text = ", ".join(str(g.get("name", "")) for g in data.get("groups", []))
    else:
        text = data.get("prompt", "")
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def example_data(kind: str) -> dict:
    """A small valid item of a kind, for a new item in the builder."""
    return {
        Kind.SINGLE_CHOICE: {"question": "", "choices": ["", ""], "correct": [0]},
        Kind.MULTIPLE_CHOICE: {"question": "", "choices": ["", "", ""], "correct": [0]},
        Kind.TRUE_FALSE: {"statement": "", "correct": True},
        Kind.GAP_FILL: {"text": ""},
        Kind.GAP_SELECT: {"text": ""},
        Kind.GAP_DRAG: {"text": "", "distractors": []},
        Kind.MATCHING: {"pairs": [["", ""], ["", ""]]},
        Kind.WORD_ORDER: {"answers": [""]},
        Kind.CATEGORISE: {"groups": [{"name": "", "items": []}, {"name": "", "items": []}]},
        Kind.FREE_ANSWER: {"prompt": "", "mode": "text"},
    }[kind]


# --------------------------------------------------------------------------- the player's view


def _rng(item: Item, salt: str) -> random.Random:
    """A generator seeded by the item: the same item always shuffles the same way."""
    return random.Random(f"vv:{item.pk}:{item.exercise_id}:{salt}")


def _shuffle(item: Item, salt: str, values: list, avoid: list | None = None) -> list:
    """Shuffle `values` stably per item; try not to leave it in the `avoid` order."""
    rng = _rng(item, salt)
    out = list(values)
    for _attempt in range(8):
        rng.shuffle(out)
        if avoid is None or out != avoid or len(set(map(repr, values))) < 2:
            break
    return out


def _file_url(field) -> str:
    try:
        return field.url if field else ""
    except ValueError:
        return ""


def public_item_view(item: Item) -> dict:
    """What the player may show before checking: the item without its answers.

    Always: {"id", "kind", "position", "audio" (url or ""), "image" (url or "")}, plus per kind:
    - single_choice / multiple_choice: "question", "choices": [{"index", "text"}] shuffled
      (index = position in the stored list, which is what the answer sends back);
    - true_false: "statement";
    - gap_*: "segments" (see markup.public_segments; gap_select options shuffled per gap),
      "gap_count"; gap_drag also "bank": the words to drag, shuffled (duplicates kept);
    - matching: "left": [str] in stored order, "right": [{"index", "text"}] shuffled;
    - word_order: "tiles": [str] shuffled (never in a correct order when that can be avoided);
    - categorise: "groups": [{"index", "name"}], "items": [{"index", "text"}] shuffled
      (index = position in the flattened stored order);
    - free_answer: "prompt", "mode".
    Data that does not validate yields what can be read; the player should not crash on it.
    """
    data = item.data if isinstance(item.data, dict) else {}
    kind = item.exercise.kind
    view: dict = {
        "id": item.pk,
        "kind": kind,
        "position": item.position,
        "audio": _file_url(item.audio),
        "image": _file_url(item.image),
    }
    if kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        choices = [{"index": i, "text": c} for i, c in enumerate(data.get("choices", []))]
        view["question"] = data.get("question", "")
        view["choices"] = _shuffle(item, "choices", choices)
    elif kind == Kind.TRUE_FALSE:
        view["statement"] = data.get("statement", "")
    elif kind in GAP_KINDS:
        text = data.get("text", "")
        view["segments"] = markup.public_segments(text, kind=kind, seed=f"{item.pk}")
        view["gap_count"] = markup.gap_count(text)
        if kind == Kind.GAP_DRAG:
            bank = word_bank(data)
            view["bank"] = _shuffle(item, "bank", bank, avoid=bank)
    elif kind == Kind.MATCHING:
        pairs = [p for p in data.get("pairs", []) if isinstance(p, list) and len(p) == 2]
        right = [{"index": i, "text": p[1]} for i, p in enumerate(pairs)]
        view["left"] = [p[0] for p in pairs]
        view["right"] = _shuffle(item, "right", right, avoid=right)
    elif kind == Kind.WORD_ORDER:
        answers = [a for a in data.get("answers", []) if isinstance(a, str)]
        words = tiles(answers[0]) if answers else []
        shuffled = words
        rng = _rng(item, "tiles")
        correct = {order_key(tiles(a)) for a in answers}
        for _attempt in range(12):
            shuffled = list(words)
            rng.shuffle(shuffled)
            if order_key(shuffled) not in correct:
                break
        view["tiles"] = shuffled
    elif kind == Kind.CATEGORISE:
        groups = [g for g in data.get("groups", []) if isinstance(g, dict)]
        view["groups"] = [{"index": i, "name": g.get("name", "")} for i, g in enumerate(groups)]
        entries = [{"index": i, "text": t} for i, (t, _g) in enumerate(flat_items(data))]
        view["items"] = _shuffle(item, "items", entries, avoid=entries)
    elif kind == Kind.FREE_ANSWER:
        view["prompt"] = data.get("prompt", "")
        view["mode"] = data.get("mode", "text")
    return view
