"""The dashboard's figures from real records and cases: months, channels, columns,
timeliness, applications by outcome group, handling time, overdue — and who gets them."""

from datetime import date

import pytest
from django.http import Http404

from gongkai.applications.ledger import ledger_statistics
from gongkai.core import statistics as stats
from gongkai.core.applications import Outcome
from gongkai.core.statistics import OutcomeGroup, Summary
from gongkai.dashboard import selectors
from gongkai.dashboard.selectors import Scope
from gongkai.documents.statistics import year_figures
from gongkai.workcalendar.selectors import work_calendar

JULY_1 = date(2026, 7, 1)
G = {group: k for k, group in enumerate(OutcomeGroup)}


def months(**by_month):
    """A 12-month tuple from keyword months: months(feb=1, mar=2)."""
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return tuple(by_month.get(name, 0) for name in names)


def column(keyed, key):
    k = [key_ for key_, _ in keyed.keys].index(key)
    return tuple(row[k] for row in keyed.grid)


def publication(cast, unit=None, year=2026):
    return selectors.publication_figures_for(
        user=cast.office, scope=Scope(cast.agency, unit, year), calendar=work_calendar()
    )


def application(cast, unit=None, year=2026, today=JULY_1, user=None):
    return selectors.application_figures_for(
        user=user or cast.office,
        scope=Scope(cast.agency, unit, year),
        calendar=work_calendar(),
        today=today,
    )


def test_releases_count_by_month_and_channel(cast, published):
    figures = publication(cast)
    assert figures.published == 3  # the withheld record is not public
    assert column(figures.by_channel, "website") == months(feb=1, mar=2)
    assert column(figures.by_channel, "wechat") == months(mar=1)
    assert column(figures.by_channel, "weibo") == months()


def test_records_count_by_month_of_publication_and_column(cast, published, columns):
    figures = publication(cast)
    policy, notices = str(columns["zcwj"].pk), str(columns["tzgg"].pk)
    assert dict(figures.by_column.keys) == {policy: "政策文件", notices: "通知公告"}
    assert column(figures.by_column, policy) == months(feb=1, mar=1)
    assert column(figures.by_column, notices) == months(mar=1)


def test_beyond_seven_columns_the_rest_are_added_up_and_records_in_none_are_counted(
    cast, published, columns
):
    from gongkai.documents.models import Column

    extra = [c for c in Column.objects.filter(agency=cast.agency) if c.slug not in {"zcwj", "tzgg"}]
    published["on_time"].columns.add(*extra[:7])
    published["february"].columns.clear()
    figures = publication(cast)
    keys = [key for key, _ in figures.by_column.keys]
    assert len(keys) == 7 + 2 and keys[-2:] == [selectors.OTHER_COLUMNS, selectors.NO_COLUMN]
    assert column(figures.by_column, selectors.NO_COLUMN) == months(feb=1)
    assert sum(column(figures.by_column, selectors.OTHER_COLUMNS)) == 2  # 9 columns in March


def test_timeliness_per_month_adds_up_to_the_yearly_figures(cast, published):
    figures = publication(cast)
    assert figures.on_time == months(feb=1, mar=1)
    assert figures.late == months(mar=1)
    assert [r.pk for r in figures.late_records] == [published["late"].pk]
    assert figures.late_records[0].working_days > 20
    yearly = year_figures(agency=cast.agency, year=2026, calendar=work_calendar())
    assert (sum(figures.on_time), sum(figures.late)) == (yearly.on_time, yearly.late)
    assert figures.published == yearly.published
    assert sum(sum(row) for row in figures.by_channel.grid) == sum(yearly.by_channel.values())


def test_a_unit_sees_its_own_records(cast, published):
    figures = publication(cast, unit=cast.unit_b)
    assert figures.published == 1
    assert column(figures.by_channel, "website") == months(mar=1)
    assert (figures.on_time, figures.late) == (months(), months(mar=1))


def test_another_year_is_empty(cast, published):
    figures = publication(cast, year=2025)
    assert figures.published == 0 and figures.late_records == []
    assert all(sum(row) == 0 for row in figures.by_channel.grid)


