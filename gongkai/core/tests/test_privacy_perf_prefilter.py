"""The scanner's shortcuts (docs/benchmarks.md "Privacy scanner") change no finding.

- A line in which none of ``patterns.CANDIDATES`` matches gives nothing when scanned.
- A text of digits gives what the full pass gives.
- ``isolated.scan_file`` (text read through ``scanner.line_selector``: the compiled line pass,
  or the prefilter where it is not built) gives what ``scan_segments(extract_file(...))``
  gives.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.privacy import Segment, scan_segments, scanner
from gongkai.core.privacy import patterns as p
from gongkai.core.privacy.extract import ScanLimits, Unreadable, extract_file
from gongkai.core.privacy.isolated import scan_file
from gongkai.core.privacy.recognizers import LABEL_BY_WORD, column_label
from gongkai.core.privacy.scanner import fold
from gongkai.core.privacy.textpass import TextPass

# Pieces of lines: numbers whole, split, full-width and short; labels, marks, names, places.
_PIECES = [
    "11010519491231002X",
    "440524188001010014",
    "530102 19850315 123x",
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "+86 13812345678",
    "008613812345678",
    "１３８１２３４５６７８",
    "１３８－１２３４－５６７８",
    "6222020200112233445",
    "6222 0202 0011 2233",
    "91110000600037341L",
    "(0871)65123456",
    "（0871） 651234",
    "0871-65123456",
    "E12345678",
    "Ｅ１２３４５６７８",
    "zhang.san@example.com",
    "ｌｉ＠ｑｑ．ｃｏｍ",
    "云A12345",
    "云Ａ·１２３４５",
    "勐托村三组",
    "团结村5组23号",
    "幸福路12号3栋2单元501室",
    "绝密★30年",
    "秘密",
    "机密·永久",
    "密级：秘密",
    "工作秘密",
    "内部资料",
    "不得外传",
    "姓名：张三",
    "户主张三",
    "申请人：李四",
    "12345",
    "2024年3月15日",
    "3.13812345678",
    "13812345678元",
    "￥6222020200112233445",
    "1",
    "23",
    "456",
    "7890",
    "ab",
    "X",
    " ",
    "-",
    "\u3000",
    "）",
    "（",
    "：",
    ":",
    "，",
    "。",
    "为",
    "是",
    "的",
    "工作",
    "深入贯彻落实",
    *LABEL_BY_WORD,
]
_lines = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, st.sampled_from([1, 2, 7]))
def test_a_line_the_prefilter_passes_over_gives_nothing(line: str, number: int) -> None:
    hits = TextPass(fold(line), None, {"line": number}).run()
    if hits:
        assert any(pattern.search(line) for pattern in p.CANDIDATES), (line, hits)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="0123456789", min_size=1, max_size=24),
    st.sampled_from(
        [None, "身份证号码", "联系电话", "银行卡号", "备注", "流水号", "姓名", "家庭住址"]
    ),
)
def test_a_cell_of_digits_gives_what_the_full_pass_gives(text: str, header: str | None) -> None:
    column = column_label(header) if header else None
    assert TextPass(text, column, {}).run_digits() == TextPass(text, column, {}).run()


def _reference(path: Path, terms: tuple[str, ...], limits: ScanLimits) -> list[object]:
    out: list[object] = []
    for item in extract_file(path, limits=limits):
        if isinstance(item, Unreadable):
            out.append(item.reason)
        else:
            out.extend(scan_segments([item], terms=terms))
    return out


def _fast(
    path: Path, terms: tuple[str, ...], limits: ScanLimits, compiled: bool = True
) -> list[object]:
    """``scan_file``; with ``compiled=False`` as where the compiled line pass is not built."""
    with pytest.MonkeyPatch.context() as patch:
        if not compiled:
            patch.setattr(scanner, "_scan_lines", None)
        return [
            item.reason if isinstance(item, Unreadable) else item
            for item in scan_file(path, terms=terms, limits=limits)
        ]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.one_of(_lines, st.just(""), st.just("深入贯彻落实" * 40)), max_size=40),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([(), ("贯彻",), ("１２３", "内部")]),
    st.sampled_from([600, 1_000_000]),
    st.sampled_from(["utf-8", "gb18030", "utf-16"]),
    st.booleans(),
)
def test_scan_file_gives_what_the_segments_give(
    tmp_path: Path,
    lines: list[str],
    newline: str,
    terms: tuple[str, ...],
    max_line_chars: int,
    encoding: str,
    compiled: bool,
) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(newline.join(lines).encode(encoding))
    limits = ScanLimits(max_line_chars=max_line_chars)
    assert _fast(path, terms, limits, compiled) == _reference(path, terms, limits)


def test_scan_file_of_a_long_text_in_chunks_gives_what_the_segments_give(tmp_path: Path) -> None:
    # More than one read chunk (1 MB), long lines cut into pieces, items at the cuts.
    filler = "深入贯彻落实党中央决策部署，" * 30
    rows = [
        filler + ("身份证号码：11010519491231002X，手机13812345678" if n % 7 == 0 else "")
        for n in range(4000)
    ]
    rows[1500] = "6222020200112233445 " * 60_000  # a line longer than max_line_chars
    path = tmp_path / "long.txt"
    path.write_text("\n".join(rows), encoding="utf-8")
    limits = ScanLimits(max_line_chars=100_000)
    fast = _fast(path, (), limits)
    assert fast == _reference(path, (), limits)
    assert len(fast) > 1000
    assert _fast(path, (), limits, compiled=False) == fast


def test_scan_file_reads_other_formats_as_extract_file_does(tmp_path: Path) -> None:
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,身份证号码\n张三,11010519491231002X\n", encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 10)
    for path in (csv, junk):
        assert _fast(path, (), ScanLimits()) == _reference(path, (), ScanLimits())


def test_scan_segments_still_takes_any_segment() -> None:
    [finding] = scan_segments([Segment("１３８１２３４５６７８", {"line": 1})])
    assert finding.kind == "cn_mobile"
