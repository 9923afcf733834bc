"""The gap markup of gap_fill, gap_select and gap_drag texts.

    "I {have|'ve} been to Paris {twice}."          gap_fill: every alternative is accepted
    "She {*goes|go|going} to school."              gap_select: options marked * are correct
    "I {have} been to {Paris}."                    gap_drag: the answers go to the word bank

Each `{...}` is a gap; `|` separates its alternatives (options); a `*` in front of an option marks
it correct (drop-down gaps only). A backslash escapes the next special character: `\\{`, `\\}`,
`\\|`, `\\*`, `\\\\`. A backslash before any other character is kept as it is.

`parse(text)` turns the text into segments: plain strings and `Gap` objects, in order. It raises
`MarkupError` (with a translated message naming the gap) for text it cannot read: an unclosed or
stray brace, a gap inside a gap, an empty gap or an empty alternative. What each kind needs on
top (at least one * option, no * in typed gaps...) is checked in `kinds.validate_item_data`.

For showing a text to a student without its answers use `public_segments` (the player) or
`render_text` (a plain one-line preview with blanks).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

SPECIAL = "{}|*\\"
BLANK = "_____"


class MarkupError(ValueError):
    """The gap text cannot be read; str(error) is a message for the teacher."""


@dataclass(frozen=True)
class Option:
    text: str
    starred: bool = False


@dataclass(frozen=True)
class Gap:
    """One gap: its number (0-based) and its alternatives as written, in order."""

    index: int
    options: tuple[Option, ...]

    @property
    def texts(self) -> list[str]:
        """Every alternative, without the * marks."""
        return [o.text for o in self.options]

    @property
    def starred(self) -> list[str]:
        """The options marked * (the correct ones of a drop-down gap)."""
        return [o.text for o in self.options if o.starred]

    @property
    def has_star(self) -> bool:
        return any(o.starred for o in self.options)


Segment = str | Gap


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse(text: str) -> list[Segment]:
    """Split a gap text into plain strings and gaps. Raises MarkupError."""
    if not isinstance(text, str):
        raise MarkupError(_("The text must be a string."))
    # Segments are immutable (str, frozen Gap): the parses of the texts in use are kept, since
    # the player, the checker and the feedback each parse every item. Errors are not kept.
    return list(_parse(text))


@lru_cache(maxsize=2048)
def _parse(text: str) -> tuple[Segment, ...]:
    return tuple(_parse_uncached(text))


def _parse_uncached(text: str) -> list[Segment]:
    segments: list[Segment] = []
    plain: list[str] = []
    in_gap = False
    gap_opened_at = 0
    options: list[Option] = []
    current: list[str] = []
    starred = False
    at_option_start = True  # nothing but spaces seen in the current option yet
    i = 0
    n = len(text)

    gaps_done = 0

    def gap_number() -> int:
        return gaps_done + 1

    def close_option() -> None:
        nonlocal current, starred, at_option_start
        value = _collapse("".join(current))
        if not value:
            raise MarkupError(
                _("Gap %(number)s has an empty alternative.") % {"number": gap_number()}
            )
        options.append(Option(value, starred))
        current = []
        starred = False
        at_option_start = True

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in SPECIAL:
            literal = text[i + 1]
            if in_gap:
                current.append(literal)
                at_option_start = False
            else:
                plain.append(literal)
            i += 2
            continue
        if not in_gap:
            if ch == "{":
                in_gap = True
                gap_opened_at = i
                options, current, starred, at_option_start = [], [], False, True
            elif ch == "}":
                raise MarkupError(
                    _("There is a closing } without an opening { (near “%(near)s”).")
                    % {"near": _near(text, i)}
                )
            else:
                plain.append(ch)
            i += 1
            continue
        # inside a gap
        if ch == "{":
            raise MarkupError(
                _(
                    "Gap %(number)s has a { inside it; gaps cannot be nested (write \\{ for a brace)."
                )
                % {"number": gap_number()}
            )
        if ch == "|":
            close_option()
        elif ch == "}":
            if not options and not starred and not _collapse("".join(current)):
                raise MarkupError(_("Gap %(number)s is empty.") % {"number": gap_number()})
            close_option()
            if plain:
                segments.append("".join(plain))
                plain = []
            segments.append(Gap(gaps_done, tuple(options)))
            gaps_done += 1
            in_gap = False
        elif ch == "*" and at_option_start:
            starred = True
            at_option_start = False
        else:
            current.append(ch)
            if not ch.isspace():
                at_option_start = False
        i += 1
    if in_gap:
        raise MarkupError(
            _("Gap %(number)s is not closed: a { near “%(near)s” has no }.")
            % {"number": gap_number(), "near": _near(text, gap_opened_at)}
        )
    if plain:
        segments.append("".join(plain))
    return segments


def _near(text: str, position: int) -> str:
    start = max(0, position - 15)
    return _collapse(text[start : position + 15])


def gaps(text: str) -> list[Gap]:
    """The gaps of a text (raises MarkupError)."""
    return [s for s in parse(text) if isinstance(s, Gap)]


def gap_count(text: str) -> int:
    """How many gaps a text has; 0 for text that cannot be parsed."""
    try:
        return len(gaps(text))
    except MarkupError:
        return 0


def escape(value: str) -> str:
    """Escape a plain string so that it reads back as itself inside or outside a gap."""
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in value)


def build_gap(options: list[str], correct: list[str] | None = None) -> str:
    """The markup of one gap; options in `correct` get a * (used when building texts)."""
    correct = correct or []
    return "{" + "|".join(("*" if o in correct else "") + escape(o) for o in options) + "}"


def render_text(text: str, *, blank: str = BLANK, answers: list[str] | None = None) -> str:
    """The text as plain prose: each gap shown as `blank` (or, if `answers` is given, as the
    answer for that gap). Unreadable markup is returned as it is. Autoescaping is left to the
    template; the result is plain text."""
    try:
        segments = parse(text)
    except MarkupError:
        return text
    out: list[str] = []
    for segment in segments:
        if isinstance(segment, Gap):
            if answers is not None and segment.index < len(answers):
                out.append(answers[segment.index])
            else:
                out.append(blank)
        else:
            out.append(segment)
    return "".join(out)


def solution_text(text: str, *, select: bool = False) -> str:
    """The text with every gap filled in with its (first) correct answer."""
    try:
        segments = parse(text)
    except MarkupError:
        return text
    out: list[str] = []
    for segment in segments:
        if isinstance(segment, Gap):
            correct = segment.starred if select else segment.texts
            out.append(correct[0] if correct else segment.texts[0])
        else:
            out.append(segment)
    return "".join(out)


def public_segments(text: str, *, kind: str, seed: str | int = 0) -> list[dict]:
    """Segments the player can render without giving the answers away.

    Each entry is {"type": "text", "text": "..."} or
    {"type": "gap", "index": 0, "size": 8, "options": [...]}:
    - "size" is a width hint (characters) for an input: the longest alternative, at least 4;
    - "options" (gap_select only) are the gap's options, without * marks, shuffled with `seed`
      (stable: the same seed gives the same order); for other kinds it is an empty list.
    Unreadable markup yields one text segment with the raw text.
    """
    try:
        segments = parse(text)
    except MarkupError:
        return [{"type": "text", "text": text}]
    rng = random.Random(f"{seed}:gaps")
    out: list[dict] = []
    for segment in segments:
        if isinstance(segment, Gap):
            options: list[str] = []
            if kind == "gap_select":
                options = list(dict.fromkeys(segment.texts))
                rng.shuffle(options)
            out.append(
                {
                    "type": "gap",
                    "index": segment.index,
                    "size": max(4, *(len(t) for t in segment.texts)),
                    "options": options,
                }
            )
        else:
            out.append({"type": "text", "text": segment})
    return out
