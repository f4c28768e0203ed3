"""`gongkai documents import|export`: every row checked first, all or nothing, idempotent,
and an export that another installation can import."""

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from gongkai.accounts.models import Unit
from gongkai.audit.models import AuditEvent
from gongkai.documents import bulk, services
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.models import IndexSequence, Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish

SHANGHAI = ZoneInfo("Asia/Shanghai")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def row(n: int, **cells: str) -> dict[str, str]:
    base = {
        "标题": f"关于做好第{n}批低保资金发放工作的通知",
        "发文机关": "测试市民政局",
        "文号": f"测民发〔2025〕{n}号",
        "成文日期": "2025-03-02",
        "主题分类": "民政、扶贫、救灾\\社会福利",
        "体裁": "通知",
        "关键词": "低保",
        "内容概述": "资金发放安排。",
        "栏目": "zcwj；tzgg",
        "公开属性": "主动公开",
        "正文": "各县（区）民政局：\n现将有关事项通知如下。",
    }
    return base | cells


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    headers = list(dict.fromkeys(h for r in rows for h in r))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("documents", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("documents", *args, stdout=io.StringIO(), stderr=err)
    assert error.value.returncode == 2
    return err.getvalue() + str(error.value)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "图解.png").write_bytes(png_bytes())
    (folder / "细则.docx").write_bytes(docx_bytes("低保实施细则"))
    (folder / "伪装.pdf").write_bytes(docx_bytes("其实是 Word 文档"))
    return folder


def test_rows_become_draft_records_audited_as_the_system(cast, columns, media, tmp_path, files):
    path = write_csv(tmp_path / "in.csv", [row(1, 附件="图解.png；细则.docx"), row(2, 栏目="")])
    out, _ = run("import", str(path), "--agency", "TESTA", "--attachments", str(files))
    assert "新增 2 条" in out
    record = Record.objects.get(document_number="测民发〔2025〕1号")
    assert record.status == "draft" and record.index_number == "" and record.created_by is None
    assert record.body == "<p>各县（区）民政局：</p><p>现将有关事项通知如下。</p>"
    assert {c.slug for c in record.columns.all()} == {"zcwj", "tzgg"}
    assert [a.kind for a in record.attachments.all()] == ["png", "docx"]
    events = AuditEvent.objects.filter(object_id=str(record.pk), object_type="documents.record")
    assert {e.actor_label for e in events} == {"system"}
    assert {"record.create", "record.attach", "record.import"} <= {e.action for e in events}


def test_a_file_with_bad_rows_imports_nothing_and_names_every_row(
    cast, columns, media, tmp_path, files
):
    rows = [
        row(1),
        row(2, 成文日期="2025-02-30"),
        row(3, 栏目="zcwj；nosuch"),
        row(4, 公开属性="不公开", 不公开依据="属于四类过程性信息"),
        row(5, 附件="不存在.pdf"),
        row(6, 附件="伪装.pdf"),
        row(7, 文号="临民发2025第3号"),
        row(8, 体裁="小说", 主题分类="天文"),
        row(9, 标题=""),
    ]
    path = write_csv(tmp_path / "in.csv", rows)
    audit_before = AuditEvent.objects.count()
    errors = refused("import", str(path), "--agency", "TESTA", "--attachments", str(files))
    for line, words in [
        (3, "成文日期“2025-02-30”无效"),
        (4, "栏目“nosuch”在本机关不存在"),
        (5, "须说明理由"),
        (6, "附件“不存在.pdf”在附件目录中找不到"),
        (7, "扩展名"),
        (8, "文号“临民发2025第3号”格式不正确"),
        (9, "体裁“小说”无法识别"),
        (9, "主题分类“天文”不在国务院主题分类表中"),
        (10, "标题不能为空"),
    ]:
        assert f"第 {line} 行：" in errors and words in errors, words
    assert "第 2 行" not in errors
    assert "未导入任何数据" in errors
    assert Record.objects.count() == 0 and AuditEvent.objects.count() == audit_before
    assert [p for p in Path(media).rglob("*") if p.is_file()] == []


def test_skip_invalid_imports_the_good_rows_and_writes_the_bad_ones(cast, columns, media, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(1), row(2, 有效性="作废"), row(3)])
    bad = tmp_path / "bad.csv"
    out, err = run("import", str(path), "--agency", "TESTA", "--skip-invalid", str(bad))
    assert "新增 2 条" in out and "1 行有错误" in err
    [written] = list(csv.DictReader(bad.open(encoding="utf-8-sig")))
    assert written["标题"] == row(2)["标题"]
    assert written["错误"].startswith("第 3 行：有效性“作废”无法识别")
    # Corrected, the file of bad rows goes back in as it is (its 错误 column is ignored).
    write_csv(bad, [written | {"有效性": "已废止"}])
    out, _ = run("import", str(bad), "--agency", "TESTA")
    assert "新增 1 条" in out
    assert Record.objects.get(document_number="测民发〔2025〕2号").validity == "repealed"


