"""The bureau's published information of 2017, as historic data: the seed (临民字〔2018〕2号)
reports that in 2017 the bureau published 1400 items on its website (临沧民政网) and 435 on
its WeChat account (临沧民政微信公众平台), and that the principal leader interpreted
important policies 3 times. The demo holds that many public records, dated in 2017, so the
2017 work report computes those figures from records (docs/work-report.md).

Titles, days and units are invented for the demo (the note of every record says so): county
news, meetings, the monthly 社会救助 and 养老服务 figures, notices, three policy documents with
their interpretations by the principal leader. Like `gongkai documents import --publish`,
history was published by the old system: the records are written directly as published
(bulk_create: 1400 records through the workflow would take minutes), each with its 索引号 of
2017, the website release, a RecordEvent `import`; one audit event records the whole load.
Loading again adds nothing (the records are found by their note).
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from django.db.models import Max

from gongkai.accounts.models import Agency, Unit
from gongkai.audit.services import audit_log
from gongkai.core import disclosure
from gongkai.demo.records.base import (
    BUREAU,
    CIVIL_OTHER,
    COUNTIES,
    FINANCE,
    OPENNESS,
    ORGANISATIONS,
    PERSONNEL,
    PLACE_NAMES,
    WELFARE,
)
from gongkai.documents.models import Column, IndexSequence, Record, RecordEvent, Release
from gongkai.portal.snapshots import bump_generation, forget_records

YEAR = 2017
WEBSITE_ITEMS = 1400  # 年内通过临沧民政网公开发布信息共1400条
WECHAT_ITEMS = 435  # 临沧民政微信公众平台开发布435条
PRINCIPAL_INTERPRETATIONS = 3  # 局主要负责人…解读重要政策措施3次
NOTE = "2017年历史数据（演示）"
SHANGHAI = ZoneInfo("Asia/Shanghai")
PUBLISHED_AT = time(10)
INTERPRETER = "临沧市民政局主要负责人"
MONTHS = range(1, 13)


@dataclass(frozen=True)
class Item:
    title: str
    day: date
    column: str
    genre: str
    subject: str
    unit: str | None = None
    document_number: str = ""
    interprets: str = ""  # title of the policy interpreted
    form: str = ""


def _last_weekday(year: int, month: int, day: int) -> date:
    found = date(year, month, day)
    while found.weekday() >= 5:  # published on a weekday
        found -= timedelta(days=1)
    return found


def _key_areas() -> Iterator[Item]:
    for m in MONTHS:
        day = _last_weekday(YEAR, m, 25)
        for what in ("城乡最低生活保障", "特困人员救助供养", "医疗救助"):
            yield Item(f"临沧市{YEAR}年{m}月{what}情况", day, "shjz", "统计数据", WELFARE, "SHJZ")
        for county in COUNTIES:
            title = f"{county}{YEAR}年{m}月城乡低保保障人数和资金支出情况"
            yield Item(title, day, "shjz", "统计数据", WELFARE, "SHJZ")
        title = f"临沧市{YEAR}年{m}月养老服务实事项目进展情况"
        yield Item(title, day, "ylfw", "统计数据", WELFARE, "YLFW")
    for q, month in enumerate((3, 6, 9, 12), start=1):
        day = _last_weekday(YEAR, month, 28)
        quarter = f"{YEAR}年第{'一二三四'[q - 1]}季度"
        yield Item(f"临沧市{quarter}临时救助情况", day, "shjz", "统计数据", WELFARE, "SHJZ")
        title = f"临沧市{quarter}核定灾情和救灾资金物资使用情况"
        yield Item(title, day, "shjz", "统计数据", CIVIL_OTHER, "SHJZ")
        title = f"临沧市{quarter}流浪乞讨人员救助管理情况"
        yield Item(title, day, "shjz", "统计数据", WELFARE, "JZGLZ")
        title = f"临沧市{quarter}残疾人两项补贴发放情况"
        yield Item(title, day, "shjz", "统计数据", WELFARE, "SHSW")
        for county in COUNTIES:
            title = f"{county}{quarter}高龄津贴发放情况"
            yield Item(title, day, "ylfw", "统计数据", WELFARE, "YLFW")
    yield Item(
        f"临沧市{YEAR}年老年人口状况和老龄事业发展情况",
        date(YEAR, 10, 9),
        "ylfw",
        "统计数据",
        WELFARE,
        "YLFW",
    )


POLICIES = (
    ("临沧市民政局关于进一步加强困难群众临时救助工作的通知", "临民发〔2017〕12号", date(YEAR, 3, 21), "SHJZ", "text"),
    ("临沧市民政局关于全面放开养老服务市场提升养老服务质量的实施意见", "临民发〔2017〕35号", date(YEAR, 6, 20), "YLFW", "qa"),
    ("临沧市民政局关于加强农村留守儿童关爱保护和困境儿童保障工作的通知", "临民发〔2017〕58号", date(YEAR, 9, 19), "SHSW", "text"),
)  # fmt: skip
OTHER_DOCUMENTS = (
    ("临沧市民政局2017年政务公开工作要点", "临民发〔2017〕8号", date(YEAR, 3, 10), None, OPENNESS),
    ("临沧市民政局2017年政务公开工作实施细则", "临民发〔2017〕9号", date(YEAR, 3, 14), None, OPENNESS),
    ("临沧市民政局政府信息公开保密审查办法", "临民发〔2017〕15号", date(YEAR, 4, 11), None, OPENNESS),
    ("临沧市民政局重点领域信息公开任务分解表", "临民发〔2017〕22号", date(YEAR, 5, 9), None, OPENNESS),
    ("临沧市民政局关于做好2017年城乡低保提标工作的通知", "临民发〔2017〕41号", date(YEAR, 7, 11), "SHJZ", WELFARE),
    ("临沧市民政局关于规范地名命名更名工作的通知", "临民发〔2017〕49号", date(YEAR, 8, 15), "QHDM", PLACE_NAMES),
    ("临沧市民政局关于做好2017年社会组织年检工作的通知", "临民发〔2017〕16号", date(YEAR, 4, 18), None, ORGANISATIONS),
)  # fmt: skip


def _documents() -> Iterator[Item]:
    for title, number, day, unit, _form in POLICIES:
        yield Item(title, day, "zcwj", "通知", WELFARE, unit, number)
    for title, number, day, unit, subject in OTHER_DOCUMENTS:
        yield Item(title, day, "zcwj", "通知", subject, unit, number)
    for title, _number, day, unit, form in POLICIES:
        yield Item(f"《{title.removeprefix('临沧市民政局')}》政策解读", day, "zcjd", "政策解读", WELFARE, unit, interprets=title, form=form)  # fmt: skip


def _statutory() -> Iterator[Item]:
    yield Item(f"临沧市民政局{YEAR}年部门预算", date(YEAR, 2, 24), "fd07", "财政资金", FINANCE)
    yield Item(f"临沧市民政局{YEAR - 1}年部门决算", date(YEAR, 8, 25), "fd07", "财政资金", FINANCE)
    yield Item(
        f"临沧市民政局{YEAR}年“三公”经费预算", date(YEAR, 2, 24), "fd07", "财政资金", FINANCE
    )
    yield Item(
        f"临沧市民政局{YEAR}年政府集中采购项目信息", date(YEAR, 5, 26), "fd09", "财政资金", FINANCE
    )
    yield Item(
        f"临沧市社会福利院{YEAR}年公开招聘工作人员公告",
        date(YEAR, 4, 7),
        "fd14",
        "人事信息",
        PERSONNEL,
        "SFLY",
    )
    yield Item(
        f"临沧市社会福利院{YEAR}年公开招聘工作人员拟聘用人员公示",
        date(YEAR, 7, 14),
        "fd14",
        "人事信息",
        PERSONNEL,
        "SFLY",
    )
    yield Item("临沧市民政局权力清单和责任清单", date(YEAR, 3, 31), "fd05", "办事指南", OPENNESS)
    yield Item("临沧市民政局行政许可事项服务指南", date(YEAR, 3, 31), "fd05", "办事指南", OPENNESS)


NOTICE_TOPICS = (
    "开展2017年社会组织年检", "做好春节期间困难群众走访慰问", "开展“救助管理机构开放日”活动",
    "做好冬春生活救助资金发放", "开展养老院服务质量建设专项行动", "组织全市民政系统业务培训",
    "开展殡葬领域突出问题专项整治", "做好汛期防灾减灾救灾", "开展全国“防灾减灾日”宣传",
    "做好福利彩票公益金项目申报", "开展社区工作者职业资格考试报名", "开展“中华慈善日”宣传",
    "做好中秋国庆期间救助管理", "开展行政区划界线联合检查", "开展地名标志设置检查",
    "做好城乡低保专项治理自查", "开展农村留守儿童摸底排查", "做好高龄津贴资格认证",
    "做好冬季流浪乞讨人员救助", "开展婚姻登记颁证服务", "开展社会工作主题宣传周",
    "做好第二次全国地名普查成果转化", "开展慈善组织认定", "开展民政系统安全生产大检查",
    "做好“寒冬送温暖”专项救助", "做好残疾人两项补贴动态管理", "开展政务公开工作自查",
    "做好殡葬服务收费公示", "开展养老服务机构消防安全检查", "征集2017年民生实事项目意见",
)  # fmt: skip
ACTIVITIES = (
    "开展春节前困难群众走访慰问", "召开年度民政工作会议", "开展城乡低保专项治理",
    "开展社会救助政策宣传进村入户", "组织社会组织年检", "开展养老机构安全检查",
    "开展“救助管理机构开放日”活动", "开展防灾减灾宣传活动", "开展行政区划界线联检",
    "开展殡葬改革政策宣传", "组织婚姻登记员业务培训", "开展农村留守儿童关爱活动",
    "开展困境儿童摸底排查", "开展“中华慈善日”募捐活动", "开展高龄津贴资格认证",
    "召开政务公开工作推进会", "开展福利彩票公益宣传", "开展地名标志设置检查",
    "开展社区服务中心建设督查", "开展“七一”主题党日活动", "开展“两学一做”学习教育",
    "开展汛期救灾物资储备检查", "开展冬春救助资金发放督查", "召开脱贫攻坚社会救助兜底推进会",
    "开展特困人员供养服务机构检查", "开展民政服务窗口作风建设", "组织社会工作者职业水平考试",
    "开展养老服务业务培训", "开展敬老月系列活动", "召开民政系统党风廉政建设会议",
    "开展寒冬送温暖活动", "开展流浪乞讨人员街面巡查救助", "开展残疾人两项补贴发放督查",
    "召开农村低保与扶贫开发衔接工作会", "开展社会组织党建工作调研", "开展慈善超市建设调研",
    "开展城乡社区协商试点", "开展村（居）委会换届准备工作", "组织民政业务骨干培训班",
    "开展民政统计数据质量核查",
)  # fmt: skip
WHO = (BUREAU, *[f"{county}民政局" for county in COUNTIES], "临沧市社会福利院", "临沧市救助管理站")
UNIT_OF = {"临沧市社会福利院": "SFLY", "临沧市救助管理站": "JZGLZ"}


def _news() -> Iterator[Item]:
    days = [date(YEAR, 1, 3) + timedelta(days=i) for i in range(360)]
    weekdays = [d for d in days if d.weekday() < 5]
    pick = random.Random(YEAR)  # noqa: S311 - a fixed sequence of demo days, not a secret
    for who in WHO:
        for activity in ACTIVITIES:
            yield Item(f"{who}{activity}", pick.choice(weekdays), "gzdt", "工作动态", CIVIL_OTHER, UNIT_OF.get(who))  # fmt: skip
    for n in range(1, 25):
        day = weekdays[(n * len(weekdays)) // 25]
        yield Item(f"临沧市民政局召开{YEAR}年第{n}次局务会议", day, "gzdt", "工作动态", CIVIL_OTHER)
    for n in range(1, 13):
        day = weekdays[(n * len(weekdays)) // 13]
        yield Item(f"临沧市民政局党组理论学习中心组{YEAR}年第{n}次集中学习", day, "gzdt", "工作动态", CIVIL_OTHER)  # fmt: skip
    for county in COUNTIES:
        for m in MONTHS:
            day = _last_weekday(YEAR, m, 28)
            yield Item(f"{county}民政局{YEAR}年{m}月工作简报", day, "gzdt", "工作动态", CIVIL_OTHER)
        for what in ("社会救助", "养老服务"):
            for m in MONTHS:
                day = _last_weekday(YEAR, m, 20)
                yield Item(f"{county}{YEAR}年{m}月{what}工作进展", day, "gzdt", "工作动态", CIVIL_OTHER)  # fmt: skip
        for w in range(1, 53):
            day = date(YEAR, 1, 6) + timedelta(weeks=w - 1)
            yield Item(
                f"{county}民政工作动态（{YEAR}年第{w}周）", day, "gzdt", "工作动态", CIVIL_OTHER
            )


def _notices() -> Iterator[Item]:
    for i, topic in enumerate(NOTICE_TOPICS):
        day = _last_weekday(YEAR, 1 + (i * 12) // len(NOTICE_TOPICS), 12)
        yield Item(f"关于{topic}工作的通知", day, "tzgg", "通知公告", CIVIL_OTHER)


def items() -> list[Item]:
    """The 1400 items of 2017 in the order they were published (news fill up the count)."""
    fixed = [*_documents(), *_key_areas(), *_statutory(), *_notices()]
    news = list(_news())
    random.Random(WEBSITE_ITEMS).shuffle(news)  # noqa: S311 - a fixed demo selection
    chosen = fixed + news[: WEBSITE_ITEMS - len(fixed)]
    return sorted(chosen, key=lambda item: (item.day, item.column != "zcwj", item.title))


def wechat_titles(chosen: list[Item]) -> set[str]:
    """The 435 also posted on WeChat: the policies and interpretations, the notices, then
    news in a fixed selection."""
    first = [i.title for i in chosen if i.column in ("zcwj", "zcjd", "tzgg")]
    news = sorted(i.title for i in chosen if i.column == "gzdt")
    random.Random(WECHAT_ITEMS).shuffle(news)  # noqa: S311 - a fixed demo selection
    return set((first + news)[:WECHAT_ITEMS])


def _body(item: Item) -> str:
    return f"<p>{escape(item.title)}。</p><p>（本条为演示用的{YEAR}年历史信息，正文从略。）</p>"


def load_history(*, agency: Agency, units: dict[str, Unit], done: list[str]) -> None:
    """Write the 2017 records once (found again by their note)."""
    if Record.objects.filter(agency=agency, note=NOTE).exists():
        return
    chosen = items()
    columns = {c.slug: c for c in Column.objects.filter(agency=agency)}
    first = _reserve(agency, len(chosen))
    records = [_record(agency, units, item, first + n) for n, item in enumerate(chosen)]
    policies = {
        r.title: r
        for r in Record.objects.bulk_create([r for r in records if r.needs_interpretation])
    }
    for record, item in zip(records, chosen, strict=True):
        if item.interprets:
            record.interprets = policies[item.interprets]
    Record.objects.bulk_create([r for r in records if not r.needs_interpretation])
    _relations(records, chosen, columns)
    forget_records([])
    bump_generation()
    audit_log(
        actor=None,
        action="demo.history_loaded",
        target=agency,
        changes={
            "year": [None, YEAR],
            "records": [0, len(records)],
            "wechat": [0, WECHAT_ITEMS],
            "index_numbers": [None, f"{records[0].index_number} … {records[-1].index_number}"],
        },
        reason="demo",
    )
    done.append(f"history {YEAR}: {len(records)} records")


def _reserve(agency: Agency, count: int) -> int:
    """The first serial of the 索引号 block; the year's sequence moves past the block."""
    sequence, _ = IndexSequence.objects.select_for_update().get_or_create(agency=agency, year=YEAR)
    first = sequence.last + 1
    sequence.last += count
    sequence.save(update_fields=["last"])
    return first


