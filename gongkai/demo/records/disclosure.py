"""The seed, the 政府信息公开 columns (guide, rules, annual report, Art. 20 items), the
records that never reach the portal, and the work waiting in the console's queues."""

from datetime import date
from pathlib import Path

from gongkai.core.disclosure import Attribute, Ground
from gongkai.demo.records.base import (
    FINANCE,
    OPENNESS,
    ORGANISATIONS,
    SOCIAL,
    WELFARE,
    DemoRecord,
    wechat,
)
from gongkai.demo.records.key_areas import assistance_quarter, longevity_allowance

SEED_TEXT = Path(__file__).parent.parent / "seed-lcmzj-2017.txt"
SEED = DemoRecord(
    title="临沧市民政局关于2017年政府信息与政务公开重点工作落实情况的自查报告",
    day=date(2018, 1, 10),
    unit=None,
    columns=("xxgkzd", "gzdt"),
    genre="报告",
    subject=OPENNESS,
    paragraphs=tuple(
        line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()
    ),
    document_number="临民字〔2018〕2号",
    written_on=date(2017, 12, 26),
    summary="对照临政办〔2017〕106号，报告2017年政务公开制度、平台、“五公开”、重点领域信息公开和政策解读等工作落实情况。",
    keywords="政务公开,自查报告,主动公开,保密审查",
    note="此件公开发布",
)