def test_importing_the_same_file_twice_changes_nothing(cast, columns, media, tmp_path, files):
    rows = [row(n) for n in range(1, 4)]
    rows += [row(9, 文号="", 标题="工作动态：走访慰问困难群众", 附件="图解.png")]
    path = write_csv(tmp_path / "in.csv", rows)
    run("import", str(path), "--agency", "TESTA", "--attachments", str(files))
    counts = (Record.objects.count(), AuditEvent.objects.count())
    out, _ = run("import", str(path), "--agency", "TESTA", "--attachments", str(files))
    assert "新增 0 条" in out and "4 条已存在未改动" in out
    assert (Record.objects.count(), AuditEvent.objects.count()) == counts


def test_the_same_record_twice_in_one_file_is_an_error(cast, columns, media, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(1), row(2), row(1, 成文日期="2025-03-03")])
    errors = refused("import", str(path), "--agency", "TESTA")
    assert "第 4 行：与第 2 行是同一条记录（文号相同）" in errors


def test_a_document_number_held_by_another_record_is_an_error(cast, columns, media, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(1)])
    run("import", str(path), "--agency", "TESTA")
    write_csv(path, [row(1, 成文日期="2025-04-01")])
    assert "已被本机关另一条记录使用" in refused("import", str(path), "--agency", "TESTA")


def test_historic_rows_are_published_with_their_date_and_index_number(
    cast, columns, media, tmp_path
):
    rows = [
        row(1, 索引号="TESTA/2026-00007", 发布日期="2026-03-05 09:30:00"),
        row(2, 发布日期="2025-03-06"),  # no 索引号: one from the agency's template
        row(3, 索引号="TESTA/2026-00003", 发布日期="2026-03-05", 状态="已撤回"),
        row(4),
    ]
    path = write_csv(tmp_path / "in.csv", rows)
    out, _ = run("import", str(path), "--agency", "TESTA", "--publish")
    assert "新增 4 条（其中已发布 2 条）" in out
    first = Record.objects.get(document_number="测民发〔2025〕1号")
    assert first.status == "published" and first.index_number == "TESTA/2026-00007"
    assert first.published_at == datetime(2026, 3, 5, 9, 30, tzinfo=SHANGHAI)
    assert first.releases.get().released_on == date(2026, 3, 5)
    assert first.events.last().step == "import"
    assert Record.objects.get(document_number="测民发〔2025〕2号").index_number == (
        "TESTA/2025-00001"
    )
    assert Record.objects.get(document_number="测民发〔2025〕3号").status == "draft"
    assert Record.objects.get(document_number="测民发〔2025〕4号").status == "draft"
    # The next number handed out by the workflow does not collide with the imported ones.
    assert IndexSequence.objects.get(agency=cast.agency, year=2026).last == 7
    draft = services.record_create(
        actor=cast.drafter_a, agency=cast.agency, data=policy_data(cast), now=NOW
    )
    assert publish(cast, draft).index_number == "TESTA/2026-00008"


def test_a_publication_date_in_the_future_is_refused(cast, columns, media, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(1, 发布日期="2099-01-01")])
    assert "发布日期晚于现在" in refused("import", str(path), "--agency", "TESTA", "--publish")


def make_public_records(cast, columns, media) -> list[Record]:
    def create(actor=cast.drafter_a, **data):
        return services.record_create(
            actor=actor,
            agency=cast.agency,
            data=policy_data(cast, **data),
            columns=[columns["zcwj"], columns["shjz"]],
            now=NOW,
        )

    first = create(keywords="低保；救助")
    services.attachment_add(actor=cast.drafter_a, record=first, name="图解.png", data=png_bytes())
    redacted = create(
        title="低保对象名单",
        document_number="临民发〔2026〕4号",
        attribute="redacted",
        ground="third_party",
        attribute_reason="含个人信息",
        body="<p>张三 530900199001011234</p>",
        redacted_body="<p>张* 已删除</p>",
        unit=None,  # agency-wide: 发布机构 is the agency itself
        actor=cast.office,
    )
    withheld = create(
        title="不公开的会议纪要",
        document_number="临民发〔2026〕5号",
        attribute="withheld",
        ground="process_information",
        attribute_reason="过程性信息",
    )
    published = [publish(cast, r) for r in (first, redacted, withheld)]
    create(title="草稿", document_number="临民发〔2026〕6号")
    return published[:2]


