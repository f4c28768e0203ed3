"""`gongkai deadline` (DESIGN.md contract): the due date and its reasons; exit 2 on bad input."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gongkai.workcalendar import services


def deadline(*args):
    out, err = StringIO(), StringIO()
    call_command("deadline", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def deadline_json(*args):
    out, _err = deadline(*args, "--json")
    [line] = out.splitlines()  # one JSON object
    return json.loads(line)


# fmt: off
HAND_CHECKED = [
    # (arguments, due) — applications.md §6 worked examples and the contract's own check
    (["--received", "2026-03-02"], "2026-03-30"),
    (["--received", "2025-09-26"], "2025-10-30"),                             # §6: 国庆·中秋 across
    (["--received", "2025-09-26", "--extended"], "2025-11-27"),               # §6: 条例第33条第2款
    (["--received", "2025-03-03", "--corrected", "2025-03-20"], "2025-04-18"),  # §6: 条例第30条
    (["--received", "2025-04-01", "--third-party", "2025-04-04:2025-04-18"], "2025-05-16"),  # §6
    (["--received", "2026-02-12"], "2026-03-18"),                             # §6: across 春节
]
# fmt: on


@pytest.mark.django_db
@pytest.mark.parametrize("args, due", HAND_CHECKED)
def test_hand_checked_deadlines(args, due):
    result = deadline_json(*args)
    assert result["due"] == due
    assert set(result) == {"due", "working_days", "provisional", "steps"}
    assert all(isinstance(step, str) for step in result["steps"])


@pytest.mark.django_db
def test_the_json_steps_are_the_chinese_sentences_whatever_the_interface_language():
    with translation.override("en"):
        steps = deadline_json("--received", "2026-02-12")["steps"]
    assert steps[0] == (
        "收到申请之日为 2026-02-12（星期四），当日不计入，自次日起计算 20 个工作日（条例第33条第1款）"
    )
    assert "2026-02-14（星期六）调休上班（春节），计为工作日" in steps
    assert "跳过 2026-02-15 至 2026-02-23：春节（法定节假日）" in steps


@pytest.mark.django_db
def test_the_text_output_gives_the_due_date_then_each_step():
    out, err = deadline("--received", "2026-03-02")
    first, *steps = out.splitlines()
    assert first == "答复期限 (due): 2026-03-30"
    assert steps[0].startswith("  1. 收到申请之日为 2026-03-02")
    assert steps[-1].endswith("第 20 个工作日为 2026-03-30（星期一），即答复期限")
    assert err == ""


@pytest.mark.django_db
def test_an_extension_counts_forty_working_days():
    assert deadline_json("--received", "2025-09-26", "--extended")["working_days"] == 40


@pytest.mark.django_db
def test_the_corrected_application_restarts_the_count():
    plain = deadline_json("--received", "2025-03-03")
    corrected = deadline_json("--received", "2025-03-03", "--corrected", "2025-03-20")
    assert (plain["due"], corrected["due"]) == ("2025-03-31", "2025-04-18")
    assert "条例第30条" in corrected["steps"][0]


@pytest.mark.django_db
def test_several_consultations_are_each_left_out():
    once = deadline_json("--received", "2025-04-01", "--third-party", "2025-04-04:2025-04-18")
    twice = deadline_json(
        "--received", "2025-04-01",
        "--third-party", "2025-04-04:2025-04-18",
        "--third-party", "2025-05-06:2025-05-07",
    )  # fmt: skip
    assert (once["due"], twice["due"]) == ("2025-05-16", "2025-05-20")


@pytest.mark.django_db
def test_a_deadline_into_a_year_without_notice_is_provisional_until_it_is_entered():
    result = deadline_json("--received", "2026-12-10")
    assert result["provisional"] is True and result["due"] == "2027-01-08"
    assert any("2027 年尚无国务院放假安排" in step for step in result["steps"])
    services.calendar_import(
        actor=None,
        file="date,kind,name\n2027-01-01,放假,元旦\n".encode(),
        official_year=2027,
    )
    assert deadline_json("--received", "2026-12-10") | {"steps": []} == {
        "due": "2027-01-08",
        "working_days": 20,
        "provisional": False,
        "steps": [],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, reason",
    [
        (["--received", "not-a-date"], "日期“not-a-date”无效"),
        (["--received", "2025-02-29"], "日期“2025-02-29”无效"),
        (["--received", "2025-04-01", "--third-party", "2025-04-18:2025-04-04"], "早于开始日"),
        (["--received", "2025-04-01", "--third-party", "2025-04-18"], "应为 START:END"),
        (["--received", "2025-04-01", "--third-party", "a:b:c"], "应为 START:END"),
        (["--received", "2025-04-01", "--corrected", "2025-03-01"], "早于原申请收到日"),
        (["--received", "1899-12-31"], "日期 1899-12-31 超出支持范围"),
        (["--received", "2099-12-20"], "答复期限将晚于 2099 年，超出支持范围（1901–2099 年）"),
    ],
)
def test_bad_input_is_a_command_error_with_status_2(args, reason):
    with pytest.raises(CommandError) as error:
        deadline(*args)
    assert error.value.returncode == 2
    assert reason in str(error.value)


@pytest.mark.django_db
def test_a_deadline_past_2099_does_not_name_a_day_nobody_typed():
    with pytest.raises(CommandError) as error:
        deadline("--received", "2099-12-20")
    assert "2100" not in str(error.value)


def run(*args, database):
    env = os.environ | {
        "GONGKAI_DATABASE_URL": f"sqlite:///{database}",
        "GONGKAI_SECRET_KEY": "test",
        "GONGKAI_DEBUG": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "gongkai", "deadline", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_database_that_was_never_migrated_falls_back_to_the_package_with_a_note(tmp_path):
    done = run("--received", "2026-03-02", "--json", database=tmp_path / "new.sqlite3")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["due"] == "2026-03-30"
    assert "注意" in result["steps"][0]
    assert done.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--received", "not-a-date"],
        ["--received", "2025-04-01", "--third-party", "2025-04-18:2025-04-04"],
        ["--received", "2025-04-01", "--corrected", "2025-03-01"],
        ["--received", "2099-12-20"],
    ],
    ids=["not-a-date", "end-before-start", "corrected-before-received", "due-after-2099"],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path, args):
    done = run(*args, database=tmp_path / "new.sqlite3")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