def _record(agency: Agency, units: dict[str, Unit], item: Item, seq: int) -> Record:
    published = datetime.combine(item.day, PUBLISHED_AT, tzinfo=SHANGHAI)
    body = _body(item)
    return Record(
        agency=agency,
        unit=units[item.unit] if item.unit else None,
        status=Record.Status.PUBLISHED,
        index_number=disclosure.render_index_number(
            agency.index_template,
            agency_code=agency.code,
            year=YEAR,
            seq=seq,
            unit_code=item.unit or "",
            day=item.day,
        ),
        title=item.title,
        issuing_body=BUREAU,
        document_number=item.document_number,
        written_on=item.day - timedelta(days=3) if item.document_number else item.day,
        published_at=published,
        subject=item.subject,
        genre=item.genre,
        body=body,
        body_text=f"{item.title}。（本条为演示用的{YEAR}年历史信息，正文从略。）",
        note=NOTE,
        attribute=Record.Attribute.PROACTIVE,
        needs_interpretation=any(item.title == p[0] for p in POLICIES),
        interpretation_form=item.form,
        interpreter=INTERPRETER if item.interprets else "",
        by_principal=bool(item.interprets),
    )


def _relations(records: list[Record], chosen: list[Item], columns: dict[str, Column]) -> None:
    """Columns, the website and WeChat releases and the import event of every record."""
    wechat = wechat_titles(chosen)
    filed, releases, events = [], [], []
    through = Record.columns.through
    for record, item in zip(records, chosen, strict=True):
        filed.append(through(record_id=record.pk, column_id=columns[item.column].pk))
        releases.append(
            Release(record=record, channel=Release.Channel.WEBSITE, released_on=item.day)
        )
        if item.title in wechat:
            link = (
                f"https://weixin.example.org/lcmzj/{YEAR}/{record.index_number.rsplit('-', 1)[-1]}"
            )
            releases.append(
                Release(
                    record=record, channel=Release.Channel.WECHAT, released_on=item.day, link=link
                )
            )
        events.append(
            RecordEvent(
                record=record,
                step="import",
                from_status=disclosure.Status.DRAFT,
                to_status=disclosure.Status.PUBLISHED,
                comment="历史数据导入（演示）",
                at=record.published_at,
            )
        )
    through.objects.bulk_create(filed)
    Release.objects.bulk_create(releases)
    RecordEvent.objects.bulk_create(events)


def highest_serial(agency: Agency) -> int:
    """The last 索引号 serial of 2017 (for tests)."""
    found = IndexSequence.objects.filter(agency=agency, year=YEAR).aggregate(last=Max("last"))
    return int(found["last"] or 0)