FIELDS = [
    "index_number",
    "title",
    "issuing_body",
    "document_number",
    "written_on",
    "published_at",
    "subject",
    "genre",
    "keywords",
    "summary",
    "validity",
    "attribute",
    "ground",
    "attribute_reason",
    "redacted_body",
    "status",
]


def snapshot(record: Record) -> dict:
    values = {name: getattr(record, name) for name in FIELDS}
    values["body"] = record.public_body
    values["unit"] = record.unit.name if record.unit else None
    values["columns"] = sorted(c.slug for c in record.columns.all())
    values["files"] = [(a.original_name, a.sha256) for a in record.attachments.all()]
    return values


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_an_export_imports_into_an_empty_agency_as_the_same_records(
    cast, columns, media, tmp_path, suffix
):
    originals = make_public_records(cast, columns, media)
    expected = {r.title: snapshot(r) for r in originals}
    path, folder = tmp_path / f"out{suffix}", tmp_path / "files"
    out, err = run("export", "--agency", "TESTA", "-o", str(path), "--attachments", str(folder))
    assert "导出 2 条" in out and err == ""
    # As in another installation: the originals are gone, the new agency has the same
    # columns and units, and the 索引号 are free.
    Record.objects.all().delete()
    other = cast.other_agency
    columns_install_standard(actor=None, agency=other)
    Unit.objects.create(agency=other, code="BGS", name="办公室", kind=Unit.Kind.INTERNAL)
    run("import", str(path), "--agency", "TESTB", "--publish", "--attachments", str(folder))
    imported = {r.title: snapshot(r) for r in Record.objects.filter(agency=other)}
    assert imported == expected


def test_a_public_export_holds_public_records_and_redacted_bodies_only(
    cast, columns, media, tmp_path
):
    make_public_records(cast, columns, media)
    path = tmp_path / "out.jsonl"
    run("export", "--agency", "TESTA", "--year", "2026", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert {line["标题"] for line in lines} == {"临沧市最低生活保障实施细则", "低保对象名单"}
    assert "530900199001011234" not in text
    by_title = {line["标题"]: line for line in lines}
    assert by_title["临沧市最低生活保障实施细则"]["附件"] == "图解.png"
    assert by_title["低保对象名单"]["正文"] == "<p>张* 已删除</p>"
    run("export", "--agency", "TESTA", "--year", "2025", "-o", str(path))
    assert path.read_text() == ""


def test_a_backup_export_holds_every_record_and_warns(cast, columns, media, tmp_path):
    make_public_records(cast, columns, media)
    path = tmp_path / "backup.xlsx"
    _, err = run("export", "--agency", "TESTA", "--all-statuses", "-o", str(path))
    assert "警告" in err
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    titles = {r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"不公开的会议纪要", "草稿"} <= titles


def test_a_spreadsheet_formula_is_exported_as_text_and_read_back(cast, columns, media, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(1, 关键词="=HYPERLINK(1)")])
    run("import", str(path), "--agency", "TESTA")
    run("export", "--agency", "TESTA", "--all-statuses", "-o", str(tmp_path / "out.csv"))
    assert ",'=HYPERLINK(1)," in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert bulk.read_rows(tmp_path / "out.csv")[0].cells["关键词"] == "=HYPERLINK(1)"


