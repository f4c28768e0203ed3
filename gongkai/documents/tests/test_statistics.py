"""Yearly figures: releases per channel and column, timeliness (条例第26条), interpretations;
the old page of them now leads to the statistics dashboard."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gongkai.core.workcalendar import WorkCalendar
from gongkai.documents import services
from gongkai.documents.statistics import year_figures
from gongkai.documents.tests.conftest import NOW, policy_data, publish


@pytest.fixture
def figures_data(cast, columns):
    on_time = publish(
        cast,
        services.record_create(
            actor=cast.drafter_a,
            agency=cast.agency,
            columns=[columns["zcwj"]],
            now=NOW,
            data=policy_data(cast, document_number="", written_on=NOW.date() - timedelta(days=7)),
        ),
    )
    late = publish(
        cast,
        services.record_create(
            actor=cast.drafter_a,
            agency=cast.agency,
            columns=[columns["tzgg"]],
            now=NOW,
            data=policy_data(cast, document_number="", written_on=date(2026, 1, 5)),
        ),
    )
    withheld = publish(
        cast,
        services.record_create(
            actor=cast.drafter_a,
            agency=cast.agency,
            now=NOW,
            data=policy_data(
                cast,
                document_number="",
                attribute="withheld",
                ground="process_information",
                attribute_reason="过程稿",
            ),
        ),
    )
    services.release_record(
        actor=cast.office, record=on_time, channel="wechat", released_on=NOW.date()
    )
    return on_time, late, withheld


def test_the_year_counts_channels_timeliness_and_only_public_records(cast, figures_data):
    on_time, late, _withheld = figures_data
    figures = year_figures(agency=cast.agency, year=2026, calendar=WorkCalendar())
    assert figures.published == 2
    assert figures.by_channel == {"website": 2, "wechat": 1}
    assert (figures.on_time, figures.late) == (1, 1) and figures.late_records == [late]
    assert figures.by_column["政策文件"] == {"website": 1, "wechat": 1}


def test_the_old_figures_page_leads_to_the_dashboard_which_decides_who_sees_them(
    client, cast, figures_data
):
    url = reverse("documents:statistics") + "?year=2026"
    client.force_login(cast.office)
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("dashboard:index") + "?year=2026", 302)]
    page = response.content.decode()
    assert 'data-testid="late">1<' in page and 'data-testid="published">2<' in page
    client.force_login(cast.supervisor)
    assert client.get(url + "&agency=TESTA", follow=True).status_code == 200
    for name in ["drafter_a", "reviewer", "approver"]:
        client.force_login(getattr(cast, name))
        assert client.get(url, follow=True).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(url + "&agency=TESTA", follow=True).status_code == 404
