"""A reader for dictd databases: NAME.index (headword, base64 offset, base64 length) + NAME.dict.dz."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}


def decode_number(text: str) -> int:
    number = 0
    for char in text:
        number = number * 64 + B64[char]
    return number


def database_paths(directory: Path | str, name: str) -> tuple[Path, Path]:
    directory = Path(directory)
    data = directory / f"{name}.dict.dz"
    if not data.exists():
        data = directory / f"{name}.dict"
    return directory / f"{name}.index", data


def exists(directory: Path | str, name: str) -> bool:
    index, data = database_paths(directory, name)
    return index.exists() and data.exists()


def index_lines(
    directory: Path | str, name: str, headwords: set[str] | None = None
) -> Iterator[tuple[str, int, int]]:
    """(headword, offset, length) of each article, once, without the 00-database-* headers;
    `headwords` keeps only the articles indexed under one of them."""
    index_path, _ = database_paths(directory, name)
    seen: set[int] = set()
    with open(index_path, encoding="utf-8") as index:
        for line in index:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith(("00database", "00-database")):
                continue
            if headwords and parts[0] not in headwords:
                continue
            offset, length = decode_number(parts[1]), decode_number(parts[2])
            if offset not in seen:
                seen.add(offset)
                yield parts[0], offset, length


def count_entries(directory: Path | str, name: str, headwords: set[str] | None = None) -> int:
    return sum(1 for _ in index_lines(directory, name, headwords))


def read_entries(
    directory: Path | str,
    name: str,
    limit: int | None = None,
    headwords: set[str] | None = None,
) -> Iterator[str]:
    """Yield each article's text once, in index order; `headwords` keeps only those articles."""
    _, data_path = database_paths(directory, name)
    opener = gzip.open if data_path.suffix == ".dz" else open
    with opener(data_path, "rb") as handle:
        data = handle.read()
    for count, (_, offset, length) in enumerate(index_lines(directory, name, headwords), 1):
        yield data[offset : offset + length].decode("utf-8", errors="replace")
        if limit is not None and count >= limit:
            return
