"""OpenMoji's drawings for concrete nouns: matched by emojibase's names, stored once per emoji,
shown with their licence; teachers' pictures are left alone."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.common.media import serve_media
from apps.dictionary import services
from apps.dictionary.importers import openmoji
from apps.dictionary.models import Entry, Picture
from apps.dictionary.sample_data import SAMPLE_OPENMOJI, load_sample, sample_files

from .factories import make_entry

HOUSE, CAT = "1F3E0", "1F408"
SKINS = [{"label": "x: light skin tone", "hexcode": "E000-1F3FB", "tone": 1}]
# (hexcode, English, French, Russian): a few emoji as emojibase-data names them.
EMOJI = [
    (HOUSE, "house", "maison", "дом"),
    (CAT, "cat", "chat", "кошка"),
    ("1F431", "cat face", "tête de chat", "морда кошки"),
    ("1F436", "dog face", "tête de chien", "собака"),  # a face, whatever its Russian name
    ("1F469", "woman", "femme", "женщина"),  # comes in skin tones
    ("E000", "robot hand", "main de robot", "рука робота"),  # skins below; unknown to `emoji`
    ("1F1EB-1F1F7", "flag: France", "drapeau : France", "флаг: Франция"),
    ("264C", "Leo", "lion", "Лев"),  # the zodiac sign
    ("1F981", "lion", "tête de lion", "лев"),
    ("1F983", "turkey", "dinde", "индейка"),
    ("1F456", "jeans", "jean", "джинсы"),
    ("1F384", "Christmas tree", "sapin de Noël", "новогодняя елка"),
    ("1F34E", "red apple", "pomme rouge", "красное яблоко"),
    ("1F680", "rocket", "fusée", "ракета"),  # OpenMoji has no file for it here
    ("1F9B2", "bald", "chauve", "лысый"),  # a component (hair style), not an emoji alone
]
NO_SVG = {"1F680"}


def _svg(hexcode: str, colour: str = "#EA5A47") -> bytes:
    return (
        f'<svg id="emoji" viewBox="0 0 72 72" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{hexcode}</title><rect width="72" height="72" fill="{colour}"/></svg>'
    ).encode()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The two npm packages' layout with a handful of emoji."""
    root = tmp_path / "node_modules"
    for index, code in enumerate(("en", "fr", "ru"), start=1):
        items = []
        for row in EMOJI:
            item = {"label": row[index], "hexcode": row[0]}
            if row[0] in ("1F469", "E000"):
                item["skins"] = SKINS
            if row[0] == "1F9B2":
                item["group"] = 2
            items.append(item)
        path = root / "emojibase-data" / code / "data.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    svg_dir = root / "openmoji" / "color" / "svg"
    svg_dir.mkdir(parents=True)
    for row in EMOJI:
        if row[0] not in NO_SVG:
            (svg_dir / f"{row[0]}.svg").write_bytes(_svg(row[0]))
    return root


def _fill(data_dir: Path, **options):
    return openmoji.fill_openmoji(data_dir=data_dir, log=lambda line: None, **options)


def _stored() -> list[str]:
    return sorted(default_storage.listdir(openmoji.STORAGE_DIR)[1])


# Matching


@pytest.mark.parametrize(
    ("headword", "code", "expected"),
    [
        ("house", "en", HOUSE),
        ("maison", "fr", HOUSE),
        ("дом", "ru", HOUSE),
        ("cat", "en", CAT),  # not "cat face"
        ("chat", "fr", CAT),
        ("кошка", "ru", CAT),
        ("Christmas tree", "en", "1F384"),
        ("turkey", "en", "1F983"),
        ("jean", "fr", "1F456"),
        ("lion", "en", "1F981"),
        ("apple", "en", ""),  # the name is "red apple": no near misses
        ("house", "fr", ""),  # the name must be in the entry's language
        ("house", "de", ""),
    ],
)
def test_it_matches_exact_labels_in_the_entry_language(data_dir, headword, code, expected):
    assert openmoji.match(headword, code, data_dir) == expected


@pytest.mark.parametrize(
    ("headword", "code"),
    [
        ("woman", "en"),  # people come in skin tones
        ("femme", "fr"),
        ("robot hand", "en"),  # skin tones known from emojibase alone
        ("flag: France", "en"),
        ("lion", "fr"),  # ♌, not 🦁 ("tête de lion")
        ("собака", "ru"),  # 🐶 is a face: its English name says so
        ("tête de chat", "fr"),
        ("Turkey", "en"),  # the country, not 🦃
        ("Jean", "fr"),  # the name, not 👖
        ("rocket", "en"),  # no SVG, no picture
        ("chauve", "fr"),
    ],
)
def test_people_flags_faces_zodiac_and_names_get_no_picture(data_dir, headword, code):
    assert openmoji.match(headword, code, data_dir) == ""


