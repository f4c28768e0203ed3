"""Bar charts drawn as SVG: valid XML, accessible, one bar per value above zero, heights in
the order of the values, round ticks, escaped text."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.charts import BarChart, Series, bar_chart_svg, nice_step, nice_ticks, number

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [str(m) for m in range(1, 13)]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]


def chart(*series: Series, stacked: bool = False, categories: list[str] = MONTHS) -> BarChart:
    return BarChart(
        title="每月发布数量",
        description="按渠道统计",
        categories=categories,
        series=list(series),
        stacked=stacked,
        x_label="月份",
        y_label="条",
        chart_id="releases",
    )


WEBSITE = Series("门户网站", [3, 0, 5, 1, 0, 0, 0, 0, 0, 0, 0, 12])
WECHAT = Series("微信公众号", [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4])


def test_the_chart_is_an_accessible_image_sized_by_its_viewbox_only() -> None:
    root = parse(bar_chart_svg(chart(WEBSITE)))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("viewBox") == "0 0 720 320"
    assert root.get("width") is None and root.get("height") is None
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "每月发布数量"
    assert desc is not None and desc.text == "按渠道统计"
    assert root.get("aria-labelledby") == "releases-title releases-desc"
    # no font of its own, nothing loaded from elsewhere
    markup = bar_chart_svg(chart(WEBSITE))
    assert "font-family" not in markup and "href" not in markup and "<script" not in markup


def test_one_bar_per_value_above_zero_with_heights_in_the_order_of_the_values() -> None:
    root = parse(bar_chart_svg(chart(WEBSITE)))
    drawn = bars(root)
    assert [b.get("data-value") for b in drawn] == ["3", "5", "1", "12"]
    assert [b.get("data-category") for b in drawn] == ["1", "3", "4", "12"]
    heights = {b.get("data-value"): float(b.get("height") or 0) for b in drawn}
    assert heights["12"] > heights["5"] > heights["3"] > heights["1"] > 0
    assert heights["3"] / heights["12"] == pytest.approx(3 / 12)


def test_grouped_bars_stand_side_by_side_and_stacked_bars_on_each_other() -> None:
    grouped = bars(parse(bar_chart_svg(chart(WEBSITE, WECHAT))))
    assert len(grouped) == 4 + 3
    january = [b for b in grouped if b.get("data-category") == "1"]
    assert len({b.get("x") for b in january}) == 2  # side by side
    assert len({b.get("fill") for b in january}) == 2  # in the colours of the legend

    stacked = bars(parse(bar_chart_svg(chart(WEBSITE, WECHAT, stacked=True))))
    january = [b for b in stacked if b.get("data-category") == "1"]
    assert len({b.get("x") for b in january}) == 1
    website, wechat = sorted(january, key=lambda b: b.get("data-series") != "门户网站")
    # the second series sits on top of the first: its bottom is the first one's top
    top_of_website = float(website.get("y") or 0)
    bottom_of_wechat = float(wechat.get("y") or 0) + float(wechat.get("height") or 0)
    assert bottom_of_wechat == pytest.approx(top_of_website, abs=0.02)
    assert float(website.get("height") or 0) == pytest.approx(
        3 * float(wechat.get("height") or 0), rel=1e-3
    )


def test_the_legend_names_every_series() -> None:
    root = parse(bar_chart_svg(chart(WEBSITE, WECHAT)))
    legend = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend-item"]
    assert ["".join(g.itertext()) for g in legend] == ["门户网站", "微信公众号"]


def test_the_value_axis_is_labelled_at_round_steps_up_to_the_largest_value() -> None:
    root = parse(bar_chart_svg(chart(WEBSITE)))
    ticks = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "y-ticks")
    assert [t.text for t in ticks] == ["0", "5", "10", "15"]
    stacked = parse(bar_chart_svg(chart(WEBSITE, WECHAT, stacked=True)))
    ticks = next(g for g in stacked.iter(f"{SVG}g") if g.get("class") == "y-ticks")
    assert ticks[-1].text == "20"  # 12 + 4 in December


def test_text_is_escaped() -> None:
    evil = Series('<script>alert("x")</script> & 栏目', [1] * 12)
    markup = bar_chart_svg(chart(evil))
    root = parse(markup)  # still well-formed
    assert "<script>" not in markup
    assert bars(root)[0].get("data-series") == '<script>alert("x")</script> & 栏目'


def test_an_empty_chart_still_has_axes_and_no_bar() -> None:
    root = parse(bar_chart_svg(chart(Series("门户网站", [0] * 12))))
    assert bars(root) == []
    ticks = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "y-ticks")
    assert [t.text for t in ticks] == ["0", "1"]


def test_a_series_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="门户网站"):
        bar_chart_svg(chart(Series("门户网站", [1, 2])))


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (12, [0, 5, 10, 15]),
        (100, [0, 20, 40, 60, 80, 100]),
        (1400, [0, 500, 1000, 1500]),
    ],
)
def test_round_ticks(maximum: float, ticks: list[float]) -> None:
    assert nice_ticks(maximum) == ticks


def test_fractional_ticks_when_asked() -> None:
    assert nice_ticks(0.9, integer=False) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False))
def test_ticks_cover_the_maximum_in_at_most_six_round_steps(maximum: float) -> None:
    ticks = nice_ticks(maximum, integer=False)
    assert ticks[0] == 0 and ticks[-1] >= maximum * (1 - 1e-9)
    assert 2 <= len(ticks) <= 6
    step = ticks[1]
    assert step == nice_step(step)  # 1, 2 or 5 × 10ⁿ
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in {1, 2, 5}


def test_numbers_are_written_without_trailing_zeros() -> None:
    assert [number(3.0), number(7.5), number(2.25), number(0)] == ["3", "7.5", "2.25", "0"]
