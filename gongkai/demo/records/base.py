"""The shape of a demo record and the helpers the data modules share."""

from dataclasses import dataclass
from datetime import date
from html import escape

from gongkai.core.disclosure import Attribute


@dataclass(frozen=True)
class Channel:
    """A release on another channel than the website (协调发布)."""

    channel: str  # a Release.Channel value
    days_after: int = 0
    link: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoRecord:
    title: str
    day: date  # the day it was published, or reached `state`
    unit: str | None  # a unit code of load.UNITS; None: the bureau as a whole
    columns: tuple[str, ...]  # column slugs (gongkai.documents.columns.STANDARD)
    genre: str
    subject: str
    paragraphs: tuple[str, ...]  # plain text becomes <p>; text starting with "<" is HTML
    document_number: str = ""
    issuing_body: str = "临沧市民政局"  # 发文机关
    written_on: date | None = None  # 成文日期; the publication day when None
    summary: str = ""
    keywords: str = ""
    note: str = "演示数据"
    state: str = "published"  # draft, returned (退文 by the system), submitted, reviewed
    attribute: str = Attribute.PROACTIVE
    ground: str = ""
    reason: str = ""
    redacted: tuple[str, ...] = ()  # the published text of a 删减后公开 record
    registration_number: str = ""  # 统一登记号 of a 行政规范性文件
    needs_interpretation: bool = False
    waiver: str = ""  # the approver's reason for publishing without an interpretation
    interprets: str = ""  # the key of the policy this record interprets
    form: str = ""  # Record.InterpretationForm
    interpreter: str = ""
    by_principal: bool = False
    channels: tuple[Channel, ...] = ()

    @property
    def key(self) -> str:
        """What finds the record again on the next load: its 文号, else its title."""
        return self.document_number or self.title

    @property
    def body(self) -> str:
        return _html(self.paragraphs)

    @property
    def redacted_body(self) -> str:
        return _html(self.redacted)


def _html(paragraphs: tuple[str, ...]) -> str:
    return "".join(p if p.startswith("<") else f"<p>{escape(p)}</p>" for p in paragraphs)


def table(head: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def wechat(slug: str, days_after: int = 0) -> Channel:
    return Channel("wechat", days_after, f"https://weixin.example.org/lcmzj/{slug}")


def board(note: str = "市民政局一楼政务公开栏", days_after: int = 1) -> Channel:
    return Channel("board", days_after, note=note)


WELFARE = "民政、扶贫、救灾\\社会福利"
CIVIL_OTHER = "民政、扶贫、救灾\\其他"
ORGANISATIONS = "民政、扶贫、救灾\\社团管理"
PLACE_NAMES = "民政、扶贫、救灾\\行政区划与地名"
OPENNESS = "综合政务\\政务公开"
PERSONNEL = "劳动、人事、监察\\人事工作"
FINANCE = "财政、金融、审计\\财政"
SOCIAL = "shjz"  # column slugs used often
ELDERLY = "ylfw"
COUNTIES = ("临翔区", "凤庆县", "云县", "永德县", "镇康县", "双江县", "耿马县", "沧源县")
BUREAU = "临沧市民政局"
