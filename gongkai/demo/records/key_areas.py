"""The 社会救助 and 养老服务 key areas (catalogue.md §§4–5, 8): standards, guides, lists
and the recurring figures, in the table layouts local bureaus publish."""

from datetime import date

from gongkai.core.disclosure import Attribute, Ground
from gongkai.demo.records.base import (
    COUNTIES,
    ELDERLY,
    SOCIAL,
    WELFARE,
    DemoRecord,
    board,
    table,
    wechat,
)

QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}


def assistance_quarter(
    year: int, quarter: int, day: date, figures: tuple[float, ...], *, state: str = "published"
) -> DemoRecord:
    """社会救助 quarterly release in the reference bureau's schedule (catalogue.md §8)."""
    uh, up, us, rh, rp, rs, tc, td, ts, times, temp = figures
    new_standard = (year, quarter) >= (2025, 4)  # 临民发〔2025〕24号, from 2025-10-01
    urban, rural = (
        ("830元/人·月", "6360元/人·年") if new_standard else ("800元/人·月", "6000元/人·年")
    )
    poverty = (
        "城市1079元/人·月，农村8268元/人·年"
        if new_standard
        else "城市1040元/人·月，农村7800元/人·年"
    )
    rows: list[tuple[object, ...]] = [
        ("城市最低生活保障", urban, int(uh), int(up), f"{us:.2f}"),
        ("农村最低生活保障", rural, int(rh), int(rp), f"{rs:.2f}"),
        (
            "特困人员救助供养",
            poverty,
            "—",
            f"{int(tc + td)}（集中{int(tc)}，分散{int(td)}）",
            f"{ts:.2f}",
        ),
        ("临时救助", "按困难程度分档", f"{int(times)}户次", "—", f"{temp:.2f}"),
    ]
    return DemoRecord(
        title=f"临沧市{year}年第{QUARTERS[quarter]}季度城乡低保、特困人员救助供养和临时救助情况",
        day=day,
        unit="SHJZ",
        columns=(SOCIAL,),
        genre="统计数据",
        subject=WELFARE,
        keywords="低保,特困供养,临时救助,季度数据",
        state=state,
        paragraphs=(
            f"现将临沧市{year}年第{QUARTERS[quarter]}季度城乡低保、特困人员救助供养和临时救助情况公布如下。",
            table(
                ("救助类别", "保障（救助）标准", "户数（户）", "人数（人）", "本季度支出（万元）"),
                rows,
            ),
            "注：户数、人数为季度末在保数；资金为本季度实际发放数。本表数据为演示数据。",
        ),
    )


# 80—89, 90—99, 100+ per county (persons), one half-year; standards of 临民发〔2025〕21号.
LONGEVITY_COUNTS = {
    "临翔区": (5120, 702, 18),
    "凤庆县": (6890, 915, 25),
    "云县": (6410, 860, 21),
    "永德县": (4230, 566, 14),
    "镇康县": (2370, 318, 9),
    "双江县": (2450, 331, 11),
    "耿马县": (3720, 487, 16),
    "沧源县": (2580, 352, 12),
}


def longevity_allowance(
    title: str, day: date, months: int, growth: int, *, state: str = "published"
) -> DemoRecord:
    rows: list[tuple[object, ...]] = []
    for county, (a, b, c) in LONGEVITY_COUNTS.items():
        a, b, c = a + growth * 10, b + growth, c
        amount = (a * 50 + b * 100 + c * 500) * months / 10000
        rows.append((county, a, b, c, f"{amount:.2f}"))
    return DemoRecord(
        title=title,
        day=day,
        unit="YLFW",
        columns=(ELDERLY,),
        genre="统计数据",
        subject=WELFARE,
        keywords="高龄津贴,老年人",
        state=state,
        paragraphs=(
            f"根据《临沧市高龄津贴发放管理办法》，现将{title.removeprefix('临沧市').removesuffix('高龄津贴发放情况')}"
            "全市高龄津贴发放情况公布如下。",
            table(
                (
                    "县（区）",
                    "80—89周岁（人）",
                    "90—99周岁（人）",
                    "100周岁以上（人）",
                    "发放金额（万元）",
                ),
                rows,
            ),
            "发放标准：80—89周岁每人每月50元，90—99周岁每人每月100元，100周岁以上每人每月500元。本表数据为演示数据。",
        ),
    )


