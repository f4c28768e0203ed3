"""A file scanned in a child process with a hard time and memory budget (issue 4)."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.core.privacy import isolated
from gongkai.core.privacy.extract import ScanLimits, Unreadable
from gongkai.core.privacy.isolated import scan_file, scan_file_isolated
from gongkai.core.privacy.scanner import Finding, Segment


def reasons(results: list[Finding | Unreadable]) -> list[str]:
    return [item.reason for item in results if isinstance(item, Unreadable)]


def test_a_normal_file_gives_what_the_scan_in_process_gives(tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_text(
        "关于2025年低保对象的公示\n户主张三，身份证号码11010519491231002X，手机13812345678\n" * 800,
        encoding="utf-8",
    )
    isolated_results = list(scan_file_isolated(path, seconds=20))
    assert isolated_results == list(scan_file(path))
    assert len(isolated_results) == 2400  # more than one batch
    assert {finding.where["line"] for finding in isolated_results} == set(range(2, 1601, 2))


def test_unreadable_parts_come_back_with_their_place(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x03\x04 not a zip at all")
    [result] = scan_file_isolated(path, seconds=20)
    assert isinstance(result, Unreadable)
    assert "ZIP" in result.reason


def _slow_extract(path: object, limits: ScanLimits, select: object) -> Iterator[Segment]:
    yield Segment("手机13812345678", {"line": 1})
    time.sleep(60)  # one library call that never returns
    yield Segment("unreachable", {"line": 2})


def test_a_file_that_takes_too_long_is_cut_off_after_what_was_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolated, "_extract_file", _slow_extract)
    monkeypatch.setattr(isolated, "_FLUSH_SECONDS", 0.0)
    started = time.monotonic()
    results = list(scan_file_isolated(tmp_path / "any.txt", seconds=1.0))
    assert time.monotonic() - started < 4
    first, last = results
    assert isinstance(first, Finding) and first.kind == "cn_mobile"
    assert isinstance(last, Unreadable)
    assert last.reason.startswith("超出时间限制 (time budget exceeded: 1 s")


def _greedy_extract(path: object, limits: ScanLimits, select: object) -> Iterator[Segment]:
    yield Segment("手机13812345678", {"line": 1})
    hoard = []
    while True:  # a parser that builds an ever larger tree
        hoard.append(bytearray(16 * 1024 * 1024))


def test_a_file_that_takes_too_much_memory_is_cut_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolated, "_extract_file", _greedy_extract)
    results = list(scan_file_isolated(tmp_path / "any.txt", seconds=20, memory_bytes=200 << 20))
    first, last = results
    assert isinstance(first, Finding)
    assert reasons([last]) == [
        "超出内存限制 (memory budget exceeded: 200 MB; the rest is unread, needs manual review)"
    ]


def test_a_gigantic_line_is_read_in_pieces_within_a_small_memory_budget(tmp_path: Path) -> None:
    # One line of 150 million digits: cut into pieces of max_line_chars, it needs little memory.
    path = tmp_path / "one-line.txt"
    with path.open("wb") as file:
        for _ in range(150):
            file.write(b"1" * 1_000_000)
    assert list(scan_file_isolated(path, seconds=20, memory_bytes=128 << 20)) == []


def _dying_extract(path: object, limits: ScanLimits, select: object) -> Iterator[Segment]:
    import os
    import signal

    yield Segment("手机13812345678", {"line": 1})
    os.kill(os.getpid(), signal.SIGSEGV)  # as a crash in a C library would
    yield Segment("unreachable", {"line": 2})


def test_a_crash_of_the_child_is_reported_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolated, "_extract_file", _dying_extract)
    monkeypatch.setattr(isolated, "_FLUSH_SECONDS", 0.0)
    results = list(scan_file_isolated(tmp_path / "any.txt", seconds=20))
    assert isinstance(results[0], Finding)
    assert reasons(results) == [
        "扫描进程异常退出 (the scanning process ended abnormally: signal SIGSEGV)"
    ]


def test_an_error_in_the_child_names_its_type_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: object, limits: ScanLimits, select: object) -> Iterator[Segment]:
        raise RuntimeError("11010519491231002X")  # a message that quotes the content
        yield Segment("", {})

    monkeypatch.setattr(isolated, "_extract_file", broken)
    results = list(scan_file_isolated(tmp_path / "any.txt", seconds=20))
    assert reasons(results) == [
        "扫描进程异常退出 (the scanning process ended abnormally: RuntimeError)"
    ]


def test_closing_the_results_early_ends_the_child(tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_text("手机13812345678\n" * 5000, encoding="utf-8")
    results = scan_file_isolated(path, seconds=20)
    assert isinstance(next(results), Finding)
    results.close()  # the finally of the generator kills and reaps the child


def test_the_budgets_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        list(scan_file_isolated(tmp_path / "x.txt", seconds=0))
