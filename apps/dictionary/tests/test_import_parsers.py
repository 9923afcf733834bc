"""Parsers of the dictionary import on tiny copies of the real Debian files (fixtures_import/)."""

from __future__ import annotations

import gzip
from pathlib import Path

from apps.dictionary.importers import dictd, freedict, mueller, wordnet
from apps.dictionary.importers.records import collapse, split_top_level
from apps.dictionary.importers.run import level_for

FIXTURES = Path(__file__).parent / "fixtures_import"


def records(name: str):
    return [freedict.parse_article(text) for text in dictd.read_entries(FIXTURES, name)]


def test_dictd_reader_skips_the_database_headers_and_reads_each_article_once():
    articles = list(dictd.read_entries(FIXTURES, "freedict-fra-rus"))

    assert not any("00-database" in article for article in articles)
    assert sum(article.startswith("livre ") for article in articles) == 2
    assert len(list(dictd.read_entries(FIXTURES, "freedict-fra-rus", limit=3))) == 3
    assert dictd.decode_number("BF") == 69


def test_freedict_article_gives_ipa_gender_senses_and_french_definitions():
    maison = next(r for r in records("freedict-fra-rus") if r.headword == "maison" and r.gender)

    assert maison.part_of_speech == "noun"
    assert maison.gender == "f"
    assert maison.ipa == "me.zɔ̃"
    assert [s.translations for s in maison.senses] == [["дом"], ["предприятие"]]
    assert maison.senses[0].definition.startswith("Bâtiment servant de logis")
    assert "Lignée, famille" in maison.senses[0].definition


def test_freedict_tags_map_to_parts_of_speech_and_genders():
    assert freedict.parse_tags("n, masc") == ("noun", "m")
    assert freedict.parse_tags("pn, fem") == ("noun", "f")
    assert freedict.parse_tags("masc") == ("noun", "m")  # first names
    assert freedict.parse_tags("adj, masc") == ("adjective", "")
    assert freedict.parse_tags("vt") == ("verb", "")
    assert freedict.parse_tags("") == ("other", "")


def test_homographs_get_the_gender_of_the_commoner_meaning():
    livres = [r for r in records("freedict-fra-rus") if r.headword == "livre"]
    assert {r.gender for r in livres} == {"m", "f"}

    (livre,) = collapse(livres, "ru")

    assert livre.gender == "m"  # le livre (книга), not la livre (фунт)
    assert {s.gender for s in livre.senses} == {"m", "f"}


def test_eng_fra_articles_have_numbered_senses_without_part_of_speech():
    book = next(r for r in records("freedict-eng-fra") if r.headword == "book")

    assert book.part_of_speech == "other"
    assert [s.translations for s in book.senses] == [
        ["livre"],
        ["commander", "demander", "retenir"],
    ]


def test_mueller_article_splits_parts_of_speech_translations_and_examples():
    text = next(t for t in dictd.read_entries(FIXTURES, "mueller7") if t.startswith("house\n"))

    noun, verb = mueller.parse_article(text)

    assert (noun.headword, noun.part_of_speech, noun.ipa) == ("house", "noun", "haʊs")
    assert (verb.part_of_speech, verb.ipa) == ("verb", "haʊz")
    assert noun.senses[0].translations == ["дом", "жилище", "здание"]
    assert ("to keep house", "вести хозяйство") in noun.senses[1].examples
    assert verb.senses[0].translations == ["предоставлять жилище", "обеспечивать жильём"]
    assert any(s.note == "мор." for s in noun.senses)