SOCIAL_ASSISTANCE = [
    assistance_quarter(
        2025,
        1,
        date(2025, 4, 15),
        (11236, 17052, 3186.52, 65418, 128337, 11972.40, 1812, 10406, 3348.75, 2916, 452.18),
    ),
    assistance_quarter(
        2025,
        2,
        date(2025, 7, 14),
        (11108, 16874, 3161.30, 64972, 127518, 11904.66, 1826, 10371, 3352.10, 3104, 487.65),
    ),
    assistance_quarter(
        2025,
        3,
        date(2025, 10, 15),
        (11015, 16702, 3138.47, 64510, 126702, 11850.29, 1833, 10322, 3349.02, 3287, 512.40),
    ),
    assistance_quarter(
        2025,
        4,
        date(2026, 1, 15),
        (10982, 16615, 3262.11, 64305, 126281, 12371.85, 1841, 10297, 3471.56, 3615, 566.72),
    ),
    assistance_quarter(
        2026,
        1,
        date(2026, 4, 15),
        (10894, 16472, 3239.80, 63876, 125430, 12290.13, 1852, 10254, 3475.38, 2788, 431.05),
    ),
    assistance_quarter(
        2026,
        2,
        date(2026, 7, 15),
        (10851, 16390, 3228.64, 63512, 124806, 12231.74, 1860, 10219, 3478.91, 2960, 458.33),
    ),
    DemoRecord(
        title="关于临沧市城乡最低生活保障标准调整情况的公示",
        day=date(2025, 9, 5),
        unit="SHJZ",
        columns=(SOCIAL, "tzgg"),
        genre="通知公告",
        subject=WELFARE,
        summary="公示2025年10月1日起执行的各县（区）城乡低保标准。",
        keywords="低保标准,调整,公示",
        paragraphs=(
            "根据《临沧市民政局 临沧市财政局关于提高城乡最低生活保障标准的通知》（临民发〔2025〕24号），"
            "现将各县（区）2025年10月1日起执行的城乡最低生活保障标准公示如下。",
            table(
                ("县（区）", "城市低保标准（元/人·月）", "农村低保标准（元/人·年）"),
                [(county, 830, 6360) for county in COUNTIES],
            ),
            "公示期为2025年9月5日至9月15日。对公示内容有异议的，请向市民政局社会救助科反映，"
            "电话0883-0000002（演示）。",
        ),
        channels=(wechat("2025-dibao-biaozhun"), board()),
    ),
    DemoRecord(
        title="临沧市2025年特困人员基本生活标准和照料护理标准",
        day=date(2025, 9, 10),
        unit="SHJZ",
        columns=(SOCIAL,),
        genre="通知公告",
        subject=WELFARE,
        summary="2025年10月1日起执行的特困人员基本生活标准和三档照料护理标准。",
        keywords="特困人员,供养标准,照料护理",
        paragraphs=(
            "根据《临沧市特困人员救助供养实施细则》，现将2025年10月1日起执行的特困人员救助供养标准公布如下。",
            table(
                ("项目", "城市", "农村"),
                [
                    ("基本生活标准", "1079元/人·月", "8268元/人·年"),
                    ("照料护理标准（全自理）", "80元/人·月", "80元/人·月"),
                    ("照料护理标准（半护理）", "400元/人·月", "400元/人·月"),
                    ("照料护理标准（全护理）", "800元/人·月", "800元/人·月"),
                ],
            ),
            "基本生活标准按不低于当地低保标准的1.3倍确定。",
        ),
        channels=(board(),),
    ),
    DemoRecord(
        title="临沧市最低生活保障办事指南",
        day=date(2025, 3, 20),
        unit="SHJZ",
        columns=(SOCIAL, "fd05"),
        genre="办事指南",
        subject=WELFARE,
        summary="办理事项、条件、标准、申请材料、流程、时限、地点和咨询电话。",
        keywords="低保,办事指南,申请材料",
        paragraphs=(
            "一、办理事项：最低生活保障审核确认。",
            "二、办理条件：共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。",
            "三、申请材料：申请书、家庭成员身份证件、家庭经济状况授权核对书、收入和财产情况说明。",
            "四、办理流程：申请—受理—家庭经济状况调查—村（社区）公示—乡镇（街道）审核—县级民政部门确认。",
            "五、办理时限：自受理之日起30个工作日内办结，特殊情况可延长至45个工作日。",
            "六、办理地点：户籍所在地或者经常居住地乡镇人民政府（街道办事处）。咨询电话：0883-0000002（演示）。",
        ),
    ),
    DemoRecord(
        title="临沧市2025年流浪乞讨人员救助管理工作情况",
        day=date(2026, 1, 20),
        unit="JZGLZ",
        columns=(SOCIAL,),
        genre="统计数据",
        subject=WELFARE,
        keywords="流浪乞讨,救助管理",
        paragraphs=(
            "2025年，市救助管理站共救助流浪乞讨人员1006人次，支出救助资金47.18万元；"
            "护送返乡312人次，通过寻亲服务帮助18名长期滞留人员回归家庭。",
            "全年开展街面巡查460余次，落实“一人一档”管理，无安全责任事故发生。本页数据为演示数据。",
        ),
    ),
    # Waiting for the confidentiality review: the list shows identity numbers, so the privacy
    # scan blocks it until the reviewer masks the column (issue 4; privacy.md §5.2). The
    # numbers are the standard's own examples (GB 11643), not anybody's.
    DemoRecord(
        title="临翔区2026年11月新增城乡低保对象名单公示",
        day=date(2026, 11, 20),
        unit="SHJZ",
        columns=(SOCIAL, "tzgg"),
        genre="通知公告",
        subject=WELFARE,
        state="submitted",
        summary="公示临翔区2026年11月经审核拟新增的城乡低保对象。",
        keywords="低保,新增,公示",
        paragraphs=(
            "经户籍所在地乡镇（街道）审核，现将临翔区2026年11月拟新增城乡低保对象公示如下。",
            table(
                ("户主姓名", "身份证号码", "所在村（社区）", "保障人数", "月保障金（元）"),
                [
                    ("张某某", "11010519491231002X", "忙畔社区", 2, 1660),
                    ("李某某", "440524188001010014", "博尚村", 3, 1590),
                ],
            ),
            "公示期为7个工作日。对公示内容有异议的，请向临翔区民政局反映（演示）。",
        ),
    ),
]

