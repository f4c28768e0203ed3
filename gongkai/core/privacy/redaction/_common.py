"""What every format shares: the failure, and the masker that decides which characters go.

A masker scans one piece of text (a segment, as the extractors make them) and answers the set
of character positions to replace with ``*``. Masks follow the one policy of privacy.md §3
(:func:`gongkai.core.privacy.mask`): what stays visible is what a public list may show (the
first 4 and last 4 characters of an identity number, 138****5678, the last 4 digits of a card,
张*, an address cut after its village). Characters the policy keeps are kept *as written* (a
full-width digit stays full-width); only hidden ones change.
"""

from collections.abc import Collection, Sequence

from gongkai.core.privacy import Finding, Segment, mask, scan_segment
from gongkai.core.privacy.recognizers import MARKING


class RedactionFailed(Exception):  # noqa: N818 — what the caller reports: "redaction failed"
    """No redacted copy can be made. ``reason`` is Chinese, then English in brackets; it never
    quotes the content of the file (a value, or a library's error message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def failed(error: BaseException, what: str) -> RedactionFailed:
    """A library's error on bad content, named by its type only (its message may quote it)."""
    return RedactionFailed(
        f"{what}已损坏或格式异常，无法删减 (corrupt or malformed: {type(error).__name__})"
    )


class Masker:
    """Decides the hidden characters of each segment and counts the values masked.

    Masked: every finding of severity high or medium, except secret and handling marks (a mark
    is a publication blocker, never a redaction target: privacy.md §4 — it is left in place so
    that the re-scan refuses the copy). Low findings (office phones, public e-mails) stay. A
    segment whose label is one of ``mask_labels`` is masked as a whole, valid-looking or not.
    """

    def __init__(self, terms: Sequence[str], mask_labels: Collection[str]) -> None:
        self.terms = tuple(terms)
        self.labels = frozenset(label.strip() for label in mask_labels if label.strip())
        self.count = 0

    def column(self, label: str | None) -> bool:
        return label is not None and label.strip() in self.labels

    def hidden(self, segment: Segment) -> set[int]:
        """Positions in ``segment.text`` to replace with ``*``."""
        hidden: set[int] = set()
        values = 0
        text = segment.text
        column = self.column(segment.label)
        core = text.strip()
        first = text.find(core) if core else 0
        covered = False  # the whole value is one finding: its mask is the policy's
        for finding in scan_segment(segment, terms=self.terms):
            if finding.severity == "low" or finding.kind == MARKING:
                continue
            positions = _finding_positions(text, finding)
            if positions:
                hidden |= positions
                values += 1
            covered = covered or (finding.start <= first and finding.end >= first + len(core))
        if column and core and not covered:
            whole = column_positions(text)
            if whole - hidden and not values:
                values = 1
            hidden |= whole
        self.count += values
        return hidden

    def masked(self, segment: Segment) -> str:
        return apply(segment.text, self.hidden(segment))

    def whole(self, text: str) -> str:
        """A cell of a masked column that the extractors do not hand over (a short number)."""
        positions = column_positions(text)
        if positions:
            self.count += 1
        return apply(text, positions)


def apply(text: str, hidden: Collection[int]) -> str:
    if not hidden:
        return text
    chars = list(text)
    for position in hidden:
        chars[position] = "*"
    return "".join(chars)


def _finding_positions(text: str, finding: Finding) -> set[int]:
    value = text[finding.start : finding.end]
    masked = finding.masked
    if len(masked) != len(value):  # never expected: masks are length-preserving
        return {finding.start + i for i, ch in enumerate(value) if not ch.isspace()}
    return {
        finding.start + i
        for i, (ch, new) in enumerate(zip(value, masked, strict=True))
        if new == "*" and ch != "*"
    }


def column_positions(text: str) -> set[int]:
    """Every letter, digit and CJK character of a value in a column masked as a whole.

    A value the scanner recognises whole keeps what the policy shows (1101**********002X);
    anything else in such a column (a malformed number, a stray note) is hidden entirely, so
    that a cut or mistyped identity number shows no more than a valid one would.
    """
    core = text.strip()
    if not core:
        return set()
    offset = text.index(core)
    masked = mask("", core)
    if len(masked) != len(core):
        return {offset + i for i, ch in enumerate(core) if not ch.isspace()}
    return {
        offset + i
        for i, (ch, new) in enumerate(zip(core, masked, strict=True))
        if new == "*" and ch != "*"
    }
