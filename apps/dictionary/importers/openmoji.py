"""Pictures for concrete words, drawn: OpenMoji's colour SVGs (CC BY-SA 4.0) for the published
nouns whose headword is an emoji's name in emojibase-data (CLDR names in English, French,
Russian...).

Both are npm packages, pinned in data/openmoji/package-lock.json and installed as plain files
(no JavaScript runs): `npm ci --prefix data/openmoji --ignore-scripts --no-audit --no-fund`.

The matching is emoji_names.py's: exact names only, normalised the same way, with the same
exclusions (flags, keycaps, skin tones, people and gestures, faces, zodiac signs) and the same
rule for capitalised headwords. Each emoji's SVG is copied once into the default storage
(dictionary/openmoji/1F3E0.svg); every entry with that emoji has a Picture pointing to that file,
with the OpenMoji attribution and the "openmoji" source. The import manages only the pictures of
that source: pictures teachers uploaded are never touched. Entry.emoji stays as it is: search
results show it in a line of text, where an image per row would cost a request each.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F

from apps.dictionary.models import Entry, PartOfSpeech, Picture

from . import emoji_names
from .emoji_names import LANGUAGES, normalise
from .sources import credit, get_source

DATA_DIR = Path(settings.BASE_DIR) / "data" / "openmoji" / "node_modules"
INSTALL = "npm ci --prefix data/openmoji --ignore-scripts --no-audit --no-fund"
STORAGE_DIR = "dictionary/openmoji"
ATTRIBUTION = "OpenMoji — CC BY-SA 4.0"
SLUG = "openmoji"
COMPONENT = 2  # emojibase's group of skin tones and hair styles: parts, not emoji


@dataclass(frozen=True)
class Emoji:
    hexcode: str  # "1F3E0": the name of OpenMoji's file
    label: str  # as emojibase writes it: "house", "Christmas tree"


def _svg_dir(data_dir: Path) -> Path:
    return data_dir / "openmoji" / "color" / "svg"


def _data_file(data_dir: Path, code: str) -> Path:
    return data_dir / "emojibase-data" / code / "data.json"


def _dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir else DATA_DIR


def available(data_dir: Path | str | None = None) -> bool:
    data_dir = _dir(data_dir)
    return _svg_dir(data_dir).is_dir() and _data_file(data_dir, "en").is_file()


def missing_message(data_dir: Path | str | None = None) -> str:
    data_dir = _dir(data_dir)
    npm = "" if shutil.which("npm") else " (npm is not installed: install Node.js's npm first)"
    return f"openmoji: {data_dir} not found; run `{INSTALL}`{npm}, or `make dictionary`"


def char(hexcode: str) -> str:
    """ "1F469-200D-1F3EB" -> "👩‍🏫"."""
    return "".join(chr(int(part, 16)) for part in hexcode.split("-"))


def file_name(hexcode: str) -> str:
    return f"{STORAGE_DIR}/{hexcode}.svg"


@cache
def _read(data_dir: Path, code: str) -> list[dict]:
    path = _data_file(data_dir, code)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


@cache
def labels(code: str, data_dir: Path) -> dict[str, Emoji]:
    """Normalised emojibase label in the language -> emoji with an OpenMoji SVG; people, flags
    and faces left out as emoji_names.py leaves them out, and components ("bald", 🦲).

    Two emoji with one label: the shorter sequence, then the first in code point order.
    """
    if code not in LANGUAGES:
        return {}
    english = {item["hexcode"]: item["label"] for item in _read(data_dir, "en")}
    # Emoji that come in skin tones, by the emoji package and by emojibase (which may be newer).
    people = emoji_names.people() | {
        char(item["hexcode"]).replace(emoji_names.VS16, "")
        for item in _read(data_dir, "en")
        if item.get("skins")
    }
    svgs = {path.stem for path in _svg_dir(data_dir).glob("*.svg")}
    by_label: dict[str, Emoji] = {}
    for item in _read(data_dir, code):
        hexcode, label = item["hexcode"], item["label"]
        if hexcode not in svgs or item.get("group") == COMPONENT:
            continue
        if emoji_names.excluded(char(hexcode), normalise(english.get(hexcode, label)), people):
            continue
        name = normalise(label)
        best = by_label.get(name)
        if emoji_names.preferred(char(hexcode), char(best.hexcode) if best else None):
            by_label[name] = Emoji(hexcode=hexcode, label=label)
    return by_label


def match(headword: str, code: str, data_dir: Path | str | None = None) -> str:
    """The hexcode of OpenMoji's picture for a noun in the language `code`, or ""."""
    found = labels(code, _dir(data_dir)).get(normalise(headword))
    if found is None or not emoji_names.fits(headword, found.label):
        return ""
    return found.hexcode


def store_files(hexcodes: Collection[str], data_dir: Path | str | None = None) -> int:
    """Copy each emoji's SVG into the default storage once; a file whose content changed (a new
    OpenMoji release) is replaced under the same name. Returns how many were written."""
    written = 0
    for hexcode in sorted(hexcodes):
        name = file_name(hexcode)
        data = (_svg_dir(_dir(data_dir)) / f"{hexcode}.svg").read_bytes()
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                if stored.read() == data:
                    continue
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # another process wrote it meanwhile: keep one copy
            default_storage.delete(saved)
        written += 1
    return written


def _remove_unused_files() -> int:
    """Delete the stored SVGs no picture points to any more."""
    try:
        _dirs, files = default_storage.listdir(STORAGE_DIR)
    except FileNotFoundError:
        return 0
    used = set(
        Picture.objects.filter(file__startswith=f"{STORAGE_DIR}/").values_list("file", flat=True)
    )
    unused = [f"{STORAGE_DIR}/{name}" for name in files if f"{STORAGE_DIR}/{name}" not in used]
    for name in unused:
        default_storage.delete(name)
    return len(unused)