def test_mueller_forms_labels_and_inline_senses():
    articles = {t.split("\n", 1)[0]: t for t in dictd.read_entries(FIXTURES, "mueller7")}

    good = mueller.parse_article(articles["good"])[0]
    assert good.part_of_speech == "adjective"
    assert good.forms == {"comparative": "better", "superlative": "best"}
    (zoology,) = mueller.parse_article(articles["zoology"])
    assert (zoology.ipa, zoology.senses[0].translations) == ("zəʊˈɒlədʒɪ", ["зоология"])
    abandon_noun = mueller.parse_article(articles["abandon"])[1]
    assert abandon_noun.senses[0].note == "книж."
    assert mueller.parse_article(articles["mice"]) == []  # "_pl. от mouse": only a pointer
    assert mueller.to_ipa("ɜ↗bændɜn") == "əˈbændən"
    assert mueller.to_ipa("wɜ:d") == "wɜːd"


def test_mueller_lettered_sub_senses_stay_with_their_english_phrase():
    (three_numeral, *_) = mueller.parse_article(
        next(t for t in dictd.read_entries(FIXTURES, "mueller7") if t.startswith("three\n"))
    )

    assert three_numeral.part_of_speech == "numeral"
    assert three_numeral.senses[0].translations == ["три"]
    assert three_numeral.senses[0].examples == [
        ("three times three", "а) трижды три; б) девятикратное ура")
    ]


def test_wordnet_gloss_and_entries():
    definition, examples = wordnet.parse_gloss(
        'draw air into, and expel out of, the lungs; "I can breathe better"; "The patient is respiring"'
    )
    assert definition == "draw air into, and expel out of, the lungs"
    assert examples == ["I can breathe better", "The patient is respiring"]

    found = list(wordnet.read_entries(FIXTURES / "wordnet", wanted={("book", "noun")}))

    assert [(e.headword, e.part_of_speech) for e in found] == [("book", "noun")]
    assert found[0].senses[0].definition.startswith("a written work or composition")
    assert len(found[0].senses) <= wordnet.MAX_SENSES


def test_split_top_level_ignores_separators_in_brackets():
    assert split_top_level("дом (в городе, в деревне), жилище", ",") == [
        "дом (в городе, в деревне)",
        "жилище",
    ]


def test_levels_from_zipf_frequency():
    assert [level_for(z) for z in (7, 5.5, 5.2, 4.7, 4.2, 3.7, 2.0, 0)] == [
        "A1",
        "A1",
        "A2",
        "B1",
        "B2",
        "C1",
        "C2",
        "",
    ]


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 64)
        digits = B64[digit] + digits
        if number == 0:
            return digits


