"""The privacy and confidentiality scanner: findings in a piece of text (issue 4 §1).

Extractors cut a file into :class:`Segment` objects (a line, a cell, a paragraph, a page)
and the scanner returns :class:`Finding` objects with offsets into the segment's text. A
finding carries a masked preview and never the value: ``as_json`` is what ``gongkai scan
--json`` prints (DESIGN.md).

How a segment is scanned (privacy.md §2, §7):

1. Full-width digits and letters are folded one character for one (offsets stay put).
2. One compiled pattern (:data:`patterns.MASTER`) finds candidates: number-like tokens
   (digits and letters, possibly split by spaces, hyphens or a line break), e-mails, plates,
   secret and handling marks, ``姓名：…`` pairs and house-level address parts.
3. Number tokens are compacted and classified by the recognizers: in unlabelled text only
   validated values count; under a label (the segment's column label, or a ``标签：值`` pair
   right before the value) any value of the right shape counts. Split tokens are cut into
   the longest runs of pieces that classify.
4. Overlaps are resolved so that one span has one kind, the most severe and specific.
"""

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from gongkai.core.privacy import patterns as p
from gongkai.core.privacy.masking import mask, preview
from gongkai.core.privacy.recognizers import (
    ADDRESS,
    CARD,
    EMAIL,
    ID,
    LANDLINE,
    MARKING,
    MOBILE,
    NAME,
    PASSPORT,
    PLATE,
    TERM,
    USCC,
    Severity,
    column_label,
)
from gongkai.core.privacy.textpass import Hit, TextPass, fold

_scan_lines: Callable[..., list[Any]] | None
_scan_digits: Callable[..., list[Any]] | None
try:  # the compiled line pass (setup.py); without it, the Python pass does all the work
    from gongkai.core.privacy._linepass import scan_digits as _scan_digits
    from gongkai.core.privacy._linepass import scan_lines as _scan_lines
except ImportError:  # pragma: no cover - a build without a C compiler
    _scan_lines = _scan_digits = None
COMPILED = _scan_lines is not None

__all__ = [
    "SCANNER_VERSION",
    "Finding",
    "Found",
    "Segment",
    "Severity",
    "fold",
    "mask",
    "scan_segment",
    "scan_segments",
    "scan_text",
    "line_selector",
]

# Recorded with every review sign-off; bump it when a rule changes, so sweeps rescan.
SCANNER_VERSION = "1.0.0"


@dataclass(frozen=True)
class Segment:
    """A piece of text from somewhere in a file."""

    text: str
    where: Mapping[str, object]  # {"line": 3}, {"sheet": "Sheet1", "cell": "C7"}, {"page": 2}
    label: str | None = None  # the column header or field label the text sits under


@dataclass(frozen=True)
class Finding:
    """A finding; made by the scanner past ``__init__`` — through ``__dict__``
    (:func:`scan_segment`) or with its fields set in place by the compiled line pass — because a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, which costs
    more than the rest of a finding's making."""

    kind: str
    severity: Severity
    rule: str
    masked: str
    where: Mapping[str, object]
    start: int  # offsets in the segment's text
    end: int

    def __reduce__(self) -> tuple[Callable[..., "Finding"], tuple[object, ...]]:
        # Findings cross a pipe from the scanning child in hundreds of thousands (isolated.py):
        # seven values and a function, not the default reconstruction through __setstate__.
        return _finding, (
            self.kind,
            self.severity,
            self.rule,
            self.masked,
            self.where,
            self.start,
            self.end,
        )

    def as_json(self, file: str) -> dict[str, object]:
        """The line of ``gongkai scan --json`` (DESIGN.md): never the raw value."""
        return {
            "file": file,
            "where": dict(self.where),
            "kind": self.kind,
            "severity": self.severity,
            "masked": self.masked,
            "rule": self.rule,
        }