def fill_openmoji(
    *,
    limit: int | None = None,
    headwords: Collection[str] | None = None,
    languages: Collection[str] = LANGUAGES,
    data_dir: Path | str | None = None,
    log: Callable[[str], None] = print,
) -> Counter[str]:
    """A Picture from OpenMoji for each noun whose headword is an emoji's name; idempotent.

    Only this source's pictures are created, changed or removed (an entry that no longer
    matches loses its OpenMoji picture); pictures uploaded by teachers stay as they are.
    `languages` and `headwords` choose the entries checked: the bundled sample's data
    (`data_dir`) knows only its own words.
    """
    data_dir = _dir(data_dir)
    stats: Counter[str] = Counter()
    # Published entries only: a word waiting for moderation may be withdrawn, files and all.
    nouns = Entry.objects.filter(
        language__code__in=[code for code in languages if code in LANGUAGES],
        part_of_speech=PartOfSpeech.NOUN,
        status=Entry.Status.PUBLISHED,
    )
    if headwords:
        nouns = nouns.filter(headword__in=headwords)
    entries = list(
        nouns.annotate(code=F("language__code")).only("pk", "headword").order_by("pk")[:limit]
    )
    wanted: dict[int, str] = {}
    for entry in entries:
        hexcode = match(entry.headword, entry.code, data_dir)
        if hexcode:
            wanted[entry.pk] = hexcode
    checked = {entry.pk for entry in entries}
    source = get_source(SLUG)
    # This source's pictures (a few thousand at most), of the entries checked.
    have: dict[int, list[Picture]] = {}
    for picture in (
        Picture.objects.filter(source=source)
        .only("pk", "entry_id", "file", "attribution")
        .order_by("pk")
    ):
        if picture.entry_id in checked:
            have.setdefault(picture.entry_id, []).append(picture)
    written = store_files(set(wanted.values()), data_dir)
    new, changed, stale = _plan(checked, wanted, have, source)
    with transaction.atomic():
        Picture.objects.bulk_create(new, batch_size=1000)
        Picture.objects.bulk_update(changed, ["file", "attribution"], batch_size=1000)
        Picture.objects.filter(pk__in=[picture.pk for picture in stale]).delete()
        credit(source, wanted)
        through = Entry.sources.through
        linked = set(through.objects.filter(source=source).values_list("entry_id", flat=True))
        unlinked = sorted((linked & checked) - set(wanted))
        through.objects.filter(source=source, entry_id__in=unlinked).delete()
    removed_files = _remove_unused_files() if stale else 0
    stats.update(
        read=len(entries),
        matched=len(wanted),
        created=len(new),
        updated=len(changed),
        removed=len(stale),
        files=written,
        files_removed=removed_files,
    )
    log(
        f"openmoji: {len(entries)} nouns checked, {len(wanted)} with a picture, "
        f"{len(new)} pictures added, {len(changed)} changed, {len(stale)} removed, "
        f"{written} files written (done)"
    )
    return stats


def _plan(
    checked: set[int],
    wanted: Mapping[int, str],
    have: Mapping[int, list[Picture]],
    source,
) -> tuple[list[Picture], list[Picture], list[Picture]]:
    """Pictures to create, to change and to delete so that each checked entry has exactly the
    OpenMoji picture it matches, or none."""
    new, changed, stale = [], [], []
    for pk in sorted(checked):
        pictures = have.get(pk, [])
        hexcode = wanted.get(pk)
        if hexcode is None:
            stale.extend(pictures)
            continue
        stale.extend(pictures[1:])
        name = file_name(hexcode)
        if not pictures:
            new.append(Picture(entry_id=pk, file=name, attribution=ATTRIBUTION, source=source))
            continue
        picture = pictures[0]
        if picture.file.name != name or picture.attribution != ATTRIBUTION:
            picture.file = name
            picture.attribution = ATTRIBUTION
            changed.append(picture)
    return new, changed, stale


def write_subset(
    headwords: Mapping[str, Collection[str]], *, dest: Path, data_dir: Path | str | None = None
) -> list[str]:
    """Copy into `dest`, in the packages' layout, what these nouns (by language) need: their
    emoji's entries of each language's data.json and their SVGs, with the licences. This is
    how the bundled sample (apps/dictionary/sample/openmoji) is made. Returns the hexcodes."""
    data_dir = _dir(data_dir)
    hexcodes = sorted(
        {
            hexcode
            for code, words in headwords.items()
            for word in words
            if (hexcode := match(word, code, data_dir))
        }
    )
    for package in ("emojibase-data", "openmoji"):
        shutil.rmtree(dest / package, ignore_errors=True)
    for code in sorted(headwords):
        items = [item for item in _read(data_dir, code) if item["hexcode"] in hexcodes]
        path = _data_file(dest, code)
        path.parent.mkdir(parents=True)
        path.write_text(
            "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]\n",
            encoding="utf-8",
        )
    _svg_dir(dest).mkdir(parents=True)
    for hexcode in hexcodes:
        shutil.copyfile(_svg_dir(data_dir) / f"{hexcode}.svg", _svg_dir(dest) / f"{hexcode}.svg")
    shutil.copyfile(data_dir / "emojibase-data" / "LICENSE", dest / "emojibase-data" / "LICENSE")
    shutil.copyfile(data_dir / "openmoji" / "LICENSE.txt", dest / "openmoji" / "LICENSE.txt")
    return hexcodes
