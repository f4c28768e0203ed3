"""Bulk import and export of records: `gongkai documents import|export` (docs/import.md).

A file (CSV, XLSX or JSON Lines, one record a row, Chinese column headers) is read whole
(files), every row is checked before anything is saved and every mistake is reported with
its row number (checks), so the office fixes the file once. The rows then become records
through services.record_create, audited as the system, in one transaction: all rows or
none — or, with skip_invalid, all good rows and a file of the bad ones (load). A row
already imported is skipped, so importing a file twice changes nothing. The export writes
the same layout (dump), so its file can be imported into another installation.

Messages are Chinese: the operators are. They are plain strings, not gettext, because
nothing here is shown in the English web interface.
"""

from gongkai.documents.bulk.checks import BadRow, Checked, Plan, as_html, check_rows
from gongkai.documents.bulk.dump import export_file, export_records, record_cells, write_bad_rows
from gongkai.documents.bulk.files import (
    BulkFileError,
    SourceRow,
    file_format,
    read_rows,
    write_rows,
)
from gongkai.documents.bulk.layout import ERROR_HEADER, HEADERS
from gongkai.documents.bulk.load import ImportFailed, ImportResult, import_rows

__all__ = [
    "ERROR_HEADER",
    "HEADERS",
    "BadRow",
    "BulkFileError",
    "Checked",
    "ImportFailed",
    "ImportResult",
    "Plan",
    "SourceRow",
    "as_html",
    "check_rows",
    "export_file",
    "export_records",
    "file_format",
    "import_rows",
    "read_rows",
    "record_cells",
    "write_bad_rows",
    "write_rows",
]
