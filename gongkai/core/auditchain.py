"""The audit trail's hash chain: each entry's hash covers its content and the previous hash.

Editing, deleting or inserting a row anywhere breaks the chain from that row on, and
`gongkai audit verify` names the first row that does not match.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def entry_hash(content: Mapping[str, object], previous_hash: str) -> str:
    canonical = json.dumps(
        {"content": content, "previous": previous_hash},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainedEntry:
    seq: int
    content: Mapping[str, object]
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def first_break(entries: Iterable[ChainedEntry]) -> Break | None:
    """The first entry, in sequence order, whose link or hash does not hold."""
    expected_previous, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            return Break(entry.seq, f"sequence gap: expected #{expected_seq}, found #{entry.seq}")
        if entry.previous_hash != expected_previous:
            return Break(entry.seq, "previous-hash link does not match the entry before it")
        if entry_hash(entry.content, entry.previous_hash) != entry.hash:
            return Break(entry.seq, "content does not match its hash (the row was changed)")
        expected_previous, expected_seq = entry.hash, expected_seq + 1
    return None