# The import


def test_nouns_get_a_picture_stored_once_per_emoji(db, data_dir):
    house = make_entry("house")
    maison = make_entry("maison", lang="fr", gender="f")
    dom = make_entry("дом", lang="ru", gender="m")
    koshka = make_entry("кошка", lang="ru", gender="f")
    house_verb = make_entry("house", pos="verb")
    apple = make_entry("apple")
    suggested = make_entry("chat", lang="fr", gender="m", status="pending")

    stats = _fill(data_dir)

    assert (stats["read"], stats["matched"], stats["created"], stats["files"]) == (5, 4, 4, 2)
    names = dict(Picture.objects.values_list("entry__headword", "file"))
    assert names == {
        "house": "dictionary/openmoji/1F3E0.svg",
        "maison": "dictionary/openmoji/1F3E0.svg",
        "дом": "dictionary/openmoji/1F3E0.svg",
        "кошка": "dictionary/openmoji/1F408.svg",
    }
    assert _stored() == ["1F3E0.svg", "1F408.svg"]
    with default_storage.open("dictionary/openmoji/1F3E0.svg", "rb") as file:
        assert file.read() == _svg(HOUSE)
    picture = house.pictures.get()
    assert picture.attribution == "OpenMoji — CC BY-SA 4.0"
    assert picture.source.slug == "openmoji"
    assert "CC BY-SA 4.0" in picture.source.licence
    assert picture.uploaded_by is None
    for entry in (house, maison, dom, koshka):
        assert "openmoji" in entry.sources.values_list("slug", flat=True)
    assert not house_verb.pictures.exists()  # nouns only
    assert not suggested.pictures.exists()  # published words only
    assert not apple.pictures.exists()
    assert not apple.sources.exists()


def test_a_second_run_changes_nothing(db, data_dir):
    make_entry("house")
    make_entry("maison", lang="fr", gender="f")
    _fill(data_dir)
    before = list(Picture.objects.values_list("pk", "entry_id", "file", "attribution"))

    again = _fill(data_dir)

    assert (again["matched"], again["created"], again["updated"], again["removed"]) == (2, 0, 0, 0)
    assert again["files"] == 0
    assert list(Picture.objects.values_list("pk", "entry_id", "file", "attribution")) == before
    assert _stored() == ["1F3E0.svg"]  # no "1F3E0_a1b2c3.svg" beside it
    assert Entry.sources.through.objects.filter(source__slug="openmoji").count() == 2


def test_the_limit_and_the_words_options(db, data_dir):
    make_entry("house")
    make_entry("maison", lang="fr", gender="f")

    assert _fill(data_dir, headwords={"maison"})["created"] == 1
    assert list(Picture.objects.values_list("entry__headword", flat=True)) == ["maison"]
    assert _fill(data_dir, limit=1)["read"] == 1


def test_teachers_pictures_are_left_alone(data_dir, teacher):
    house = make_entry("house")
    apple = make_entry("apple")
    uploaded = []
    for entry in (house, apple):
        picture = Picture(entry=entry, attribution="Photo: Anna, CC BY 4.0", uploaded_by=teacher)
        picture.file.save(f"{entry.headword}.png", ContentFile(b"png"), save=False)
        picture.save()
        uploaded.append(picture)

    _fill(data_dir)
    _fill(data_dir)

    for picture in uploaded:
        kept = Picture.objects.get(pk=picture.pk)
        assert (kept.file.name, kept.attribution, kept.uploaded_by) == (
            picture.file.name,
            "Photo: Anna, CC BY 4.0",
            teacher,
        )
        assert default_storage.exists(picture.file.name)
    assert house.pictures.count() == 2  # the teacher's and OpenMoji's
    assert apple.pictures.count() == 1


def test_a_picture_that_no_longer_matches_is_removed_with_its_unused_file(db, data_dir):
    apple = make_entry("apple")
    house = make_entry("house")
    _fill(data_dir)
    # An earlier release called 🍎 "apple": the picture was made then.
    openmoji.store_files(["1F34E"], data_dir)
    source = house.pictures.get().source
    Picture.objects.create(
        entry=apple, file="dictionary/openmoji/1F34E.svg", attribution="x", source=source
    )
    apple.sources.add(source)

    stats = _fill(data_dir)

    assert stats["removed"] == 1
    assert not apple.pictures.exists()
    assert not apple.sources.exists()
    assert house.pictures.exists()
    assert _stored() == ["1F3E0.svg"]