def _finding(
    kind: str,
    severity: Severity,
    rule: str,
    masked: str,
    where: Mapping[str, object],
    start: int,
    end: int,
) -> Finding:
    finding = _new_finding(Finding)
    finding.__dict__.update(
        kind=kind, severity=severity, rule=rule, masked=masked, where=where, start=start, end=end
    )
    return finding


@dataclass(frozen=True)
class Found:
    """Findings of consecutive lines that the compiled line pass made whole (``line_selector``),
    passed on by the text extractor as they are."""

    findings: list[Finding]


def scan_segment(segment: Segment, *, terms: Sequence[str] = ()) -> list[Finding]:
    """Every finding in one segment, ordered by position, without overlaps."""
    text = segment.text
    if not text:
        return []
    column = column_label(segment.label) if segment.label else None
    if text.isdigit() and text.isascii():
        # The compiled pass (a cell of a list); it takes exact strings, not the redaction's
        # position-keeping subclass.
        if _scan_digits is not None and not terms and type(text) is str:
            found: list[Finding] = _scan_digits(text, column, segment.where, Finding)
            return found
        # A cell of digits (an ID, a phone, an amount): one number token or nothing.
        hits = TextPass(text, column, segment.where).run_digits()
    elif column is None and not _maybe(text):
        hits = []  # nothing the pattern could report (patterns.CANDIDATES)
    else:
        text = fold(text)
        hits = TextPass(text, column, segment.where).run()
    if terms:
        hits.extend(_term_hits(segment.text, tuple(terms)))
    if not hits:
        return []
    if len(hits) > 1:
        hits = _resolve(hits)
    where = segment.where
    new, upgrade = _new_finding, None
    findings = []
    for h in hits:
        kind, severity, rule = h.kind, h.severity, h.rule
        if kind == NAME:
            # Issue 4: names next to valid identity numbers, mobiles or cards are high.
            if upgrade is None:
                upgrade = any(
                    x.kind in _PERSONAL_IDENTIFIERS and x.severity == "high" for x in hits
                )
            if upgrade:
                severity, rule = "high", rule + "+identifier_nearby"
        finding = new(Finding)
        finding.__dict__.update(
            kind=kind,
            severity=severity,
            rule=rule,
            masked=preview(kind, text[h.start : h.end]),
            where=where,
            start=h.start,
            end=h.end,
        )
        findings.append(finding)
    return findings


def _maybe(text: str) -> bool:
    """Whether any of :data:`patterns.CANDIDATES` is in the text, which :meth:`TextPass.run`
    would otherwise look through in vain (most lines of a notice, most cells of a list)."""
    return any(pattern.search(text) is not None for pattern in p.CANDIDATES)


def scan_text(
    text: str,
    *,
    where: Mapping[str, object] | None = None,
    label: str | None = None,
    terms: Sequence[str] = (),
) -> list[Finding]:
    return scan_segment(Segment(text, where if where is not None else {}, label), terms=terms)


def scan_segments(segments: Iterable[Segment], *, terms: Sequence[str] = ()) -> Iterator[Finding]:
    for segment in segments:
        yield from scan_segment(segment, terms=terms)


Selected: TypeAlias = list[Finding | tuple[int, int]]


def line_selector(terms: Sequence[str] = ()) -> Callable[[str, int, int, int], Selected]:
    """A function giving what the lines of ``text[start:end]`` hold, in their order.

    ``text[start:end]`` is whole lines, each ended by a newline, the first of them line
    ``number``. The function gives the findings of the lines the compiled line pass
    (``_linepass.pyx``) scans whole, and ``(start, number)`` of each line to scan with
    :func:`scan_segment`; any other line gives nothing when scanned on its own with these
    terms. Text files are read through it (``isolated.scan_file``), so that the lines without
    a digit run, a mark or a label word cost no segment and no scan. Without the compiled
    module, lines are picked by :data:`patterns.CANDIDATES` and all scanned in Python.
    """
    terms_pattern = _terms_pattern(tuple(terms)) if terms else None
    if _scan_lines is not None:
        return functools.partial(_compiled_lines, terms_pattern)
    patterns = p.CANDIDATES + ((terms_pattern,) if terms_pattern is not None else ())

    def select(text: str, start: int, end: int, number: int) -> Selected:
        selected: Selected = []
        counted = start
        for line_start in _matching_lines(patterns, text, start, end):
            number += text.count("\n", counted, line_start)
            counted = line_start
            selected.append((line_start, number))
        return selected

    return select


