"""`gongkai calendar import|status|export`."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEvent
from gongkai.workcalendar import services
from gongkai.workcalendar.models import CalendarDay, OfficialYear

from .test_import import NOTICE_2027

pytestmark = pytest.mark.django_db


def calendar(*args):
    out, err = StringIO(), StringIO()
    call_command("calendar", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def notice_file(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_bytes(NOTICE_2027)
    return path


def test_import_loads_the_file_as_the_system_and_marks_the_year(notice_file):
    out, _err = calendar("import", str(notice_file), "--official-year", "2027", "--notice", "通知")
    assert "新增 4 天" in out and "2027 年已标记为正式" in out
    assert OfficialYear.objects.get().notice == "通知"
    assert {e.actor_label for e in AuditEvent.objects.all()} == {"system"}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(notice_file):
    calendar("import", str(notice_file))
    count = AuditEvent.objects.count()
    out, _err = calendar("import", str(notice_file))
    assert "4 天无变化" in out and AuditEvent.objects.count() == count


def test_a_bad_file_lists_its_rows_on_stderr_exits_2_and_imports_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(NOTICE_2027 + "2027-02-30,放假,春节\n2027-02-08,下班,春节\n".encode())
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("calendar", "import", str(path), stdout=StringIO(), stderr=err)
    assert error.value.returncode == 2
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("第 6 行：") and lines[1].startswith("第 7 行：")
    assert not CalendarDay.objects.exists()


def test_a_missing_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as error:
        calendar("import", str(tmp_path / "missing.csv"))
    assert error.value.returncode == 2


def test_status_names_the_package_official_and_provisional_years(notice_file):
    calendar("import", str(notice_file), "--official-year", "2027")
    out, _err = calendar("status")
    assert "软件包数据 (package): 2004–2026" in out
    assert (
        "正式录入的年份 (official, entered): 2027（国务院办公厅关于2027年部分节假日安排的通知）"
        in out
    )
    assert "各年录入的日期数 (entered days by year): 2027: 4" in out
    assert "暂行推算的年份 (provisional): 1901–2003, 2028–2099" in out


def test_export_writes_a_file_that_imports_back_without_a_change(tmp_path, notice_file):
    calendar("import", str(notice_file), "--official-year", "2027")
    out, err = calendar("export", "--year", "2027")
    assert out.startswith("date,kind,name,source,note\n2027-01-01,holiday,元旦,2027年通知,\n")
    assert len(out.splitlines()) == 5 and err == ""
    exported = tmp_path / "export.csv"
    calendar("export", "--year", "2027", "-o", str(exported))
    count = AuditEvent.objects.count()
    calendar("import", str(exported))
    assert AuditEvent.objects.count() == count


def test_export_of_a_provisional_year_warns_on_stderr():
    out, err = calendar("export", "--year", "2028")
    assert "暂行推算" in err and "2028-01-01,holiday,元旦" in out


def test_export_of_a_year_out_of_range_exits_2():
    with pytest.raises(CommandError) as error:
        calendar("export", "--year", "2100")
    assert error.value.returncode == 2


def refused(*args):
    """The CommandError of a refused command line: exit status 2, a one-line reason."""
    with pytest.raises(CommandError) as error:
        calendar(*args)
    assert error.value.returncode == 2
    assert len(str(error.value).splitlines()) == 1
    return str(error.value)


@pytest.mark.parametrize("year", ["0", "1900", "10000", "99999"])
def test_export_of_a_year_that_is_no_date_at_all_exits_2_with_one_line(year):
    assert refused("export", "--year", year) == f"年份 {year} 超出支持范围（1901–2099 年）"


def test_export_into_a_folder_that_does_not_exist_exits_2_with_one_line(tmp_path):
    target = tmp_path / "missing" / "x.csv"
    reason = refused("export", "--year", "2026", "-o", str(target))
    assert reason.startswith(f"无法写入文件 {target}：")


def test_export_onto_a_folder_exits_2(tmp_path):
    assert refused("export", "--year", "2026", "-o", str(tmp_path)).startswith("无法写入文件")


def test_import_of_a_folder_exits_2_and_imports_nothing(tmp_path):
    assert refused("import", str(tmp_path)).startswith(f"无法读取文件 {tmp_path}：")
    assert not CalendarDay.objects.exists()


def test_import_of_a_path_through_a_file_exits_2(notice_file):
    # Not a missing file but an unusable path (ENOTDIR): any OSError is one line.
    assert refused("import", str(notice_file / "x.csv")).startswith("无法读取文件")


def test_export_writes_formula_like_names_as_text_and_imports_them_back(tmp_path):
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="=1+1")
    out, _err = calendar("export", "--year", "2027")
    assert "2027-01-01,holiday,'=1+1,," in out
    exported = tmp_path / "export.csv"
    calendar("export", "--year", "2027", "-o", str(exported))
    CalendarDay.objects.all().delete()
    calendar("import", str(exported))
    assert CalendarDay.objects.get(day=date(2027, 1, 1)).name == "=1+1"
