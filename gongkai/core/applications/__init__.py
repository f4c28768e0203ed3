"""Rules of disclosure on application (依申请公开, 条例第27–45条), reference applications.md.

- ``vocabulary``: applicant kinds, channels, forms, identity documents, the outcomes (rows of
  annual-report table 三) with what each reply must state, the remedies of table 四;
- ``workflow``: the recorded events of a case and the transition table;
- ``handling``: which step may come next, with the Chinese reason when not;
- ``deadlines``: the reply deadline from the events, reminders, the console's buckets;
- ``fees``: 信息处理费 of 国办函〔2020〕109号;
- ``intake``: the receipt date of 条例第31条, counts for 条例第35条, registration numbers.
"""

from gongkai.core.applications.deadlines import (
    Bucket,
    CaseDeadline,
    bucket,
    case_bucket,
    case_deadline,
    consultation_period_end,
    correction_notice_due,
    correction_period_end,
    payment_due,
    reminder_days,
    reminder_on,
)
from gongkai.core.applications.fees import Fee, FeeMethod, compute_fee, fee_report
from gongkai.core.applications.handling import allowed_steps, check_step, refusal
from gongkai.core.applications.intake import (
    DEFAULT_REGISTRATION_TEMPLATE,
    ApplicationCounts,
    Receipt,
    application_counts,
    check_registration_template,
    receipt_date,
    registration_number,
)
from gongkai.core.applications.vocabulary import (
    OUTCOMES,
    ApplicantKind,
    Channel,
    Delivery,
    IdentityDocument,
    Outcome,
    ProvisionForm,
    RemedyKind,
    RemedyResult,
    ReplyItem,
    Variant,
    check_identity,
    ledger_outcome,
    missing_reply_items,
    outcome_from_ledger,
    remedy_column,
    reply_items,
)
from gongkai.core.applications.workflow import (
    TRANSITIONS,
    CaseFacts,
    Event,
    Status,
    Step,
    StepRefused,
    replay,
)

__all__ = [
    "DEFAULT_REGISTRATION_TEMPLATE",
    "OUTCOMES",
    "TRANSITIONS",
    "ApplicantKind",
    "ApplicationCounts",
    "Bucket",
    "CaseDeadline",
    "CaseFacts",
    "Channel",
    "Delivery",
    "Event",
    "Fee",
    "FeeMethod",
    "IdentityDocument",
    "Outcome",
    "ProvisionForm",
    "Receipt",
    "RemedyKind",
    "RemedyResult",
    "ReplyItem",
    "Status",
    "Step",
    "StepRefused",
    "Variant",
    "allowed_steps",
    "application_counts",
    "bucket",
    "case_bucket",
    "case_deadline",
    "check_identity",
    "check_registration_template",
    "check_step",
    "compute_fee",
    "consultation_period_end",
    "correction_notice_due",
    "correction_period_end",
    "fee_report",
    "ledger_outcome",
    "missing_reply_items",
    "outcome_from_ledger",
    "payment_due",
    "receipt_date",
    "refusal",
    "registration_number",
    "remedy_column",
    "replay",
    "reminder_days",
    "reminder_on",
    "reply_items",
]
