from datetime import date, timedelta

import pytest
from django.core.management import call_command

from gongkai.core.applications.vocabulary import (
    APPLICANT_KIND_LABELS,
    OUTCOMES,
    REMEDY_KIND_LABELS,
    REMEDY_RESULT_LABELS,
    ApplicantKind,
    Outcome,
    RemedyKind,
    RemedyResult,
)
from gongkai.reports.models import ReportText
from gongkai.testing_browser import (  # noqa: F401 (fixtures and hook for the browser tests)
    browser,
    live_server,
    page,
    plain_http,
    pytest_terminal_summary,
)

HEADERS = "登记号,收到日期,申请渠道,申请人类型,申请内容摘要,办理结果,答复日期,是否延期,收费金额(元),缴费日期"
REMEDY_HEADERS = "登记号,类型,结果,年度"

K, OC = ApplicantKind, Outcome
# Reference annual-report.md §10.1, 上海市人民政府办公厅 2019: the results of the year.
SHANGHAI_RESULTS = {
    K.NATURAL_PERSON: {
        OC.DISCLOSED: 258, OC.PARTLY_DISCLOSED: 3, OC.STATE_SECRET: 14, OC.INTERNAL_AFFAIRS: 5,
        OC.PROCESS_INFORMATION: 3, OC.ADMINISTRATIVE_QUERY: 10, OC.NOT_HELD: 252,
        OC.NEEDS_PRODUCING: 44, OC.STILL_UNCLEAR: 25, OC.PETITION: 148, OC.REPEATED: 5,
    },
    K.COMMERCIAL: {
        OC.DISCLOSED: 12, OC.PROCESS_INFORMATION: 1, OC.ADMINISTRATIVE_QUERY: 2, OC.NOT_HELD: 12,
        OC.NEEDS_PRODUCING: 3, OC.PETITION: 1, OC.REPEATED: 4,
    },
    K.LEGAL_SERVICE: {OC.DISCLOSED: 1, OC.NOT_HELD: 1},
    K.OTHER: {OC.DISCLOSED: 1},
}  # fmt: skip
SHANGHAI_CARRIED_OVER = 18  # 自然人, received in 2018, answered in 2019
SHANGHAI_CARRIED_FORWARD = 72  # 自然人, received in 2019, open at its end
SHANGHAI_REMEDIES = {
    (RemedyKind.RECONSIDERATION, RemedyResult.UPHELD): 5,
    (RemedyKind.RECONSIDERATION, RemedyResult.PENDING): 2,
    (RemedyKind.DIRECT_LITIGATION, RemedyResult.UPHELD): 8,
    (RemedyKind.DIRECT_LITIGATION, RemedyResult.PENDING): 1,
}
SHANGHAI_OVERVIEW = (
    "2019年，本机关新收政府信息公开申请859件，上年结转18件，办结805件，"
    "结转下年度继续办理72件；行政复议7件，行政诉讼9件。"
)


def shanghai_rows() -> list[list[str]]:
    """One ledger row per application: [登记号, 收到日期, …, 缴费日期]."""
    rows: list[list[str]] = []

    def add(kind: ApplicantKind, received: date, outcome: Outcome | None) -> None:
        replied = received + timedelta(days=7) if outcome else None
        rows.append(
            [
                f"SH-{len(rows) + 1:04d}",
                received.isoformat(),
                "网上申请",
                APPLICANT_KIND_LABELS[kind],
                "某项政府信息",
                OUTCOMES[outcome].ledger if outcome else "办理中",
                replied.isoformat() if replied else "",
                "否",
                "",
                "",
            ]
        )

    results = [
        (k, o) for k, by in SHANGHAI_RESULTS.items() for o, n in by.items() for _ in range(n)
    ]
    for i in range(SHANGHAI_CARRIED_OVER):
        add(K.NATURAL_PERSON, date(2018, 12, 26) + timedelta(days=i % 3), results[i][1])
    for i, (kind, outcome) in enumerate(results[SHANGHAI_CARRIED_OVER:]):
        add(kind, date(2019, 1, 2) + timedelta(days=i % 330), outcome)
    for i in range(SHANGHAI_CARRIED_FORWARD):
        add(K.NATURAL_PERSON, date(2019, 12, 20) + timedelta(days=i % 10), None)
    return rows


def import_ledger(tmp_path, agency, rows: list[list[str]], name: str = "台账") -> None:
    path = tmp_path / f"{name}.csv"
    path.write_text("\n".join([HEADERS, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")
    remedies = tmp_path / f"{name}-复议诉讼.csv"
    lines = [REMEDY_HEADERS]
    number = 0
    for (kind, result), count in SHANGHAI_REMEDIES.items():
        for _ in range(count):
            number += 1
            lines.append(
                f"{rows[number][0]},{REMEDY_KIND_LABELS[kind]},{REMEDY_RESULT_LABELS[result]},2019"
            )
    remedies.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("ledger", "import", str(path), str(remedies), "--agency", agency.code)


def write_texts(agency, year: int, overview: str) -> None:
    for section, text in (("一", overview), ("五", "申请答复的说理还需加强。"), ("六", "无。")):
        ReportText.objects.create(agency=agency, year=year, section=section, text=text)


@pytest.fixture
def shanghai(cast, tmp_path):
    import_ledger(tmp_path, cast.agency, shanghai_rows())
    write_texts(cast.agency, 2019, SHANGHAI_OVERVIEW)
    return cast.agency