def test_applications_received_and_concluded_by_month_and_outcome_group(cast, applications):
    figures = application(cast)
    assert figures.received == months(mar=2, apr=1, may=1, jun=1)
    concluded = figures.concluded
    assert concluded[0][G[OutcomeGroup.PARTLY_DISCLOSED]] == 1  # January: the December case
    assert concluded[2][G[OutcomeGroup.PARTLY_DISCLOSED]] == 1
    assert concluded[3][G[OutcomeGroup.UNABLE]] == 1
    assert concluded[3][G[OutcomeGroup.OTHER]] == 1  # the withdrawal
    assert sum(map(sum, concluded)) == 4


def test_concluded_cases_are_counted_as_table_three_counts_them(cast, applications):
    ledger = ledger_statistics(cast.agency, 2026)
    by_group = [0] * len(OutcomeGroup)
    for (outcome, _kind), n in ledger.results.items():
        by_group[G[stats.outcome_group(Outcome(outcome))]] += n
    assert by_group == list(stats.column_totals(application(cast).concluded))
    assert sum(ledger.new.values()) == sum(application(cast).received)


def test_handling_time_in_working_days_from_receipt_to_reply(cast, applications):
    figures = application(cast)
    # replies: 2025-12-01 → 2026-01-05: 24 (元旦 1–3 off, Sunday 4 January worked);
    # 03-02 → 03-16: 10; 03-02 → 04-07: 25 (清明 4–6 April off); the withdrawal is no reply
    assert figures.handling == Summary(3, 24, 25)
    assert figures.handling_by_month[0] == Summary(1, 24, 24)
    assert figures.handling_by_month[2] == Summary(1, 10, 10)
    assert figures.handling_by_month[3] == Summary(1, 25, 25)
    assert figures.handling_by_month[4] == Summary(0, None, None)


def test_overdue_are_the_open_cases_past_their_deadline_and_the_late_replies(cast, applications):
    figures = application(cast)
    assert figures.moment == JULY_1
    assert (figures.open_overdue, figures.replied_late, figures.overdue) == (1, 2, 3)
    # on 1 June the May case is not yet overdue (due that day)
    assert application(cast, today=date(2026, 6, 1)).open_overdue == 0
    assert application(cast, today=date(2026, 6, 2)).open_overdue == 1


def test_a_past_year_is_looked_at_on_its_last_day(cast, applications):
    figures = application(cast, year=2025, today=JULY_1)
    assert figures.moment == date(2025, 12, 31)
    # received 2025-12-01, due 12-29, open on 12-31 though replied since
    assert (figures.open_overdue, figures.replied_late) == (1, 0)
    assert figures.received == months(dec=1) and sum(map(sum, figures.concluded)) == 0


def test_a_unit_sees_the_cases_assigned_to_it(cast, applications):
    figures = application(cast, unit=cast.unit_b)
    assert figures.received == months(mar=1, may=1)
    assert figures.handling == Summary(1, 25, 25)
    assert (figures.open_overdue, figures.replied_late) == (1, 1)


def test_figures_are_computed_in_a_few_queries_whatever_the_number_of_cases(
    cast, applications, published, django_assert_max_num_queries
):
    calendar = work_calendar()
    scope = Scope(cast.agency, None, 2026)
    with django_assert_max_num_queries(7):
        selectors.publication_figures_for(user=cast.office, scope=scope, calendar=calendar)
    with django_assert_max_num_queries(5):
        selectors.application_figures_for(
            user=cast.office, scope=scope, calendar=calendar, today=JULY_1
        )


def test_application_figures_only_for_those_who_may_see_the_queues(cast, applications):
    assert application(cast, user=cast.supervisor) is not None
    assert application(cast, user=cast.drafter_a) is None
    assert application(cast, user=cast.other_office) is None


def test_publication_figures_refuse_who_may_not_see_the_agency(cast, published):
    scope = Scope(cast.agency, None, 2026)
    for user in (cast.other_office, cast.drafter_a):
        with pytest.raises(Http404):
            selectors.publication_figures_for(user=user, scope=scope, calendar=work_calendar())
    with pytest.raises(Http404):
        selectors.statistics_agency_get_for(user=cast.other_office, code="TESTA")
    with pytest.raises(Http404):
        selectors.statistics_agency_get_for(user=cast.office, code="NOSUCH")
    assert selectors.statistics_agency_get_for(user=cast.supervisor, code="TESTB")
