"""The office's entries of the bureau's 2017 work report, from the seed (临民字〔2018〕2号): the
figures no Gongkai module holds yet, the prose of each part and the task plan.

The demo's disclosure office (公开办) enters them through the work report's services, as
the office would in the console (audited as theirs). Only what is missing is entered, so the
office's own edits in the console survive the next `gongkai demo`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from gongkai.accounts.models import Agency, User
from gongkai.demo.records import SEED_TEXT
from gongkai.workreport import services
from gongkai.workreport.models import WorkFigure, WorkTask, WorkText

YEAR = 2017
ENTERED_AT = datetime(2017, 12, 26, 16, tzinfo=ZoneInfo("Asia/Shanghai"))

# The seed's figures, as the office types them (临民字〔2018〕2号).
FIGURES = {
    # 年内回复临沧民政网上咨询15条,处理率达100%
    "consultations_received": "15",
    "consultations_answered": "15",
    # “96128”来电回复率和满意度100%
    "hotline_number": "96128",
    "hotline_reply_rate": "100",
    "hotline_satisfaction": "100",
    # 接待群众来访300多人次 (the seed gives no exact number)
    "visitors": "300多",
    # 接收信访件13件,办结12件(其中,网上信访8件),1件正在办理中
    "petitions_received": "13",
    "petitions_closed": "12",
    "petitions_online": "8",
    "petitions_in_progress": "1",
    # 年内收到政协提案4件,其中主办2件,协办2件,召开人大代表题案办理面商会8次
    "cppcc_proposals": "4",
    "cppcc_lead": "2",
    "cppcc_assisting": "2",
    "npc_meetings": "8",
    # 在市民政局院内设立了4个固定公开栏; 年内,未发现和接收到有关民政领域的相关舆情事件
    "notice_boards": "4",
    "opinion_incidents": "0",
}

# [I] The seed's attachment (分工方案落实情况) names no rows: these are the tasks of its
# body (临政办〔2017〕106号 as the bureau reports on them), one row each.
TASKS = [
    ("完善政务公开制度，健全公开前保密审查机制，制定本部门实施方案、年度实施细则和信息公开基本目录", "局办公室", "2017年6月底前", "已完成。建立主动公开、依申请公开、保密审查、协调发布等工作制度，制定实施方案和实施细则。"),
    ("推进政务公开平台建设，发挥临沧民政网站第一平台作用，推动信息多平台同步发布", "局办公室", "全年", "已完成。年内通过临沧民政网发布信息1400条，微信公众平台发布435条。"),
    ("推进决策、执行、管理、服务、结果“五公开”，公文拟制时明确公开属性", "局办公室、各科室", "全年", "已落实。“五公开”纳入办文办会程序。"),
    ("扩大公众参与，做好人大代表建议和政协提案办理", "局办公室", "全年", "已完成。办理政协提案4件（主办2件、协办2件），召开人大代表建议办理面商会8次，均已办复。"),
    ("推进社会救助、养老服务等重点领域信息公开", "社会救助科、养老服务科", "按月、按季度", "已落实。按月公开城乡低保、特困供养、医疗救助情况，按季度公开临时救助、救灾情况。"),
    ("强化政策解读，主要负责人履行第一解读人职责", "局领导、各科室", "全年", "已完成。主要负责人解读重要政策措施3次。"),
    ("做好政务舆情收集研判回应", "局办公室", "全年", "已落实。年内未发生民政领域舆情事件。"),
    ("依法规范依申请公开，做好网上咨询、信访办理", "局办公室", "全年", "已落实。未收到依申请公开申请；回复网上咨询15条，接收信访件13件，办结12件。"),
    ("加强组织领导和教育培训，将政务公开纳入绩效考核", "局办公室", "全年", "已完成。成立政务公开领导小组，分值权重不低于4%。"),
]  # fmt: skip

# 一、落实情况: after the figure paragraphs the report writes, the seed's paragraphs that
# carry no figure of their own, numbered on.
IMPLEMENTATION = "\n".join(
    [
        "（六）健全完善政务公开制度。建立主动公开、依申请公开、保密审查、协调发布等工作制度，建立政务公开工作考核制度、社会评议制度和责任追究制度。健全公开前保密审查机制，规范保密审查程序，妥善处理好政务公开与保守秘密的关系。根据省、市全面推进政务公开工作的实施意见，制定本部门的“实施方案”，制定年度“政务公开工作实施细则”、信息公开基本目录。",
        "（七）全面落实“五公开”。拟制公文时明确公开属性，即“主动公开”“删减后公开”“依申请公开”“不公开”；坚持“公开为常态，不公开为例外”的原则，推进主动公开目录体系建设；按规定做好政策制度公开征求意见，探索邀请人大代表、政协委员、专家学者、新闻记者、利益相关人员列席有关会议。",
        "（八）加强政务公开工作统筹指导。成立政务公开领导小组，下设办公室，确定一名领导分管政务公开工作并对外公布，局办公室具体负责组织协调、指导推进、监督检查，明确一名工作人员负责日常工作；将信息公开、政策解读、回应关切、媒体参与等纳入绩效考核体系，分值权重不低于4%。",
    ]
)  # fmt: skip
CLOSING = "临沧市民政局\n2017年12月26日\n（此件公开发布）"


def _seed_lines() -> list[str]:
    return [
        line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _between(lines: list[str], start: str, end: str) -> str:
    """The seed's lines after the heading starting with `start`, up to the one with `end`."""
    first = next(i for i, line in enumerate(lines) if line.startswith(start)) + 1
    last = next(i for i, line in enumerate(lines[first:], first) if line.startswith(end))
    return "\n".join(lines[first:last])


def prose() -> dict[str, str]:
    lines = _seed_lines()
    return {
        WorkText.Part.OPENING: lines[1],  # 根据…现将工作落实情况报告如下
        WorkText.Part.IMPLEMENTATION: IMPLEMENTATION,
        WorkText.Part.PRACTICES: _between(lines, "二、主要做法", "三、"),
        WorkText.Part.PROBLEMS: _between(lines, "三、存在问题和下步工作打算", "附件"),
        WorkText.Part.CLOSING: CLOSING,
    }


def load_work_report(*, agency: Agency, done: list[str]) -> None:
    office = User.objects.get(username="office")
    stored = set(WorkFigure.objects.filter(agency=agency, year=YEAR).values_list("key", flat=True))
    missing = {key: value for key, value in FIGURES.items() if key not in stored}
    if missing:
        services.figures_save(
            actor=office, agency=agency, year=YEAR, values=missing, now=ENTERED_AT
        )
        done.append(f"work report {YEAR}: {len(missing)} figures")
    written = set(WorkText.objects.filter(agency=agency, year=YEAR).values_list("part", flat=True))
    for part, text in prose().items():
        if part not in written:
            services.text_save(
                actor=office, agency=agency, year=YEAR, part=part, text=text, now=ENTERED_AT
            )
            done.append(f"work report {YEAR}: {part}")
    if not WorkTask.objects.filter(agency=agency, year=YEAR).exists():
        rows = [dict(zip(services.TASK_FIELDS, row, strict=True)) for row in TASKS]
        services.tasks_save(actor=office, agency=agency, year=YEAR, rows=rows, now=ENTERED_AT)
        done.append(f"work report {YEAR}: {len(rows)} tasks")
