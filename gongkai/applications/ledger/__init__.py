"""The disclosure-application ledger (台账): `gongkai ledger import|export` (docs/ledger.md).

A ledger holds one row per application (登记号, 收到日期, 申请渠道, 申请人类型, 申请内容摘要,
办理结果, 答复日期, 是否延期, 收费金额(元), 缴费日期) and one per reconsideration or lawsuit
(登记号, 类型, 结果, 年度), as two sheets of an XLSX or two CSV files; the import tells them
apart by their headers (files, layout). Every row is checked first against the core
vocabulary, and nothing is imported while any row is wrong (checks). Rows become historic
cases whose events the core replays (history) in one transaction with one audit entry
(load); rows already imported are skipped. The export writes the same layout for a year
(dump), and `ledger_statistics` gives the year's figures either way (statistics).

Messages are Chinese: the operators are. They are plain strings, not gettext, because
nothing here is shown in the English web interface.
"""

from gongkai.applications.ledger.checks import (
    ApplicationPlan,
    BadRow,
    Checked,
    RemedyPlan,
    check_tables,
    template_serial,
)
from gongkai.applications.ledger.dump import Exported, ledger_export, remedies_path
from gongkai.applications.ledger.files import LedgerFileError, Table, file_format, read_tables
from gongkai.applications.ledger.history import historic_events
from gongkai.applications.ledger.load import IMPORTED_NAME, ImportResult, ledger_import
from gongkai.applications.ledger.statistics import LedgerStatistics, ledger_statistics

__all__ = [
    "IMPORTED_NAME",
    "ApplicationPlan",
    "BadRow",
    "Checked",
    "Exported",
    "ImportResult",
    "LedgerFileError",
    "LedgerStatistics",
    "RemedyPlan",
    "Table",
    "check_tables",
    "file_format",
    "historic_events",
    "ledger_export",
    "ledger_import",
    "ledger_statistics",
    "read_tables",
    "remedies_path",
    "template_serial",
]