def test_xlsx_and_jsonl_files_are_read_like_csv(cast, columns, media, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["标题", "文号", "成文日期", "公开属性", "正文", "栏目"])
    sheet.append(
        ["表格中的通知", "测民发〔2025〕1号", date(2025, 3, 2), "主动公开", "正文", "zcwj"]
    )
    book.save(tmp_path / "in.xlsx")
    jsonl = tmp_path / "in.jsonl"
    cells = row(2, 栏目=["zcwj", "政策解读"])  # a list, and a column by its name
    jsonl.write_text("\n" + json.dumps(cells, ensure_ascii=False) + "\n", encoding="utf-8")
    run("import", str(tmp_path / "in.xlsx"), "--agency", "TESTA")
    run("import", str(jsonl), "--agency", "TESTA")
    assert Record.objects.get(title="表格中的通知").written_on == date(2025, 3, 2)
    second = Record.objects.get(document_number="测民发〔2025〕2号")
    assert {c.slug for c in second.columns.all()} == {"zcwj", "zcjd"}
    jsonl.write_text('{"标题": "x"}\n[1]\nnot json\n', encoding="utf-8")
    errors = refused("import", str(jsonl), "--agency", "TESTA")
    assert "第 1 行：正文不能为空" in errors and "第 2 行：应为一个 JSON 对象" in errors
    assert "第 3 行：不是有效的 JSON" in errors


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("in.txt", "标题\n".encode(), "不支持的文件类型"),
        ("in.csv", "标题,公开属性,正文\n通知,主动公开,正文\n".encode("gbk"), "不是 UTF-8"),
        ("in.xlsx", b"not a workbook", "无法作为 XLSX 表格打开"),
        ("in.csv", "标题,题目,正文\n".encode(), "未知的列“题目”"),
        ("in.csv", "标题,正文\n".encode(), "缺少必需的列“公开属性”"),
        ("in.csv", "标题,公开属性,正文\n".encode(), "没有数据行"),
    ],
)
def test_an_unusable_file_is_refused_with_a_clear_reason(cast, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert expected in refused("import", str(path), "--agency", "TESTA")


def test_an_unknown_agency_or_missing_folder_is_refused(cast, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(1)])
    assert "NOSUCH" in refused("import", str(path), "--agency", "NOSUCH")
    assert "附件目录" in refused(
        "import", str(path), "--agency", "TESTA", "--attachments", str(tmp_path / "none")
    )
    assert "附件目录" in refused(
        "import", str(write_csv(path, [row(1, 附件="a.png")])), "--agency", "TESTA"
    )


def test_two_hundred_rows_are_imported_in_one_go(cast, columns, media, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(n) for n in range(1, 201)])
    out, _ = run("import", str(path), "--agency", "TESTA")
    assert "新增 200 条" in out and Record.objects.count() == 200


def test_a_row_failing_while_saving_rolls_back_every_row_and_its_files(
    cast, columns, media, tmp_path, files, monkeypatch
):
    real_attach = services.attachment_add

    def attach(*, name, **kwargs):
        if name == "细则.docx":
            raise ValidationError({"file": "磁盘已满"})
        return real_attach(name=name, **kwargs)

    monkeypatch.setattr(services, "attachment_add", attach)
    rows = [row(1, 附件="图解.png"), row(2, 附件="细则.docx")]
    path = write_csv(tmp_path / "in.csv", rows)
    errors = refused("import", str(path), "--agency", "TESTA", "--attachments", str(files))
    assert "第 3 行：保存时出错：磁盘已满" in errors
    assert Record.objects.count() == 0
    assert [p for p in Path(media).rglob("*") if p.is_file()] == []


def test_an_index_number_of_another_agency_is_refused_for_publication(
    cast, columns, media, tmp_path
):
    make_public_records(cast, columns, media)
    path, folder = tmp_path / "out.csv", str(tmp_path / "files")
    run("export", "--agency", "TESTA", "-o", str(path), "--attachments", folder)
    columns_install_standard(actor=None, agency=cast.other_agency)
    Unit.objects.create(agency=cast.other_agency, code="BGS", name="办公室", kind="internal")
    errors = refused("import", str(path), "--agency", "TESTB", "--publish", "--attachments", folder)
    assert "索引号“TESTA/2026-00001”已被其他机关的记录使用" in errors
    # As drafts, which keep no 索引号, they are welcome.
    out, _ = run("import", str(path), "--agency", "TESTB", "--attachments", folder)
    assert "新增 2 条（其中已发布 0 条）" in out


def test_an_export_to_a_missing_folder_or_of_another_kind_is_refused(cast, tmp_path):
    assert "不存在" in refused("export", "--agency", "TESTA", "-o", str(tmp_path / "no/a.csv"))
    assert "不支持的文件类型" in refused(
        "export", "--agency", "TESTA", "-o", str(tmp_path / "a.doc")
    )


@pytest.mark.parametrize("suffix", [".jsonl", ".xlsx"])
def test_unusual_characters_survive_or_are_dropped_where_a_format_cannot_hold_them(
    cast, columns, media, tmp_path, suffix
):
    path = write_csv(tmp_path / "in.csv", [row(1, 内容概述="第一\u2028第\x0b二")])
    run("import", str(path), "--agency", "TESTA")
    out = tmp_path / f"out{suffix}"
    run("export", "--agency", "TESTA", "--all-statuses", "-o", str(out))
    [read] = bulk.read_rows(out)
    expected = "第一\u2028第\x0b二" if suffix == ".jsonl" else "第一\u2028第二"
    assert read.cells["内容概述"] == expected