def test_a_redrawn_emoji_replaces_its_file_under_the_same_name(db, data_dir):
    make_entry("house")
    _fill(data_dir)
    (data_dir / "openmoji" / "color" / "svg" / f"{HOUSE}.svg").write_bytes(_svg(HOUSE, "#000"))

    stats = _fill(data_dir)

    assert (stats["files"], stats["created"], stats["updated"]) == (1, 0, 0)
    assert _stored() == ["1F3E0.svg"]
    with default_storage.open("dictionary/openmoji/1F3E0.svg", "rb") as file:
        assert file.read() == _svg(HOUSE, "#000")


def test_import_dictionary_runs_it(db, data_dir, monkeypatch):
    monkeypatch.setattr(openmoji, "DATA_DIR", data_dir)
    make_entry("house")
    out = StringIO()

    call_command("import_dictionary", "--source", "openmoji", stdout=out)

    assert "openmoji: 1 nouns checked, 1 with a picture, 1 pictures added" in out.getvalue()
    assert "entries with an OpenMoji picture: 1" in out.getvalue()


def test_without_the_npm_packages_the_import_says_what_to_run(db, tmp_path, monkeypatch):
    monkeypatch.setattr(openmoji, "DATA_DIR", tmp_path / "node_modules")

    with pytest.raises(CommandError) as error:
        call_command("import_dictionary", "--source", "openmoji", stdout=StringIO())

    message = str(error.value)
    assert "Cannot import openmoji" in message
    assert "npm ci --prefix data/openmoji --ignore-scripts --no-audit --no-fund" in message
    monkeypatch.setattr(openmoji.shutil, "which", lambda name: None)
    assert "npm is not installed" in openmoji.missing_message()


# The pages


def test_the_entry_page_shows_the_drawing_with_its_licence(data_dir, teacher_client):
    maison = make_entry("maison", lang="fr", gender="f", emoji="🏠")
    _fill(data_dir)

    response = teacher_client.get(reverse("dictionary:entry", args=[maison.pk]))

    assertContains(
        response,
        '<img src="/media/dictionary/openmoji/1F3E0.svg" alt="maison" width="96" height="96">',
        html=True,
        count=1,
    )
    assertContains(
        response,
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license noopener">'
        "CC BY-SA 4.0</a>",
        html=True,
    )
    assertContains(response, '<a href="https://openmoji.org/" rel="noopener">OpenMoji</a>')
    assertContains(response, "OpenMoji graphics: CC BY-SA 4.0")  # in the sources
    assertNotContains(response, 'role="img"')  # the drawing, not the font's emoji as well
    assertNotContains(response, 'id="pictures-title"')  # nor again among the pictures


def test_teachers_pictures_show_beside_the_drawing(data_dir, teacher_client, teacher):
    house = make_entry("house")
    Picture.objects.create(
        entry=house, file="dictionary/1/house.png", attribution="Photo: Anna", uploaded_by=teacher
    )
    _fill(data_dir)

    response = teacher_client.get(reverse("dictionary:entry", args=[house.pk]))

    assertContains(response, 'src="/media/dictionary/openmoji/1F3E0.svg"', count=1)
    assertContains(response, 'src="/media/dictionary/1/house.png"', count=1)
    assertContains(response, "Photo: Anna")


def test_the_entry_page_costs_no_more_queries_with_pictures(
    data_dir, teacher_client, teacher, django_assert_max_num_queries
):
    plain = make_entry("chair")
    house = make_entry("house")
    _fill(data_dir)
    for number in range(3):
        Picture.objects.create(entry=house, file=f"p{number}.png", uploaded_by=teacher)
    teacher_client.get(reverse("dictionary:entry", args=[plain.pk]))

    with django_assert_max_num_queries(12) as captured:
        teacher_client.get(reverse("dictionary:entry", args=[plain.pk]))
    with django_assert_max_num_queries(len(captured.captured_queries)):
        teacher_client.get(reverse("dictionary:entry", args=[house.pk]))