def write_dictd(directory: Path, name: str, articles: list[tuple[str, str]]) -> None:
    """A dictd database as dictfmt writes it: gzip'd articles, an index of base64 offsets."""
    data, index = b"00-database-info\nmade by the test\n", []
    index.append(f"00-database-info\t{b64(0)}\t{b64(len(data))}")
    for headword, text in articles:
        encoded = text.encode()
        index.append(f"{headword}\t{b64(len(data))}\t{b64(len(encoded))}")
        data += encoded
    (directory / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(directory / f"{name}.dict.dz", "wb") as handle:
        handle.write(data)


FREEDICT_EDGE_CASES = [
    # several senses, glosses over two lines, two IPA variants, gender marker
    (
        "fin",
        "fin /fɛ̃/ /fæ̃/ <n, fem>\n1. конец, окончание 2.\nMoment où une chose cesse\n"
        "d’exister\n2. цель\nBut, objectif\n",
    ),
    # no IPA, no tags at all: "other", no gender
    ("bof", "bof\nну и что\n"),
    # a headword line only: nothing to import
    ("vide", "vide /vid/ <adj>\n"),
    # the same article indexed under two headwords is read once
    ("silence", "silence /si.lɑ̃s/ <n, masc>\n1. тишина; молчание\n"),
    ("silences", "silence /si.lɑ̃s/ <n, masc>\n1. тишина; молчание\n"),
    # eng-fra writes some hyphens as U+2010: stored as "-" so that "apres-midi" finds them
    ("afternoon", "afternoon /ˌɑːftəˈnuːn/\n1. après\u2010midi\n"),
    # a Cyrillic headword (reverse direction) with an epicene gender tag ignored on a verb
    ("читать", "читать <v, masc>\n1. lire\n"),
]


def test_dictd_files_made_by_the_test_are_read_with_their_edge_cases(tmp_path):
    write_dictd(tmp_path, "edge", FREEDICT_EDGE_CASES)

    articles = list(dictd.read_entries(tmp_path, "edge"))
    parsed = {r.headword: r for r in map(freedict.parse_article, articles) if r is not None}

    assert dictd.exists(tmp_path, "edge")
    assert dictd.count_entries(tmp_path, "edge") == len(FREEDICT_EDGE_CASES)
    assert [a.split(" ")[0].split("\n")[0] for a in articles][:3] == ["fin", "bof", "vide"]
    fin = parsed["fin"]
    assert (fin.part_of_speech, fin.gender, fin.ipa) == ("noun", "f", "fɛ̃")
    assert [s.translations for s in fin.senses] == [["конец", "окончание"], ["цель"]]
    assert fin.senses[0].definition == "Moment où une chose cesse; d’exister"
    assert fin.senses[1].definition == "But, objectif"
    bof = parsed["bof"]
    assert (bof.part_of_speech, bof.gender, bof.ipa) == ("other", "", "")
    assert bof.senses[0].translations == ["ну и что"]
    assert "vide" not in parsed  # no translation: skipped, not an empty entry
    assert parsed["silence"].senses[0].translations == ["тишина", "молчание"]
    assert (parsed["читать"].part_of_speech, parsed["читать"].gender) == ("verb", "")
    assert parsed["afternoon"].senses[0].translations == ["après-midi"]
    assert parsed["afternoon"].ipa == "ˌɑːftəˈnuːn"
    assert [a.startswith("silence") for a in articles].count(True) == 2  # two offsets, two reads


def test_dictd_reader_limit_and_headwords_filter(tmp_path):
    write_dictd(tmp_path, "edge", FREEDICT_EDGE_CASES)

    assert len(list(dictd.read_entries(tmp_path, "edge", limit=2))) == 2
    only = list(dictd.read_entries(tmp_path, "edge", headwords={"silences", "читать"}))
    assert [text.split("\n")[0] for text in only] == [
        "silence /si.lɑ̃s/ <n, masc>",
        "читать <v, masc>",
    ]
    assert dictd.count_entries(tmp_path, "edge", {"fin", "nothing"}) == 1


def test_mueller_article_made_by_the_test_with_homonyms_and_wrapped_lines(tmp_path):
    article = (
        "bank\n"
        "   _I  [bæŋk]\n"
        "      1. _n.\n"
        "         1) берег (реки, озера)\n"
        "         2) насыпь, вал; the banks of the river берега реки; to break its\n"
        "         banks выйти из берегов\n"
        "      2. _v.\n"
        "         1) окружать валом\n"
        "   _II [bæŋk]\n"
        "      1. _n.\n"
        "         1) _фин. банк\n"
    )
    write_dictd(tmp_path, "mueller7", [("bank", article), ("Москва", "Москва\n  _n. Moscow\n")])

    texts = list(dictd.read_entries(tmp_path, "mueller7"))
    noun, verb = mueller.parse_article(texts[0])

    assert (noun.headword, noun.part_of_speech, noun.ipa) == ("bank", "noun", "bæŋk")
    assert noun.senses[0].translations == ["берег (реки, озера)"]
    assert noun.senses[1].translations == ["насыпь", "вал"]
    assert noun.senses[1].examples == [
        ("the banks of the river", "берега реки"),
        ("to break its banks", "выйти из берегов"),
    ]
    assert any(s.translations == ["банк"] and s.note == "фин." for s in noun.senses)
    assert verb.senses[0].translations == ["окружать валом"]
    assert mueller.parse_article(texts[1]) == []  # no Russian in it: nothing to import
