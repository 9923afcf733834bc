# ruff: noqa: RUF002 (IPA and Mueller's letters in docstrings)
"""Mueller's English-Russian dictionary (7th edition, dictd "mueller7"). An article looks like:

    house
       1. _n. [haʊs], _pl. [↗haʊzɪz]
          1) дом; жилище; здание
          2) дом; семья; хозяйство; to keep house вести хозяйство
       2. _v. [haʊz]
          1) предоставлять жилище; обеспечивать жильём

"_I", "_II" start homonyms, "1." a part of speech (_n., _v., _a., ...), "1)" a sense; long
lines wrap. In a sense, ";" separates Russian translations (commas split them further) from
examples: an English phrase followed by its Russian translation. Labels such as "_разг." become
the sense note. IPA is written with Mueller's own letters (ɜ for ə, ↗ for the stress mark).
"""

from __future__ import annotations

import re

from apps.dictionary.models import PartOfSpeech

from .records import CYRILLIC, LATIN, ParsedEntry, ParsedSense, split_top_level

MUELLER_POS = {
    "n": PartOfSpeech.NOUN,
    "v": PartOfSpeech.VERB,
    "a": PartOfSpeech.ADJECTIVE,
    "adv": PartOfSpeech.ADVERB,
    "prep": PartOfSpeech.PREPOSITION,
    "pron": PartOfSpeech.PRONOUN,
    "cj": PartOfSpeech.CONJUNCTION,
    "conj": PartOfSpeech.CONJUNCTION,
    "interj": PartOfSpeech.INTERJECTION,
    "n-card": PartOfSpeech.NUMERAL,
    "n-ord": PartOfSpeech.NUMERAL,
    "pres-p": PartOfSpeech.ADJECTIVE,
    "p-p": PartOfSpeech.ADJECTIVE,
    "predic": PartOfSpeech.ADJECTIVE,
}

HOMONYM = re.compile(r"^_([IVX]+)\b\s*(.*)$")
POS_BLOCK = re.compile(r"^(\d+)\.\s+(.*)$")
SENSE = re.compile(r"^(\d+)\)\s*(.*)$")
LABEL = re.compile(r"^_([^\s.]+)\.\s*")
LABEL_ANYWHERE = re.compile(r"_([^\s_.]+\.)")
BRACKETS = re.compile(r"\[([^\]]*)\]")
BRACES = re.compile(r"\{[^}]*\}")
FORMS = re.compile(r"\(([A-Za-z' -]+?) - ([A-Za-z' -]+?)\)")
REDIRECT = re.compile(r"(^|\s|\()(от|=)\s")
RUSSIAN_WORD = re.compile(r"^[(\"«„]*_?[\u0400-\u04ff]")

IPA_MAP = [("ɜ:", "ɜː"), ("ɜ", "ə"), (":", "ː"), ("↗", "ˈ"), ("↘", "ˌ"), ("ɘ", "ɒ"), ("ɛɪ", "eɪ")]


def to_ipa(text: str) -> str:
    """Mueller's transcription to IPA: [ɜ↗bændɜn] -> əˈbændən, [wɜ:d] -> wɜːd."""
    text = text.replace("ɜ:", "\0")
    for old, new in IPA_MAP[1:]:
        text = text.replace(old, new)
    text = text.replace("\0", "ɜː")
    return re.sub(r"ɛ(?!ə)", "e", text).replace("eɪ", "eɪ").strip()


def parse_article(text: str) -> list[ParsedEntry]:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return []
    headword = lines[0].strip()
    if headword.startswith("_"):
        return []  # the list of abbreviations ("_emph."), not words
    state = {"ipa": "", "pos": "", "forms": {}, "base_ipa": ""}
    by_pos: dict[str, ParsedEntry] = {}
    blocks: list[tuple[str, str]] = []  # (kind, text)

    for raw in lines[1:]:
        line = raw.strip()
        for kind, pattern in (("homonym", HOMONYM), ("pos", POS_BLOCK), ("sense", SENSE)):
            match = pattern.match(line)
            if match:
                blocks.append((kind, match.group(2)))
                break
        else:
            if not blocks:
                blocks.append(("header", line))
            else:
                kind, previous = blocks[-1]
                joiner = "" if re.search(r"\w-$", previous) else " "
                blocks[-1] = (kind, previous + joiner + line)

    def entry_for(pos: str) -> ParsedEntry:
        pos = pos or PartOfSpeech.OTHER
        if pos not in by_pos:
            by_pos[pos] = ParsedEntry(headword=headword, part_of_speech=pos)
        return by_pos[pos]

    def add_sense(text: str) -> None:
        sense = parse_sense(text)
        if sense is None:
            return
        entry = entry_for(state["pos"])
        entry.ipa = entry.ipa or state["ipa"] or state["base_ipa"]
        entry.forms = {**state["forms"], **entry.forms}
        entry.senses.append(sense)

    for kind, block in blocks:
        if kind == "sense":
            add_sense(block)
            continue
        if kind == "homonym":
            state = {"ipa": "", "pos": "", "forms": {}, "base_ipa": ""}
        elif kind == "pos":
            state = {"ipa": "", "pos": "", "forms": {}, "base_ipa": state["base_ipa"]}
        rest = read_header(block, state)
        if kind != "pos":
            state["base_ipa"] = state["ipa"]
        if "артикль" in rest and not state["pos"]:
            state["pos"] = PartOfSpeech.DETERMINER
        if CYRILLIC.search(rest):
            add_sense(rest)
    return [entry for entry in by_pos.values() if entry.senses]


