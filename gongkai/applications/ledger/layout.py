"""The ledger's layout: its two tables, their Chinese headers and the words their cells hold.

The words come from the core vocabulary (gongkai.core.applications), so the ledger, the
statistics and the annual report speak alike; the export writes exactly these and the
import reads them back (docs/ledger.md).
"""

from collections.abc import Mapping
from typing import Any

from gongkai.core.applications.vocabulary import (
    APPLICANT_KIND_LABELS,
    CHANNEL_LABELS,
    REMEDY_KIND_LABELS,
    REMEDY_RESULT_LABELS,
)

# 申请台账: one row per application.
NUMBER = "登记号"
RECEIVED = "收到日期"
CHANNEL = "申请渠道"
APPLICANT = "申请人类型"
SUMMARY = "申请内容摘要"
OUTCOME = "办理结果"
REPLIED = "答复日期"
EXTENDED = "是否延期"
FEE = "收费金额(元)"
PAID = "缴费日期"  # ours: when the fee was paid (the year it is reported in)

APPLICATION_HEADERS = (
    NUMBER,
    RECEIVED,
    CHANNEL,
    APPLICANT,
    SUMMARY,
    OUTCOME,
    REPLIED,
    EXTENDED,
    FEE,
    PAID,
)
APPLICATION_REQUIRED = (NUMBER, RECEIVED, CHANNEL, APPLICANT, SUMMARY, OUTCOME, REPLIED)

# 复议诉讼: one row per administrative reconsideration or lawsuit (annual report 表四).
KIND = "类型"
RESULT = "结果"
YEAR = "年度"
REMEDY_HEADERS = (NUMBER, KIND, RESULT, YEAR)
REMEDY_REQUIRED = REMEDY_HEADERS

# Columns ledgers kept in a spreadsheet often have; read and ignored.
IGNORED = frozenset({"序号", "备注"})
ALIASES: Mapping[str, str] = {
    "收费金额": FEE,
    "收费金额（元）": FEE,
    "申请方式": CHANNEL,
    "申请人": APPLICANT,
    "申请内容": SUMMARY,
    "答复时间": REPLIED,
    "收到时间": RECEIVED,
}

APPLICATIONS_SHEET = "申请台账"
REMEDIES_SHEET = "复议诉讼"
# A CSV export writes the remedies next to FILE, as <stem><REMEDIES_SUFFIX>.csv.
REMEDIES_SUFFIX = "-复议诉讼"
FORMATS = (".csv", ".xlsx")

YES, NO = "是", "否"
EXTENDED_WORDS: Mapping[str, bool] = {YES: True, NO: False, "": False}


def _words(labels: Mapping[Any, str]) -> dict[str, str]:
    """A label or the code behind it → the code (the export writes labels)."""
    words: dict[str, str] = {}
    for member, label in labels.items():
        words[label] = str(member)
    for member in labels:
        words.setdefault(str(member), str(member))
    return words


APPLICANT_WORDS = _words(APPLICANT_KIND_LABELS)
# 网上申请 and 网上 alike: ledgers often drop the 申请.
CHANNEL_WORDS = _words(CHANNEL_LABELS) | {
    label.removesuffix("申请"): str(channel) for channel, label in CHANNEL_LABELS.items()
}
REMEDY_KIND_WORDS = _words(REMEDY_KIND_LABELS)
REMEDY_RESULT_WORDS = _words(REMEDY_RESULT_LABELS)

APPLICANT_LABELS: Mapping[str, str] = {str(k): v for k, v in APPLICANT_KIND_LABELS.items()}
CHANNEL_NAMES: Mapping[str, str] = {str(k): v for k, v in CHANNEL_LABELS.items()}
REMEDY_KIND_NAMES: Mapping[str, str] = {str(k): v for k, v in REMEDY_KIND_LABELS.items()}
REMEDY_RESULT_NAMES: Mapping[str, str] = {str(k): v for k, v in REMEDY_RESULT_LABELS.items()}

# Model field lengths (gongkai.applications.models).
NUMBER_LIMIT = 60
EARLIEST_YEAR = 2008  # 《政府信息公开条例》 in force from 2008-05-01
