"""The recorded events a historic case gets from its ledger row.

A ledger row tells when an application arrived, how it ended and when, whether the reply
period was extended and what was paid; the core workflow (gongkai.core.applications) keeps
a case as events. The events below are the shortest history that the core replays to the
same facts, so status, outcome and deadline are derived as for any other case. Where the
ledger does not say a day, the day chosen is written in the event's note ([I], docs/ledger.md):

- REGISTER on 收到日期; ASSIGN the same day when anything else happened (an open case with
  nothing else stays 已登记, for the office to assign);
- EXTEND (是否延期=是) on the last day of the original 20 working days, or on the reply day if
  that came earlier (the day an extension is decided is not in a ledger);
- a paid fee: NOTIFY_FEE and RECORD_PAYMENT on 缴费日期 (so the pause is zero days);
- the outcome on 答复日期: DECIDE with the row of table 三 (and, for the two rows that cover
  two reply types, the more common one: 予以公开 = information provided, 本机关不掌握 = does
  not exist); （六）1 as REQUEST_CORRECTION + CORRECTION_LAPSED, （六）2 as NOTIFY_FEE +
  FEE_LAPSED; then CLOSE the same day — the letters and their delivery are in the old files,
  not here.
"""

from collections.abc import Mapping
from datetime import date, timedelta

from gongkai.core import applications as rules
from gongkai.core.workcalendar import WorkCalendar

Step = rules.Step

# The reply type a historic decision is recorded with, where one row covers two.
VARIANTS: Mapping[rules.Outcome, rules.Variant] = {
    rules.Outcome.DISCLOSED: rules.Variant.PROVIDED,
    rules.Outcome.NOT_HELD: rules.Variant.DOES_NOT_EXIST,
}
NOTE = "台账导入"
NOTES: Mapping[Step, str] = {
    Step.EXTEND: "台账导入：延期决定的日期台账未载，按原答复期限届满日（早于答复日时为答复日）记录",
    Step.NOTIFY_FEE: "台账导入：收费通知的日期台账未载，按缴费日期记录",
    Step.REQUEST_CORRECTION: "台账导入：补正告知的日期和期限台账未载",
    Step.CLOSE: "台账导入的历史案件：答复书及送达情况见原台账和案卷",
}


def historic_events(
    *,
    received: date,
    outcome: rules.Outcome | None,
    replied: date | None,
    extended: bool,
    paid: date | None,
    calendar: WorkCalendar,
    today: date,
) -> list[tuple[rules.Event, str]]:
    """The events of a ledger row in order, each with its note."""
    steps: list[tuple[date, int, rules.Event]] = [
        (received, 0, rules.Event(Step.REGISTER, received))
    ]
    if outcome is not None or extended or paid is not None:
        steps.append((received, 1, rules.Event(Step.ASSIGN, received)))
    if extended:
        original = rules.case_deadline([rules.Event(Step.REGISTER, received)], calendar).due
        day = max(received, min(original, replied or today))
        steps.append((day, 2, rules.Event(Step.EXTEND, day)))
    if paid is not None:
        steps.append((paid, 3, rules.Event(Step.NOTIFY_FEE, paid)))
        steps.append((paid, 4, rules.Event(Step.RECORD_PAYMENT, paid)))
    steps.sort(key=lambda s: (s[0], s[1]))
    events = [event for _day, _rank, event in steps]
    if outcome is not None and replied is not None:
        events += _ending(outcome, replied, waiting=events[-1].day)
    return [(event, NOTES.get(event.step, NOTE)) for event in events]


def _ending(outcome: rules.Outcome, replied: date, *, waiting: date) -> list[rules.Event]:
    """How the case ended on `replied`; `waiting` is the day of the last event before."""
    if outcome is rules.Outcome.NOT_CORRECTED:
        until = max(waiting, replied - timedelta(days=1))
        ending = [
            rules.Event(Step.REQUEST_CORRECTION, waiting, until=until),
            rules.Event(Step.CORRECTION_LAPSED, replied),
        ]
    elif outcome is rules.Outcome.FEE_NOT_PAID:
        ending = [rules.Event(Step.NOTIFY_FEE, waiting), rules.Event(Step.FEE_LAPSED, replied)]
    else:
        ending = [rules.Event(Step.DECIDE, replied, outcome=outcome, variant=VARIANTS.get(outcome))]
    return [*ending, rules.Event(Step.CLOSE, replied)]
