"""Privacy and confidentiality scanner: Chinese personal data and secret marks (issue 4).

Plain Python, no Django. Extractors turn files into :class:`Segment` objects; the scanner
turns segments into :class:`Finding` objects that carry a masked preview, never the value.
Facts, pitfalls and the masking policy: ``reference/privacy.md``.
"""

from gongkai.core.privacy.recognizers import KINDS
from gongkai.core.privacy.scanner import (
    SCANNER_VERSION,
    Finding,
    Segment,
    Severity,
    mask,
    scan_segment,
    scan_segments,
    scan_text,
)

__all__ = [
    "KINDS",
    "SCANNER_VERSION",
    "Finding",
    "Segment",
    "Severity",
    "mask",
    "scan_segment",
    "scan_segments",
    "scan_text",
]
