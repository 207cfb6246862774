"""Precompressed copies of a folder's text files, as static hosts serve them: NAME.br and NAME.gz beside NAME.

nginx (gzip_static, brotli_static), Caddy (precompressed), Netlify and most CDNs send NAME.br or NAME.gz
to a browser that accepts it, with no compression work per request. Brotli at its highest quality
(the `brotli` package), gzip -9 with no name and no time in its header, so that an export is the same
bytes twice; each copy is checked to decompress to the original.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

TEXT_SUFFIXES = (".html", ".js", ".svg", ".css", ".json", ".csv", ".txt", ".xml")


def precompress(path: Path) -> None:
    """Write path.br and path.gz, each checked against the original."""
    data = path.read_bytes()
    br = brotli.compress(data, quality=11, mode=brotli.MODE_TEXT)
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    if brotli.decompress(br) != data or gzip.decompress(gz) != data:
        raise RuntimeError(f"a compressed copy of {path} does not give the original back")
    path.with_name(path.name + ".br").write_bytes(br)
    path.with_name(path.name + ".gz").write_bytes(gz)


def precompress_tree(folder: Path) -> int:
    """Precompress every text file under `folder`; returns how many."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
    for path in files:
        precompress(path)
    return len(files)