ELDERLY_CARE = [
    DemoRecord(
        title="临沧市养老机构名单（截至2025年6月30日）",
        day=date(2025, 7, 10),
        unit="YLFW",
        columns=(ELDERLY,),
        genre="统计数据",
        subject=WELFARE,
        summary="全市已备案养老机构的名称、所在县（区）、性质和床位数。",
        keywords="养老机构,名单,床位",
        paragraphs=(
            "现将截至2025年6月30日全市已备案的养老机构名单公布如下。",
            table(
                ("序号", "机构名称", "所在县（区）", "性质", "床位（张）"),
                [
                    (1, "临沧市社会福利院", "临翔区", "公办", 300),
                    (2, "临翔区中心敬老院（演示）", "临翔区", "公办", 120),
                    (3, "凤庆县颐康养老院（演示）", "凤庆县", "民办", 96),
                    (4, "云县中心敬老院（演示）", "云县", "公办", 150),
                    (5, "永德县康乐养老服务中心（演示）", "永德县", "公建民营", 80),
                    (6, "镇康县中心敬老院（演示）", "镇康县", "公办", 90),
                    (7, "双江县福寿养老院（演示）", "双江县", "民办", 60),
                    (8, "耿马县中心敬老院（演示）", "耿马县", "公办", 110),
                    (9, "沧源县安康养老院（演示）", "沧源县", "民办", 70),
                ],
            ),
            "名单实行动态更新，新备案的养老机构自备案之日起10个工作日内补充公布。",
        ),
        channels=(board("市政务服务中心民政窗口公开栏"),),
    ),
    longevity_allowance("临沧市2025年上半年高龄津贴发放情况", date(2025, 7, 20), 6, 0),
    longevity_allowance("临沧市2025年下半年高龄津贴发放情况", date(2026, 1, 22), 6, 3),
    DemoRecord(
        title="临沧市养老服务扶持政策措施清单",
        day=date(2025, 6, 27),
        unit="YLFW",
        columns=(ELDERLY,),
        genre="其他",
        subject=WELFARE,
        summary="扶持政策措施名称、扶持对象、实施部门、内容和标准。",
        keywords="养老服务,扶持政策,清单",
        paragraphs=(
            "按照民政部关于社会救助和养老服务领域基层政务公开标准指引的要求，现公布本市养老服务扶持政策措施清单。",
            table(
                ("扶持政策措施", "扶持对象", "实施部门", "内容和标准"),
                [
                    (
                        "养老机构建设补贴",
                        "新建、改扩建的非营利性养老机构",
                        "市、县民政局",
                        "按新增床位给予一次性补贴",
                    ),
                    (
                        "养老机构运营补贴",
                        "正常运营的养老机构",
                        "市、县民政局",
                        "按实际收住老年人数和等级给予补贴",
                    ),
                    ("高龄津贴", "80周岁以上老年人", "县级民政部门", "每人每月50—500元"),
                    (
                        "特困人员照料护理补贴",
                        "生活不能自理的特困人员",
                        "县级民政部门",
                        "三档，每人每月80—800元",
                    ),
                ],
            ),
        ),
    ),
    DemoRecord(
        title="临沧市养老机构投资指南",
        day=date(2025, 6, 27),
        unit="YLFW",
        columns=(ELDERLY, "fd05"),
        genre="办事指南",
        subject=WELFARE,
        summary="本市养老机构投资环境、备案条件和流程、涉及部门和联系方式。",
        keywords="养老机构,投资指南,备案",
        paragraphs=(
            "一、投资环境。截至2025年6月，全市60周岁以上老年人口约39万人，养老服务需求持续增长。",
            "二、备案条件。设立养老机构应当依法办理登记，并在收住老年人后10个工作日内向县级以上民政部门备案。",
            "三、办理流程。登记—消防、食品经营等事项办理—收住老年人—备案—接受监督检查。",
            "四、咨询方式。市民政局养老服务科，电话0883-0000005（演示）。",
        ),
    ),
    DemoRecord(
        title="临沧市社会福利院养老服务收费标准公示",
        day=date(2025, 12, 18),
        unit="SFLY",
        columns=(ELDERLY, "fd08"),
        genre="通知公告",
        subject=WELFARE,
        summary="临沧市社会福利院2026年床位费、护理费和伙食费标准。",
        keywords="收费标准,社会福利院,养老服务",
        paragraphs=(
            "根据价格主管部门核定，现将临沧市社会福利院2026年1月1日起执行的养老服务收费标准公示如下。",
            table(
                ("项目", "标准", "备注"),
                [
                    ("床位费（双人间）", "600元/人·月", "政府定价"),
                    ("护理费（一级至三级）", "300—1200元/人·月", "按老年人能力评估结果确定"),
                    ("伙食费", "750元/人·月", "据实结算，不以营利为目的"),
                ],
            ),
            "特困人员集中供养费用由政府承担，不向本人收取。",
        ),
        channels=(board("市社会福利院大厅公开栏", 0),),
    ),
    DemoRecord(
        title="临沧市民政局关于2025年度养老机构等级评定结果的公告",
        day=date(2025, 12, 26),
        unit="YLFW",
        columns=("tzgg", ELDERLY),
        genre="公告",
        subject=WELFARE,
        document_number="临民公告〔2025〕5号",
        written_on=date(2025, 12, 22),
        attribute=Attribute.REDACTED,
        ground=Ground.THIRD_PARTY,
        reason="原件附表列有养老机构负责人姓名和手机号码，属第三方个人信息，删除该列后公开。",
        summary="公布2025年度通过等级评定的养老机构及其等级。",
        keywords="养老机构,等级评定",
        paragraphs=(
            "根据《临沧市养老机构等级评定管理办法》，经机构申请、县级初评、市级评定和公示，"
            "现将2025年度养老机构等级评定结果公告如下。",
            table(
                ("机构名称", "评定等级", "负责人", "联系电话"),
                [
                    ("临沧市社会福利院", "四级", "甲某（演示）", "13800000001"),
                    ("云县中心敬老院（演示）", "三级", "乙某（演示）", "13800000002"),
                    ("永德县康乐养老服务中心（演示）", "二级", "丙某（演示）", "13800000003"),
                ],
            ),
        ),
        redacted=(
            "根据《临沧市养老机构等级评定管理办法》，经机构申请、县级初评、市级评定和公示，"
            "现将2025年度养老机构等级评定结果公告如下。",
            table(
                ("机构名称", "评定等级"),
                [
                    ("临沧市社会福利院", "四级"),
                    ("云县中心敬老院（演示）", "三级"),
                    ("永德县康乐养老服务中心（演示）", "二级"),
                ],
            ),
            "（本件删减后公开：删除了第三方个人信息。）",
        ),
    ),
]