DISCLOSURE = [
    DemoRecord(
        title="临沧市民政局2025年政府信息公开工作年度报告",
        day=date(2026, 1, 26),
        unit="BGS",
        columns=("xxgknb",),
        genre="报告",
        subject=OPENNESS,
        summary="2025年主动公开、依申请公开、政府信息管理、平台建设和监督保障情况。",
        keywords="政府信息公开,年度报告,2025年",
        paragraphs=(
            "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
            "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制。报告所列数据的统计期限自2025年1月1日起"
            "至2025年12月31日止。",
            "一、总体情况。2025年，我局坚持以公开为常态、不公开为例外，严格执行公开属性认定和公开前保密审查，"
            "政策文件与解读材料同步发布，社会救助、养老服务领域数据按季度公开。",
            "二、主动公开政府信息情况。全年新制发行政规范性文件5件，全部同步发布政策解读；"
            "通过门户网站主动公开政府信息412条，通过微信公众号发布信息135条。",
            "三、收到和处理政府信息公开申请情况。全年收到政府信息公开申请9件，均在法定期限内答复，"
            "其中予以公开5件，部分公开1件，本机关不掌握相关政府信息3件。",
            "四、政府信息公开行政复议、行政诉讼情况。全年未发生因政府信息公开引起的行政复议和行政诉讼。",
            "五、存在的主要问题及改进情况。部分县（区）重点领域数据更新不够及时。"
            "2026年将建立重点领域信息公开任务分解表，逐项明确责任科室和公开时限。",
            "六、其他需要报告的事项。本年度未收取信息处理费。（本报告数据为演示数据。）",
        ),
        channels=(wechat("2025-nianbao", 2),),
    ),
    DemoRecord(
        title="临沧市民政局政府信息公开指南",
        day=date(2025, 2, 20),
        unit="BGS",
        columns=("xxgkzn",),
        genre="办事指南",
        subject=OPENNESS,
        summary="主动公开的范围、方式和时限，依申请公开的受理机构、程序和救济途径。",
        keywords="政府信息公开指南,依申请公开",
        paragraphs=(
            "一、主动公开。我局主动公开的政府信息范围见政府信息公开目录，主要通过临沧市民政局门户网站发布，"
            "并通过微信公众号、政务公开栏等渠道同步公开。属于主动公开范围的政府信息，"
            "自形成或者变更之日起20个工作日内予以公开。",
            "二、依申请公开。公民、法人或者其他组织可以向我局申请获取政府信息。受理机构：临沧市民政局办公室"
            "（政务公开办）；办公时间：工作日上午9:00—12:00，下午14:30—18:00；电话：0883-0000000（演示）。",
            "三、答复时限。能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，"
            "需要延长的，经负责人同意可以延长不超过20个工作日。",
            "四、收费。依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，可以依法收取信息处理费。",
            "五、救济方式。认为我局在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于印发《临沧市民政局政府信息公开保密审查办法》的通知",
        day=date(2025, 3, 10),
        unit="BGS",
        columns=("xxgkzd",),
        genre="通知",
        subject=OPENNESS,
        document_number="临民办发〔2025〕3号",
        written_on=date(2025, 3, 4),
        summary="规定政府信息公开前保密审查的责任、程序和审查内容。",
        keywords="保密审查,政府信息公开",
        paragraphs=(
            "局机关各科室、直属各单位：",
            "《临沧市民政局政府信息公开保密审查办法》已经局党组会议研究通过，现印发给你们，请遵照执行。",
            "一、坚持“先审查、后公开”和“一事一审”，未经保密审查的政府信息一律不得公开。",
            "二、起草科室在拟制文件时明确公开属性；拟不公开或者依申请公开的，应当说明理由和依据，报局办公室审查。",
            "三、公开前审查是否涉及国家秘密、工作秘密、商业秘密和个人隐私，对含有个人信息的名单、表格，"
            "删除身份证号码、银行账号、联系电话等内容后公开。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局2025年部门预算公开",
        day=date(2025, 2, 25),
        unit="BGS",
        columns=("fd07",),
        genre="财政资金",
        subject=FINANCE,
        summary="2025年部门收支预算、财政拨款支出预算和“三公”经费预算。",
        keywords="部门预算,三公经费",
        paragraphs=(
            "根据预算公开有关规定，现将临沧市民政局2025年部门预算公开如下。",
            "2025年部门收入预算12,856.40万元，支出预算12,856.40万元，其中基本支出1,932.15万元，"
            "项目支出10,924.25万元，主要用于社会救助、养老服务和社会福利等民生项目。",
            "“三公”经费预算18.60万元，比上年减少1.20万元。（本页数据为演示数据。）",
        ),
    ),
    DemoRecord(
        title="临沧市民政局2024年度部门决算公开",
        day=date(2025, 8, 28),
        unit="BGS",
        columns=("fd07",),
        genre="财政资金",
        subject=FINANCE,
        summary="2024年度部门收支决算、财政拨款支出决算和“三公”经费支出情况。",
        keywords="部门决算,三公经费",
        paragraphs=(
            "根据决算公开有关规定，现将临沧市民政局2024年度部门决算公开如下。",
            "2024年度收入合计12,410.72万元，支出合计12,366.08万元；“三公”经费支出16.95万元，"
            "完成预算的85.6%。（本页数据为演示数据。）",
        ),
    ),
    DemoRecord(
        title="临沧市民政局主要职责和内设机构",
        day=date(2025, 1, 15),
        unit="BGS",
        columns=("fd02",),
        genre="其他",
        subject="综合政务\\其他",
        summary="机关职能、内设机构、直属单位、办公地址、办公时间和联系方式。",
        keywords="机构职能,内设机构,联系方式",
        paragraphs=(
            "一、主要职责。拟订并组织实施全市社会救助、养老服务、社会组织管理、区划地名、婚姻和殡葬管理等政策；"
            "承担全市社会救助和养老服务体系建设工作。",
            "二、内设机构。办公室、社会救助科、养老服务科、社会事务科、区划地名科。",
            "三、直属单位。临沧市社会福利院、临沧市救助管理站。",
            "四、办公地址：云南省临沧市临翔区（演示数据）；办公时间：工作日上午9:00—12:00，下午14:30—18:00；"
            "电话：0883-0000000（演示）。",
        ),
    ),
]

# Records that never reach the portal: 依申请公开 and 不公开, each with its basis and reason.
NOT_PUBLIC = [
    DemoRecord(
        title="临沧市民政局关于2025年度低保专项治理督查发现问题的内部通报",
        day=date(2025, 11, 14),
        unit="BGS",
        columns=(SOCIAL,),
        genre="通报",
        subject=WELFARE,
        document_number="临民办发〔2025〕9号",
        written_on=date(2025, 11, 10),
        attribute=Attribute.WITHHELD,
        ground=Ground.INTERNAL_AFFAIRS,
        reason="系局机关对督查发现问题的内部通报，属于内部事务信息。",
        paragraphs=(
            "局机关各科室、各县（区）民政局：",
            "现将2025年度低保专项治理督查中发现的问题通报如下，请对照问题清单逐项整改。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于2026年春节困难群众慰问资金分配方案的请示",
        day=date(2025, 12, 22),
        unit="SHJZ",
        columns=(SOCIAL,),
        genre="请示",
        subject=WELFARE,
        document_number="临民请〔2025〕12号",
        written_on=date(2025, 12, 19),
        attribute=Attribute.WITHHELD,
        ground=Ground.PROCESS_INFORMATION,
        reason="系报请市人民政府审定的请示，资金分配方案尚未确定，属于过程性信息。",
        paragraphs=(
            "市人民政府：",
            "为做好2026年春节期间困难群众慰问工作，我局拟定了慰问资金分配方案（初稿），妥否，请批示。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于同意临沧市某养老服务中心变更业务范围的批复",
        day=date(2025, 8, 12),
        unit="SHSW",
        columns=("tzgg",),
        genre="批复",
        subject=ORGANISATIONS,
        document_number="临民复〔2025〕7号",
        written_on=date(2025, 8, 8),
        attribute=Attribute.ON_REQUEST,
        ground=Ground.NOT_OF_PUBLIC_INTEREST,
        reason="仅涉及特定社会组织的变更登记事项，不涉及公众利益调整，无需社会公众广泛知晓。",
        paragraphs=(
            "临沧市某养老服务中心（演示）：",
            "你单位关于变更业务范围的申请收悉。经审查，同意你单位业务范围增加“居家养老上门服务”。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于某县2025年临时救助资金使用情况核查意见的函",
        day=date(2025, 10, 20),
        unit="SHJZ",
        columns=(SOCIAL,),
        genre="函",
        subject=WELFARE,
        document_number="临民函〔2025〕21号",
        written_on=date(2025, 10, 16),
        attribute=Attribute.ON_REQUEST,
        ground=Ground.NOT_OF_PUBLIC_INTEREST,
        reason="仅涉及对个别县资金使用的核查意见，不属于需要社会公众广泛知晓的信息。",
        paragraphs=(
            "某县民政局（演示）：",
            "根据核查，你局2025年临时救助资金使用总体规范，个别救助对象审批材料不完整，请于30日内补齐。",
        ),
    ),
]

# Work waiting in the console: drafts (one sent back by the 退文 rule), review, approval.
IN_PROGRESS = [
    assistance_quarter(
        2026,
        3,
        date(2026, 10, 14),
        (10807, 16311, 3215.02, 63150, 124133, 12168.30, 1871, 10182, 3482.60, 3122, 480.90),
        state="draft",
    ),
    DemoRecord(
        title="关于2026年度临时救助备用金下拨情况的报告",
        day=date(2026, 11, 10),
        unit="SHJZ",
        columns=(SOCIAL,),
        genre="报告",
        subject=WELFARE,
        state="returned",
        attribute=Attribute.ON_REQUEST,  # without basis or reason: 退文 (临民字〔2018〕2号)
        paragraphs=(
            "2026年，市级向各县（区）下拨临时救助备用金共计300万元，用于乡镇（街道）先行救助。",
            "截至10月底，各县（区）已使用备用金212.6万元。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于开展2026年度特困人员认定复核工作的通知",
        day=date(2026, 11, 20),
        unit="SHJZ",
        columns=("tzgg", SOCIAL),
        genre="通知",
        subject=WELFARE,
        document_number="临民发〔2026〕23号",
        written_on=date(2026, 11, 18),
        state="submitted",
        summary="对全市在册特困人员开展年度认定复核。",
        keywords="特困人员,认定,复核",
        paragraphs=(
            "各县（区）民政局：",
            "为确保特困人员认定精准，市民政局决定于2026年12月对全市在册特困人员开展年度认定复核。",
            "复核内容包括特困人员的收入、财产和法定义务人履行义务能力等情况，复核结果于2027年1月底前报送市民政局。",
        ),
    ),
    longevity_allowance(
        "临沧市2026年1—9月高龄津贴发放情况", date(2026, 11, 24), 9, 5, state="reviewed"
    ),
]
