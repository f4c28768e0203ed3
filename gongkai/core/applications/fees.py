"""信息处理费: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), applications.md §10.

Two methods, one per application, both progressive on the excess (超额累进, 第3条):

- 按件计收 (第4条): the applicant's items of one natural month are counted together; the 1st to
  10th are free, the 11th to 30th cost 100元 each, and from the 31st on every band of 10 items
  costs 100元 per item more than the band before ([I] 31–40: 200元, 41–50: 300元, …);
- 按量计收 (第5条): the pages of one application; 1–30 free, 31–100 10元, 101–200 20元,
  201 and above 40元 per page.

[U] How electronic data is counted in pages, waivers (减免) and exempt cases are not known:
the caller passes the count it decided on.
"""

import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.workcalendar import Message, MessageError, Param, message

FREE_ITEMS = 10  # 第4条
ITEM_BAND = 10  # 第4条: from the 31st item on, bands of 10
FIRST_BAND_LAST_ITEM = 30
ITEM_RATE_STEP = 100  # 元 per item, and the increase from band to band

# 第5条: (first page, last page or None, 元 per page)
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)


class FeeMethod(enum.StrEnum):
    PER_ITEM = "per_item"
    PER_PAGE = "per_page"

    @property
    def label(self) -> str:
        return FEE_METHOD_LABELS[self]


FEE_METHOD_LABELS: Mapping[FeeMethod, str] = {
    FeeMethod.PER_ITEM: "按件计收",
    FeeMethod.PER_PAGE: "按量计收",
}

CHINESE: Mapping[str, str] = {
    "fee.per_item": (
        "按件计收（国办函〔2020〕109号第4条）：申请人本自然月此前已申请 %(earlier)s 件，"
        "本次 %(count)s 件，按本月累计第 %(first)s 至 %(last)s 件计算"
    ),
    "fee.per_page": "按量计收（国办函〔2020〕109号第5条）：本次申请共 %(count)s 页",
    "fee.band_free": "第 %(first)s 至 %(last)s %(unit)s免费",
    "fee.band": "第 %(first)s 至 %(last)s %(unit)s：%(count)s %(unit)s × %(rate)s 元 = %(amount)s 元",
    "fee.total": "合计 %(amount)s 元",
    "fee.nothing": "本次无应收费用",
    "fee.negative": "%(what)s不能为负数，实际为 %(value)s",
    "fee.per_page_monthly": "按量计收按每件申请计算，不累计本月此前的申请（国办函〔2020〕109号第5条）",
    "fee.report_none": "%(year)s 年未收取信息处理费",
    "fee.report": "%(year)s 年有 %(cases)s 件政府信息公开申请收取信息处理费，共计 %(amount)s 元",
    "unit.item": "件",
    "unit.page": "页",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class Fee:
    method: FeeMethod
    amount: Decimal  # 元
    steps: tuple[Message, ...]


@dataclass(frozen=True)
class _Band:
    first: int
    last: int
    rate: int


def _item_bands() -> Iterator[_Band]:
    yield _Band(1, FREE_ITEMS, 0)
    yield _Band(FREE_ITEMS + 1, FIRST_BAND_LAST_ITEM, ITEM_RATE_STEP)
    for k in itertools.count(1):
        first = FIRST_BAND_LAST_ITEM + (k - 1) * ITEM_BAND + 1
        yield _Band(first, first + ITEM_BAND - 1, ITEM_RATE_STEP * (k + 1))


def _page_bands() -> Iterator[_Band]:
    for first, last, rate in PAGE_BANDS:
        yield _Band(first, last if last is not None else 10**9, rate)


def compute_fee(method: FeeMethod, *, quantity: int, earlier: int = 0) -> Fee:
    """The fee of one application: `quantity` items or pages, after `earlier` items of the
    same applicant in the same natural month (按件计收 only)."""
    if quantity < 0 or earlier < 0:
        what, value = ("数量", quantity) if quantity < 0 else ("本月此前件数", earlier)
        raise MessageError(_say("fee.negative", what=what, value=value))
    if method is FeeMethod.PER_PAGE:
        if earlier:
            raise MessageError(_say("fee.per_page_monthly"))
        head = _say("fee.per_page", count=quantity)
        return _fee(method, head, _page_bands(), 1, quantity, _say("unit.page"))
    first, last = earlier + 1, earlier + quantity
    head = _say("fee.per_item", earlier=earlier, count=quantity, first=first, last=last)
    return _fee(method, head, _item_bands(), first, last, _say("unit.item"))


def _fee(
    method: FeeMethod, head: Message, bands: Iterable[_Band], first: int, last: int, unit: Message
) -> Fee:
    if last < first:
        return Fee(method, Decimal(0), (head, _say("fee.nothing")))
    steps, total = [head], 0
    for band in bands:
        if band.first > last:
            break
        low, high = max(first, band.first), min(last, band.last)
        if low > high:
            continue
        count = high - low + 1
        if band.rate == 0:
            steps.append(_say("fee.band_free", first=low, last=high, unit=unit))
            continue
        amount = count * band.rate
        total += amount
        steps.append(
            _say(
                "fee.band",
                first=low,
                last=high,
                unit=unit,
                count=count,
                rate=band.rate,
                amount=amount,
            )
        )
    steps.append(_say("fee.total", amount=total))
    return Fee(method, Decimal(total), tuple(steps))


def fee_report(year: int, amounts: Iterable[Decimal]) -> Message:
    """The sentence of annual-report section 六 on fees: how many cases paid, and how much.

    [I] Only amounts actually collected are passed; nothing collected is said explicitly
    (annual-report.md §9).
    """
    paid = [amount for amount in amounts if amount > 0]
    if not paid:
        return _say("fee.report_none", year=year)
    return _say("fee.report", year=year, cases=len(paid), amount=_yuan(sum(paid, Decimal(0))))


def _yuan(amount: Decimal) -> str:
    """400 → "400", 12.5 → "12.50"."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount.quantize(Decimal('0.01'))}"
