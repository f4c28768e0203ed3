"""`gongkai scan` (DESIGN.md contract): findings as lines or JSON, never the raw value; exit 0/1/2.

Most tests run the command in-process without database access (pytest-django refuses it, which
is the proof that a scan never opens the database); a few run the real console script to check
what an operator sees: exit statuses, one-line errors, no traceback.
"""

import json
import os
import subprocess
import sys
import zipfile
from io import BytesIO, StringIO

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ID = "11010519491231002X"  # GB 11643-1999's own example: valid
MOBILE = "13812345678"
CONTRACT_KEYS = {"file", "where", "kind", "severity", "masked"}


def scan(*args):
    """(exit status, stdout, stderr) of `gongkai scan`, run in this process."""
    out, err = StringIO(), StringIO()
    try:
        call_command("scan", *map(str, args), stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    except CommandError as exc:
        status, err = exc.returncode, StringIO(str(exc))
    return status, out.getvalue(), err.getvalue()


def scan_json(*args):
    status, out, err = scan("--json", *args)
    return status, [json.loads(line) for line in out.splitlines()], err


def run(*args, cwd=None):
    """The real console script, as an operator runs it."""
    env = {
        **os.environ,
        "GONGKAI_DEBUG": "1",
        "GONGKAI_SECRET_KEY": "test",
        "GONGKAI_DATABASE_URL": f"sqlite:///{cwd or '/nonexistent'}/never.sqlite3",
    }
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "scan", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    return root


def workbook_with_a_hidden_identity_column():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "低保名单"
    sheet.append(["姓名", "身份证号", "保障人数"])
    sheet.append(["张三", ID, 3])
    sheet.append(["李四", 5.30902198503151e17, 2])  # an ID Excel stored as a number
    sheet.column_dimensions["B"].hidden = True
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


DELETED_MOBILE = (
    '<w:r><w:t xml:space="preserve">联系电话：</w:t></w:r>'
    f'<w:del w:id="1" w:author="a"><w:r><w:delText>{MOBILE}</w:delText></w:r></w:del>'
)


def docx_with_a_deleted_mobile(revision=DELETED_MOBILE):
    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    out = BytesIO()
    document.save(out)
    with zipfile.ZipFile(BytesIO(out.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    start = xml.rindex("<w:r>", 0, xml.index("PLACEHOLDER"))
    end = xml.index("</w:r>", xml.index("PLACEHOLDER")) + len("</w:r>")
    parts["word/document.xml"] = (xml[:start] + revision + xml[end:]).encode()
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


# The contract


def test_findings_are_json_lines_with_the_contract_keys_and_no_raw_value(folder):
    (folder / "a.txt").write_text(f"姓名：王五 身份证号：{ID}\n手机 {MOBILE}\n", encoding="utf-8")
    status, lines, err = scan_json(folder)
    assert status == 1
    assert err == ""
    assert all(CONTRACT_KEYS <= set(line) <= CONTRACT_KEYS | {"rule", "reason"} for line in lines)
    [identity] = [line for line in lines if line["kind"] == "cn_resident_id"]
    assert identity == {
        "file": str(folder / "a.txt"),
        "where": {"line": 1},
        "kind": "cn_resident_id",
        "severity": "high",
        "masked": "1101**********002X",
        "rule": identity["rule"],
    }
    assert {"line": 2} in [line["where"] for line in lines if line["kind"] == "cn_mobile"]


def test_the_text_output_gives_one_line_per_finding_and_a_summary(folder):
    (folder / "a.txt").write_text(f"身份证号：{ID}\n", encoding="utf-8")
    status, out, _err = scan(folder)
    first, summary = out.splitlines()
    assert status == 1
    assert first == f"{folder / 'a.txt'}:line=1 cn_resident_id high 1101**********002X"
    assert "scanned 1 files: 1 findings — high 1" in summary
    assert ID not in out


def test_a_clean_folder_exits_0(folder):
    (folder / "a.txt").write_text("今天天气很好。\n", encoding="utf-8")
    status, out, err = scan(folder)
    assert (status, err) == (0, "")
    assert out.strip().endswith("(scanned 1 files: nothing found)")


def test_a_path_that_does_not_exist_exits_2_before_anything_is_scanned(folder):
    (folder / "a.txt").write_text(f"身份证号：{ID}\n", encoding="utf-8")
    status, out, err = scan(folder, folder / "missing.txt")
    assert status == 2
    assert out == ""
    assert "missing.txt" in err


def test_files_and_folders_are_scanned_in_sorted_order(folder):
    for name in ("b/2.txt", "b/1.txt", "a.txt", "c.txt", "b/a/x.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"手机 {MOBILE}\n", encoding="utf-8")
    _status, lines, _err = scan_json(folder / "c.txt", folder)
    files = [line["file"][len(str(folder)) + 1 :] for line in lines]
    assert files == ["c.txt", "a.txt", "b/1.txt", "b/2.txt", "b/a/x.txt", "c.txt"]


# Extractors, through the command


def test_a_hidden_identity_column_and_a_float_identity_number_are_found(folder):
    (folder / "名单.xlsx").write_bytes(workbook_with_a_hidden_identity_column())
    status, lines, _err = scan_json(folder)
    ids = {line["where"]["cell"]: line for line in lines if line["kind"] == "cn_resident_id"}
    assert status == 1
    assert ids["B2"]["where"] == {"sheet": "低保名单", "cell": "B2", "hidden": "column"}
    assert ids["B3"]["where"]["stored_as"] == "number"
    assert ids["B3"]["masked"] == "5309**********1000"


def test_a_tracked_deletion_is_found_once(folder):
    (folder / "a.docx").write_bytes(docx_with_a_deleted_mobile())
    _status, lines, _err = scan_json(folder)
    [mobile] = [line for line in lines if line["kind"] == "cn_mobile"]
    assert mobile["where"] == {"part": "word/document.xml", "paragraph": 1, "revision": "original"}


def test_a_number_a_tracked_change_did_not_touch_is_found_once(folder):
    revision = (
        '<w:del w:id="1" w:author="a"><w:r><w:delText>旧的说明，</w:delText></w:r></w:del>'
        f"<w:r><w:t>联系电话：{MOBILE}</w:t></w:r>"
    )
    (folder / "a.docx").write_bytes(docx_with_a_deleted_mobile(revision))
    _status, lines, _err = scan_json(folder)
    assert [line["where"] for line in lines] == [{"part": "word/document.xml", "paragraph": 1}]


def test_an_archive_member_is_located_by_its_path(folder):
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("附件/名单.xlsx", workbook_with_a_hidden_identity_column())
    (folder / "a.zip").write_bytes(out.getvalue())
    _status, lines, _err = scan_json(folder)
    assert {"member": "附件/名单.xlsx", "sheet": "低保名单", "cell": "B2", "hidden": "column"} in [
        line["where"] for line in lines
    ]


def test_gbk_text_is_scanned(folder):
    (folder / "a.txt").write_bytes(f"户主身份证号：{ID}\n".encode("gbk"))
    _status, lines, _err = scan_json(folder)
    assert [line["kind"] for line in lines] == ["cn_resident_id"]


def test_a_file_name_is_scanned_too(folder):
    (folder / f"王五_{ID}.txt").write_text("无\n", encoding="utf-8")
    _status, lines, _err = scan_json(folder)
    assert [(line["kind"], line["where"]) for line in lines] == [
        ("cn_resident_id", {"part": "name"})
    ]


# Unreadable files are findings


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("junk.bin", bytes(range(256)) * 40, "binary content"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "needs manual review"),
        (
            "a.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "password",
        ),
        ("bomb.zip", None, "zip bomb"),
    ],
)
def test_an_unreadable_file_is_a_high_finding_with_a_reason(folder, name, data, reason):
    if data is None:
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("zeros.txt", b"0" * (8 * 1024 * 1024))
        data = out.getvalue()
    (folder / name).write_bytes(data)
    status, lines, _err = scan_json(folder)
    [line] = lines
    assert status == 1
    assert (line["kind"], line["severity"], line["masked"]) == ("unreadable", "high", "")
    assert reason in line["reason"]


def test_an_encrypted_pdf_is_unreadable(folder):
    from gongkai.core.tests.test_files import encrypted_pdf

    (folder / "a.pdf").write_bytes(encrypted_pdf())
    _status, lines, _err = scan_json(folder)
    assert [(line["kind"], line["where"]) for line in lines] == [("unreadable", {})]


def test_a_file_over_the_size_limit_is_unreadable(folder):
    (folder / "big.txt").write_bytes(b"x" * (2 * 1024 * 1024))
    _status, lines, _err = scan_json("--max-size", 1, folder)
    assert "larger than the scan limit of 1 MB" in lines[0]["reason"]


def test_a_file_over_its_time_budget_is_unreadable_for_the_rest(folder):
    (folder / "a.txt").write_text("正文\n" * 1000 + f"手机 {MOBILE}\n", encoding="utf-8")
    _status, lines, _err = scan_json("--time-budget", "0.000001", folder)
    assert [line["kind"] for line in lines] == ["unreadable"]
    assert "time budget exceeded: 1e-06 s" in lines[0]["reason"]


def test_a_file_over_its_memory_budget_is_unreadable_after_what_was_found(folder):
    # One line of 9 MB: more than the budget of 1 MB lets the scanning process hold. Run in a
    # fresh process: memory this test process freed earlier would be reused within the budget.
    (folder / "a.txt").write_text(f"手机 {MOBILE}\n" + "正文" * 3_000_000, encoding="utf-8")
    command = [sys.executable, "-m", "gongkai", "scan", "--json", "--memory-budget", "1"]
    done = subprocess.run([*command, str(folder)], capture_output=True, text=True, timeout=60)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1
    assert lines[-1]["kind"] == "unreadable"
    assert "memory budget exceeded" in lines[-1]["reason"]


def test_a_symbolic_link_to_a_folder_is_reported_not_followed(folder, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (folder / "link").symlink_to(tmp_path / "elsewhere")
    _status, lines, _err = scan_json(folder)
    assert [(line["file"], line["kind"]) for line in lines] == [
        (str(folder / "link"), "unreadable")
    ]


# Sensitive terms


def test_terms_come_from_a_file(folder, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("# 敏感词\n内部讨论稿\n\n", encoding="utf-8")
    (folder / "a.txt").write_text("这是内部讨论稿，请勿外传。\n", encoding="utf-8")
    status, lines, _err = scan_json("--terms", terms, folder)
    assert status == 1
    assert [line["kind"] for line in lines] == ["sensitive_term"]
    assert "内部讨论稿" not in json.dumps(lines, ensure_ascii=False)


def test_a_terms_file_that_cannot_be_read_is_a_usage_error(folder, tmp_path):
    status, _out, err = scan("--terms", tmp_path / "none.txt", folder)
    assert status == 2
    assert "none.txt" in err


# Redaction


def test_redact_writes_masked_copies_of_text_and_csv_that_scan_clean(folder, tmp_path):
    (folder / "a.txt").write_bytes(f"说明\r\n身份证号：{ID}\r\n".encode("gbk"))
    (folder / "sub").mkdir()
    (folder / "sub/名单.csv").write_text(
        f'姓名,身份证号,备注\n张三,{ID},"手机 {MOBILE}"\n', encoding="utf-8-sig"
    )
    out = tmp_path / "out"
    status, _lines, err = scan_json("--redact", out, folder)
    assert status == 1  # the originals have findings
    assert err == ""
    text = (out / "a.txt").read_bytes().decode("gbk")
    assert text == "说明\r\n身份证号：1101**********002X\r\n"
    table = (out / "sub/名单.csv").read_bytes()
    assert table.startswith(b"\xef\xbb\xbf")
    # Names are low findings in a list (privacy.md §5.2: full names by default): they stay.
    assert (
        table.decode("utf-8-sig")
        == "姓名,身份证号,备注\n张三,1101**********002X,手机 138****5678\n"
    )
    _status, lines, _err = scan_json(out)
    assert {line["severity"] for line in lines} == {"low"}


def test_a_redaction_that_leaves_a_high_finding_fails_loudly_and_keeps_no_copy(folder, tmp_path):
    (folder / "a.txt").write_text("机密★10年\n正文\n", encoding="utf-8")
    out = tmp_path / "out"
    status, _lines, err = scan_json("--redact", out, folder)
    assert status == 1
    assert "redaction failed, no copy written" in err and "secret_marking" in err
    assert not (out / "a.txt").exists()


def test_a_copy_left_by_an_earlier_run_is_removed_when_redaction_fails(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("旧副本\n", encoding="utf-8")
    (folder / "a.txt").write_text("机密★10年\n正文\n", encoding="utf-8")
    status, _lines, _err = scan_json("--redact", out, folder)
    assert status == 1
    assert not (out / "a.txt").exists()


def test_redact_writes_docx_xlsx_and_html_copies(folder, tmp_path):
    (folder / "a.docx").write_bytes(docx_with_a_deleted_mobile())
    (folder / "b.xlsx").write_bytes(workbook_with_a_hidden_identity_column())
    (folder / "c.html").write_text(f'<p title="手机 {MOBILE}">身份证号：{ID}</p>', encoding="utf-8")
    out = tmp_path / "out"
    status, _lines, err = scan_json("--redact", out, folder)
    assert status == 1
    assert err == ""
    assert sorted(path.name for path in out.iterdir()) == ["a.docx", "b.xlsx", "c.html"]
    assert docx.Document(out / "a.docx").paragraphs[0].text == "联系电话："  # deletion dropped
    sheet = openpyxl.load_workbook(out / "b.xlsx")["低保名单"]
    assert [sheet["B2"].value, sheet["B3"].value] == ["1101**********002X", "5309**********1000"]
    assert (out / "c.html").read_text(encoding="utf-8") == (
        '<p title="手机 138****5678">身份证号：1101**********002X</p>'
    )
    _status, lines, _err = scan_json(out)
    assert not [line for line in lines if line["severity"] != "low"]


def test_redaction_of_a_format_it_cannot_redact_is_a_usage_error(folder, tmp_path):
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as members:
        members.writestr("名单.txt", f"身份证号：{ID}\n")
    (folder / "a.zip").write_bytes(archive.getvalue())
    status, _lines, err = scan_json("--redact", tmp_path / "out", folder)
    assert status == 2
    assert err.count("\n") <= 1
    assert "redaction not implemented yet for" in err and "a.zip" in err


# The real command line


def test_the_console_script_prints_no_raw_value_and_exits_1(folder):
    (folder / "a.txt").write_text(f"身份证号：{ID}\n手机：{MOBILE}\n", encoding="utf-8")
    result = run("--json", folder, cwd=folder.parent)
    assert result.returncode == 1
    assert ID not in result.stdout + result.stderr
    assert MOBILE not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert not (folder.parent / "never.sqlite3").exists()  # the database is never opened


@pytest.mark.parametrize(
    "args, message",
    [
        (["/no/such/path"], "no such file or directory"),
        ([], "usage error"),
        (["--bogus", "."], "usage error"),
        (["--time-budget", "soon", "."], "usage error"),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_no_traceback(args, message, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_redaction_of_a_file_with_an_unreadable_part_fails_and_writes_nothing(folder, tmp_path):
    archive = BytesIO()
    document = docx.Document()
    document.add_paragraph(f"身份证号：{ID}")
    document.save(archive)
    data = archive.getvalue()
    with zipfile.ZipFile(BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/embeddings/image1.png"] = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    out_zip = BytesIO()
    with zipfile.ZipFile(out_zip, "w") as target:
        for name, part in parts.items():
            target.writestr(name, part)
    (folder / "a.docx").write_bytes(out_zip.getvalue())
    out = tmp_path / "out"
    status, _lines, err = scan_json("--redact", out, folder)
    assert status == 1
    assert "redaction failed, no copy written" in err and "unreadable" in err
    assert not (out / "a.docx").exists()
    assert ID not in err


def test_the_command_leaves_the_collector_as_it_found_it(tmp_path):
    """It collects less often while printing findings; run inside another program (a test,
    another command) it must not change that program's garbage collection afterwards."""
    import gc

    path = tmp_path / "名单.txt"
    path.write_text(f"户主张三 身份证号{ID} 电话{MOBILE}\n" * 50, encoding="utf-8")
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    status, out, _err = scan(path)
    assert status == 1 and out.count("cn_resident_id") == 50
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)