def test_the_svg_is_served_as_an_image(db, data_dir):
    make_entry("house")
    _fill(data_dir)
    from django.conf import settings

    request = RequestFactory().get("/media/dictionary/openmoji/1F3E0.svg")
    response = serve_media(request, "dictionary/openmoji/1F3E0.svg", settings.MEDIA_ROOT)

    assert response["Content-Type"] == "image/svg+xml"


def test_teachers_cannot_upload_svg(teacher_client):
    entry = make_entry("house")

    response = teacher_client.post(
        reverse("dictionary:picture_upload", args=[entry.pk]),
        {"file": SimpleUploadedFile("house.svg", _svg(HOUSE), "image/svg+xml")},
    )

    assertContains(response, "This is not a picture we can show")
    assert not Picture.objects.exists()


def test_deleting_one_entry_s_drawing_keeps_the_file_the_others_show(db, data_dir):
    house = make_entry("house")
    maison = make_entry("maison", lang="fr", gender="f")
    _fill(data_dir)

    services.picture_delete(picture=house.pictures.get())

    assert default_storage.exists("dictionary/openmoji/1F3E0.svg")
    services.picture_delete(picture=maison.pictures.get())
    assert not default_storage.exists("dictionary/openmoji/1F3E0.svg")


# The bundled sample


def test_the_sample_shows_drawings_from_its_own_files(db):
    load_sample()

    house = Entry.objects.get(language__code="en", headword="house", part_of_speech="noun")
    maison = Entry.objects.get(language__code="fr", headword="maison", part_of_speech="noun")
    assert house.pictures.get().file.name == maison.pictures.get().file.name
    assert default_storage.exists("dictionary/openmoji/1F3E0.svg")
    before = (Picture.objects.count(), _stored())
    load_sample()
    assert (Picture.objects.count(), _stored()) == before
    assert Picture.objects.count() >= 50


def test_the_sample_leaves_the_full_import_s_pictures_alone(db, data_dir):
    # "bus" is an English word of the sample, not a French one: the French entry's drawing
    # (whatever the full import gave it) is not the sample's to change.
    make_entry("bus", lang="fr", gender="m")
    drawn = make_entry("maison", lang="fr", gender="f")
    _fill(data_dir)
    picture = drawn.pictures.get()
    Picture.objects.filter(pk=picture.pk).update(entry=Entry.objects.get(headword="bus"))

    load_sample()

    kept = Picture.objects.get(pk=picture.pk)
    assert (kept.entry.headword, kept.file.name) == ("bus", "dictionary/openmoji/1F3E0.svg")


# The installed npm packages (CI installs them; `make dictionary` too)

needs_packages = pytest.mark.skipif(
    not openmoji.available(),
    reason="data/openmoji/node_modules is not installed: "
    "npm ci --prefix data/openmoji --ignore-scripts --no-audit --no-fund",
)


@needs_packages
@pytest.mark.parametrize(
    ("headword", "code", "expected"),
    [
        ("house", "en", HOUSE),
        ("maison", "fr", HOUSE),
        ("дом", "ru", HOUSE),
        ("кошка", "ru", CAT),
        ("école", "fr", "1F3EB"),
        ("T-shirt", "en", "1F455"),
        ("woman", "en", ""),
        ("France", "en", ""),
        ("lion", "fr", ""),
        ("cancer", "en", ""),
        ("apple", "en", ""),
        ("chauve", "fr", ""),
    ],
)
def test_the_installed_packages(headword, code, expected):
    assert openmoji.match(headword, code) == expected


@needs_packages
def test_the_installed_packages_name_a_thousand_emoji_in_each_language():
    for code in ("en", "fr", "ru"):
        drawn = openmoji.labels(code, openmoji.DATA_DIR)
        assert len(drawn) > 1000
        codes = {int(part, 16) for emoji in drawn.values() for part in emoji.hexcode.split("-")}
        assert not codes & {*range(0x1F1E6, 0x1F200), *range(0x1F3FB, 0x1F400)}  # flags, skins


@needs_packages
def test_the_bundled_sample_matches_the_installed_packages():
    """Rebuild it with sample_data.write_openmoji_sample() when this fails."""
    for path in sample_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data["entries"]:
            if item["part_of_speech"] != "noun":
                continue
            wanted = openmoji.match(item["headword"], data["language"])
            assert openmoji.match(item["headword"], data["language"], SAMPLE_OPENMOJI) == wanted
            if wanted:
                name = f"openmoji/color/svg/{wanted}.svg"
                bundled = (SAMPLE_OPENMOJI / name).read_bytes()
                assert bundled == (openmoji.DATA_DIR / name).read_bytes()
