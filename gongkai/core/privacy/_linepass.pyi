# Types of the compiled line pass (_linepass.pyx; docs/scanner.md).
from typing import Any

def scan_lines(
    text: str, start: int, end: int, number: int, forced: list[int], finding_class: type[Any]
) -> list[Any]: ...
def classify_compact(compact: str, label_word: str | None = None) -> tuple[str, bool] | None: ...
