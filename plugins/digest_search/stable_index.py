"""Pagefind's index, made the same for the same pages: the one private detail of Pagefind.

Pagefind 1.5 writes its filter files, and the metadata file that lists them, in an order that
changes from run to run (its issue #638: only the fragments are stable), so two builds of the
same site would differ. Here each filter file's values are put in order, and the files that
name them are named again from what they hold, as Pagefind names them (``<lang>_<hash>``).

The files are gzip-compressed CBOR after a ``pagefind_dcd`` signature; only what they use is
read and written here: unsigned integers, text and arrays. Written for Pagefind 1.5.2: another
version is refused, and ``tests/test_search.py`` fails, until this is checked against it.
"""

from __future__ import annotations

import gzip
import hashlib
import json

PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class UnknownPagefind(RuntimeError):
    """The index is not of the Pagefind version this module was written for."""


def _decode(data: bytes, at: int):
    head = data[at]
    major, info, at = head >> 5, head & 31, at + 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise UnknownPagefind(f"a CBOR item of another form ({head:#x})")
    if major == 0:
        return argument, at
    if major == 3:
        return data[at : at + argument].decode("utf-8"), at + argument
    if major == 4:
        members = []
        for _ in range(argument):
            member, at = _decode(data, at)
            members.append(member)
        return members, at
    raise UnknownPagefind(f"a CBOR item of another kind ({major})")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    size = next(size for size in (1, 2, 4, 8) if argument < 1 << (8 * size))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + argument.to_bytes(size, "big")


def _encode(value) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    return _head(4, len(value)) + b"".join(_encode(member) for member in value)


def read(data: bytes):
    plain = gzip.decompress(data)
    if not plain.startswith(SIGNATURE):
        raise UnknownPagefind("a file without Pagefind's signature")
    value, end = _decode(plain, len(SIGNATURE))
    if end != len(plain):
        raise UnknownPagefind("a file with more than one value")
    return value


def write(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _name(prefix: str, data: bytes, length: int) -> str:
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"


def stable(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's ``files`` (name -> bytes) with the filters in order and named by what they hold."""
    entry = json.loads(files[ENTRY])
    if entry.get("version") != PAGEFIND_VERSION:
        raise UnknownPagefind(f"Pagefind {entry.get('version')}; the digest is written for {PAGEFIND_VERSION}")
    files = dict(files)
    for language, details in entry["languages"].items():
        meta_name = f"pagefind.{details['hash']}.pf_meta"
        meta = read(files.pop(meta_name))
        version, pages, chunks, filters, *rest = meta
        renamed = []
        for filter_name, old in sorted(filters):
            name, values = read(files.pop(f"filter/{old}.pf_filter"))
            data = write([name, sorted(values)])
            new = _name(language, data, 7)
            files[f"filter/{new}.pf_filter"] = data
            renamed.append([filter_name, new])
        data = write([version, pages, chunks, renamed, *rest])
        details["hash"] = _name(language, data, 10)
        files[f"pagefind.{details['hash']}.pf_meta"] = data
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files