def read_header(text: str, state: dict) -> str:
    """Take IPA, part of speech and forms out of a header line; return what is left."""
    for match in BRACKETS.finditer(text):
        if not CYRILLIC.search(match.group(1)):
            state["ipa"] = state["ipa"] or to_ipa(match.group(1))
    text = BRACKETS.sub(lambda m: m.group(0) if CYRILLIC.search(m.group(1)) else "", text)
    text = re.sub(r"\((полная|редуцированн)[^)]*\)", "", text)
    text = re.sub(r"_pl\.\s*(?=,|$)", "", text).strip(" ,;")
    while True:
        label = LABEL.match(text)
        if not label:
            break
        tag = label.group(1)
        if tag in MUELLER_POS and not state["pos"]:
            state["pos"] = MUELLER_POS[tag]
        elif (tag not in MUELLER_POS and not _is_note(tag)) or _is_note(tag):
            break
        text = text[label.end() :].strip(" ,")
    forms = FORMS.search(text)
    if forms and not CYRILLIC.search(forms.group(0)):
        first, second = forms.group(1).strip(), forms.group(2).strip()
        if state["pos"] == PartOfSpeech.VERB:
            state["forms"] = {"past": first, "past_participle": second}
        elif state["pos"] == PartOfSpeech.ADJECTIVE:
            state["forms"] = {"comparative": first, "superlative": second}
        text = (text[: forms.start()] + text[forms.end() :]).strip(" ,")
    text = re.sub(r"\([^)]*\bот\b[^)]*\)", "", text).strip(" ,")
    return text


def _is_note(tag: str) -> bool:
    return bool(CYRILLIC.search(tag)) or tag in ("attr", "pl", "refl", "pass", "sg", "predic")


def parse_sense(text: str) -> ParsedSense | None:
    text = BRACES.sub("", text).strip()
    notes = []
    while True:
        label = LABEL.match(text)
        if not label:
            break
        notes.append(label.group(1) + ".")
        text = text[label.end() :]
    if not text or REDIRECT.match(text) or text.startswith(("от ", "см. ")):
        return None
    sense = ParsedSense()
    example_index: int | None = None
    for position, segment in enumerate(split_top_level(text, ";")):
        lead = ""
        match = re.match(r"^\(([^)]*)\)\s*", segment)
        if match and (position == 0 or not LATIN.search(match.group(1))):
            lead, segment = match.group(1), segment[match.end() :]
        first_letter = next((c for c in segment if c.isalpha()), "")
        if first_letter and LATIN.match(first_letter):
            english, russian = split_example(segment)
            if english:
                sense.examples.append((english, clean(russian)))
                example_index = len(sense.examples) - 1
            continue
        if example_index is not None:
            english, russian = sense.examples[example_index]
            sense.examples[example_index] = (english, clean(f"{russian}; {segment}".strip("; ")))
            continue
        if position == 0 and lead:
            notes.append(lead)
        for part in split_top_level(segment, ","):
            part = clean(part)
            bare = re.sub(r"\([^)]*\)", "", part)
            if ":" in part or LATIN.search(bare) or part.startswith("см."):
                continue
            if CYRILLIC.search(part) and 1 < len(part) <= 300 and part not in sense.translations:
                sense.translations.append(part)
    sense.note = clean(" ".join(notes))[:200]
    if not sense.translations and not sense.examples:
        return None
    return sense


def split_example(segment: str) -> tuple[str, str]:
    tokens = segment.split(" ")
    for index, token in enumerate(tokens):
        if RUSSIAN_WORD.match(token):
            return " ".join(tokens[:index]).strip(), " ".join(tokens[index:]).strip()
    return segment.strip(), ""


def clean(text: str) -> str:
    text = LABEL_ANYWHERE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;")
