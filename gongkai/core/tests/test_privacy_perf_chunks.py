"""The single-pass prefilter and the faster paths change no finding (docs/benchmarks.md).

- A line :data:`patterns.CANDIDATE` passes over gives nothing, over lines drawn from the
  characters every trigger, look-behind and separator of the scanner is made of (so that
  pieces meet in ways the word list of ``test_privacy_perf_prefilter`` does not make).
- Findings made by the scanner equal findings made by ``Finding(...)``, masks included.
- ``isolated.scan_file`` equals ``scan_segments(extract_file(...))`` across read chunks.
"""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.privacy import Finding, Segment, extract, mask, scan_segments
from gongkai.core.privacy import patterns as p
from gongkai.core.privacy.extract import ScanLimits, Unreadable, extract_file
from gongkai.core.privacy.isolated import scan_file
from gongkai.core.privacy.recognizers import LABEL_BY_WORD
from gongkai.core.privacy.scanner import fold, scan_segment
from gongkai.core.privacy.textpass import TextPass

_CHARS = (
    "0123456789０１２３４５６７８９AXEGaxｘＡＸＥ@＠.+-－()（）:： \u3000\u00a0\t"
    "密级绝机秘★·工作不得外传严禁内部资料文件使用注意保存敏感信息仅供参考阅"
    "姓名户主申请人收款持卡监护家庭成员救助对象被代理联系"
    "村区组路街巷号栋单元室一三十云京粤元￥为是的"
)
_WORDS = [*LABEL_BY_WORD, *p.HANDLING_MARKS, "11010519491231002X", "13812345678", "三组"]
_lines = st.lists(
    st.one_of(st.sampled_from(_CHARS), st.sampled_from(_WORDS)), min_size=1, max_size=30
).map("".join)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, st.sampled_from([1, 2, 9]))
def test_a_line_the_single_pass_prefilter_passes_over_gives_nothing(line: str, n: int) -> None:
    hits = TextPass(fold(line), None, {"line": n}).run()
    if hits:
        assert p.CANDIDATE.search(line), (line, hits)


@settings(max_examples=1000, deadline=None)
@given(_lines, st.sampled_from([None, "身份证号码", "联系电话", "银行卡号", "姓名", "家庭住址"]))
def test_findings_are_those_finding_and_mask_make(line: str, label: str | None) -> None:
    for found in scan_segment(Segment(line, {"line": 1}, label)):
        made = Finding(
            found.kind,
            found.severity,
            found.rule,
            mask(found.kind, fold(line)[found.start : found.end])
            if not (line.isdigit() and line.isascii())
            else mask(found.kind, line[found.start : found.end]),
            {"line": 1},
            found.start,
            found.end,
        )
        assert found == made


def test_common_shapes_are_masked_as_mask_does() -> None:
    kinds = set()
    for text, label in (
        ("13812345678", None),
        ("11010519491231002X", None),
        ("6222020200112233445", "银行卡号"),
        ("911100006000373410", "统一社会信用代码"),
    ):
        for found in scan_segment(Segment(text, {}, label)) + scan_segment(Segment(text, {})):
            kinds.add(found.kind)
            assert found.masked == mask(found.kind, text)
    assert {"cn_mobile", "cn_resident_id", "bank_card"} <= kinds


def _reference(path: Path, limits: ScanLimits) -> list[object]:
    out: list[object] = []
    for item in extract_file(path, limits=limits):
        out.extend([item.reason] if isinstance(item, Unreadable) else scan_segments([item]))
    return out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_lines, min_size=1, max_size=60), st.sampled_from([7, 64, 1000]))
def test_scan_file_across_small_read_chunks_gives_what_the_segments_give(
    tmp_path: Path, lines: list[str], chunk: int
) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    limits = ScanLimits(max_line_chars=600)
    saved = extract.CHUNK
    extract.CHUNK = chunk
    try:
        fast = [
            i.reason if isinstance(i, Unreadable) else i for i in scan_file(path, limits=limits)
        ]
        assert fast == _reference(path, limits)
    finally:
        extract.CHUNK = saved
