"""IPA where the dictionaries give none, generated offline by espeak-ng (`espeak-ng --ipa`).

One espeak-ng process per language and batch: read from standard input, espeak-ng answers
each line with one line of IPA. Punctuation would split a line into clauses (one output line
each), so a headword with anything but letters, spaces, hyphens and apostrophes is not sent
(an empty line is sent in its place, to keep the lines aligned), nor a long phrase. When
espeak-ng switches to another language's rules mid-word ("améthyste" read as English, marked
"(en)...(fr)"), the result is dropped: a French word with English sounds would mislead.

French IPA is written without stress marks, as in the French dictionaries (French has no
word stress); English and Russian keep espeak-ng's (before the stressed vowel).
Entries that got their IPA here carry the "ipa" source, shown with the entry's other sources.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Callable

from django.db import transaction

from apps.dictionary.models import Entry

from .sources import credit, get_source

VOICES = {"en": "en-gb", "fr": "fr-fr", "ru": "ru"}
MAX_LENGTH = 60  # characters; longer phrases are not worth a generated transcription
MAX_WORDS = 5
TIMEOUT = 600  # seconds for one batch (2,000 words take about 1.5 s)
NOT_A_WORD = re.compile(r"[^\w\s'-]|[\d_]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
LANGUAGE_SWITCH = re.compile(r"\([a-z]{2,3}(?:-[a-z0-9]+)*\)")


def available() -> bool:
    return shutil.which("espeak-ng") is not None


def espeak_line(headword: str, code: str) -> str:
    """The headword as one line for espeak-ng, or "" when it should not be transcribed."""
    text = " ".join(headword.replace("\u2019", "'").split())
    if not text or len(text) > MAX_LENGTH or len(text.split()) > MAX_WORDS:
        return ""
    if NOT_A_WORD.search(text) or not any(char.isalpha() for char in text):
        return ""
    # Another script's word ("сущ." among Mueller's English headwords) is not the voice's.
    wrong_script = LATIN if code == "ru" else CYRILLIC
    return "" if wrong_script.search(text) else text


def tidy(ipa: str, code: str) -> str:
    """espeak-ng's line as the entry's IPA: "" if it switched language; spaces normalised."""
    if LANGUAGE_SWITCH.search(ipa):
        return ""
    ipa = " ".join(part.rstrip("-") for part in ipa.split())  # "də- tˈɛʁ": a liaison mark
    if code == "fr":
        ipa = ipa.replace("\u02c8", "").replace("\u02cc", "")
    return ipa[:200]


def _run(lines: list[str], voice: str) -> list[str]:
    result = subprocess.run(
        ["espeak-ng", "-q", "--ipa", "-v", voice],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    output = result.stdout.split("\n")
    if output and output[-1] == "":
        output.pop()
    return output


def transcribe(headwords: list[str], code: str) -> list[str]:
    """IPA for each headword in the language `code` ("" where there is none), in one process."""
    lines = [espeak_line(headword, code) for headword in headwords]
    if not any(lines):
        return [""] * len(lines)
    voice = VOICES[code]
    output = _run(lines, voice)
    if len(output) != len(lines):
        # Not seen with the lines espeak_line lets through; if it happens, one word at a time.
        output = [_run([line], voice)[0] if line else "" for line in lines]
    return [tidy(ipa, code) if line else "" for line, ipa in zip(lines, output, strict=True)]


def fill_ipa(
    *,
    limit: int | None = None,
    headwords: set[str] | None = None,
    batch_size: int = 2000,
    log: Callable[[str], None] = print,
) -> Counter[str]:
    """Entry.ipa from espeak-ng for entries without one; never overwrites, so idempotent."""
    stats: Counter[str] = Counter()
    started = time.monotonic()
    source = None
    for code in VOICES:
        queryset = Entry.objects.filter(language__code=code).order_by("pk")
        if headwords:
            queryset = queryset.filter(headword__in=headwords)
        if limit is not None:  # the first N entries, so that a second run has the same N
            queryset = queryset.filter(pk__in=list(queryset.values_list("pk", flat=True)[:limit]))
        entries = list(queryset.filter(ipa="").only("pk", "headword", "ipa"))
        filled = 0
        for start in range(0, len(entries), batch_size):
            chunk = entries[start : start + batch_size]
            changed = []
            for entry, ipa in zip(
                chunk, transcribe([e.headword for e in chunk], code), strict=True
            ):
                if ipa:
                    entry.ipa = ipa
                    changed.append(entry)
            if changed:
                source = source or get_source("ipa")
                with transaction.atomic():
                    Entry.objects.bulk_update(changed, ["ipa"], batch_size=1000)
                    credit(source, [e.pk for e in changed])
            filled += len(changed)
            if len(entries) > batch_size:
                log(f"ipa: {code}: {start + len(chunk)}/{len(entries)} entries")
        stats["read"] += len(entries)
        stats["updated"] += filled
        if entries:
            log(f"ipa: {code}: {len(entries)} entries without IPA, {filled} filled by espeak-ng")
    elapsed = time.monotonic() - started
    log(
        f"ipa: {stats['read']} entries checked, {stats['updated']} filled in {elapsed:.1f} s (done)"
    )
    return stats