def _matching_lines(
    patterns: Sequence[re.Pattern[str]], text: str, start: int, end: int
) -> list[int]:
    """The starts of the lines of ``text[start:end]`` where one of the patterns matches."""
    starts: list[int] = []
    for pattern in patterns:
        search, pos = pattern.search, start
        while (found := search(text, pos, end)) is not None:
            starts.append(text.rfind("\n", start, found.start()) + 1 or start)
            pos = text.find("\n", found.end(), end) + 1
            if not pos:
                break
    if len(patterns) > 1:
        return sorted(set(starts))
    return starts


def _compiled_lines(
    terms_pattern: re.Pattern[str] | None, text: str, start: int, end: int, number: int
) -> Selected:
    assert _scan_lines is not None
    # Lines with a sensitive term are scanned in Python, terms and all.
    forced = _matching_lines((terms_pattern,), text, start, end) if terms_pattern else []
    selected: Selected = _scan_lines(text, start, end, number, forced, Finding)
    return selected


_PERSONAL_IDENTIFIERS = frozenset({ID, MOBILE, CARD})
_new_finding = object.__new__
_RANK = {"high": 3, "medium": 2, "low": 1}
# privacy.md §7.4: ID (checksum) > card > mobile > generic number; marks block publication.
_PRIORITY = {
    MARKING: 12,
    ID: 11,
    CARD: 10,
    MOBILE: 9,
    USCC: 8,
    LANDLINE: 7,
    EMAIL: 6,
    PASSPORT: 6,
    PLATE: 6,
    ADDRESS: 4,
    NAME: 3,
    TERM: 2,
}


@functools.lru_cache(maxsize=32)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in words)) if words else None


def _term_hits(text: str, terms: tuple[str, ...]) -> list[Hit]:
    # Issue 4: the disclosure office's list, exact substrings of the text as written.
    pattern = _terms_pattern(terms)
    if pattern is None:
        return []
    return [
        Hit(m.start(), m.end(), TERM, "medium", "sensitive_term") for m in pattern.finditer(text)
    ]


def _resolve(hits: list[Hit]) -> list[Hit]:
    """One span, one kind: on overlap the more severe, then more specific, then longer wins.

    Overlaps are rare and local, so each cluster of overlapping hits is settled on its own.
    """
    hits.sort(key=lambda h: (h.start, h.end))
    resolved: list[Hit] = []
    cluster: list[Hit] = []
    reach = -1
    for hit in hits:
        if cluster and hit.start >= reach:
            resolved.extend(_settle(cluster))
            cluster = []
        cluster.append(hit)
        reach = max(reach, hit.end) if len(cluster) > 1 else hit.end
    resolved.extend(_settle(cluster))
    return resolved


def _settle(cluster: list[Hit]) -> list[Hit]:
    if len(cluster) < 2:
        return cluster
    ranked = sorted(
        cluster, key=lambda h: (-_RANK[h.severity], -_PRIORITY.get(h.kind, 0), h.start - h.end)
    )
    starts: list[int] = []  # of the kept hits, which never overlap: sorted by start and end
    kept: list[Hit] = []
    for hit in ranked:
        i = bisect.bisect_right(starts, hit.start)
        if i and kept[i - 1].end > hit.start:
            continue
        if i < len(kept) and kept[i].start < hit.end:
            continue
        starts.insert(i, hit.start)
        kept.insert(i, hit)
    return kept
