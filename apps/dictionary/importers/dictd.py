"""A reader for dictd databases: NAME.index (headword, base64 offset, base64 length) + NAME.dict.dz."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


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


def read_entries(directory: Path | str, name: str, limit: int | None = None) -> Iterator[str]:
    """Yield each article's text once, in index order, without the 00-database-* headers."""
    index_path, data_path = database_paths(directory, name)
    opener = gzip.open if data_path.suffix == ".dz" else open
    with opener(data_path, "rb") as handle:
        data = handle.read()
    seen: set[int] = set()
    count = 0
    with open(index_path, encoding="utf-8") as index:
        for line in index:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith(("00database", "00-database")):
                continue
            offset, length = decode_number(parts[1]), decode_number(parts[2])
            if offset in seen:
                continue
            seen.add(offset)
            yield data[offset : offset + length].decode("utf-8", errors="replace")
            count += 1
            if limit is not None and count >= limit:
                return
