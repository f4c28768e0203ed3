"""行政规范性文件 and other policy documents, with their interpretations."""

from datetime import date

from gongkai.demo.records.base import (
    BUREAU,
    ELDERLY,
    OPENNESS,
    SOCIAL,
    WELFARE,
    Channel,
    DemoRecord,
    board,
    wechat,
)

# 谁起草、谁解读: each interpretation comes from the drafting unit and is published
# with its policy (临民字〔2018〕2号: 同步组织、同步审签、同步部署).
LOW_INCOME_RULES = DemoRecord(
    title="临沧市民政局关于印发《临沧市最低生活保障审核确认实施办法》的通知",
    day=date(2025, 3, 18),
    unit="SHJZ",
    columns=("zcwj", "fd01", SOCIAL),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2025〕8号",
    written_on=date(2025, 3, 10),
    registration_number="LCDR-2025-00101",
    needs_interpretation=True,
    summary="规范全市最低生活保障的申请受理、家庭经济状况调查、审核确认和动态管理。",
    keywords="低保,审核确认,家庭经济状况",
    paragraphs=(
        "各县（区）民政局，局机关各科室、直属各单位：",
        "为进一步规范全市最低生活保障审核确认工作，根据《社会救助暂行办法》（国务院令第649号）"
        "和《最低生活保障审核确认办法》（民发〔2021〕57号），结合我市实际，市民政局制定了"
        "《临沧市最低生活保障审核确认实施办法》，现印发给你们，请认真贯彻执行。",
        "临沧市最低生活保障审核确认实施办法（节选）",
        "第一条 最低生活保障实行申请人承诺、乡镇（街道）审核、县级民政部门确认的工作机制，"
        "申请人可以向户籍所在地或者经常居住地乡镇人民政府（街道办事处）提出申请。",
        "第二条 乡镇（街道）应当自受理申请之日起3个工作日内启动家庭经济状况调查，"
        "调查结果在申请人所在村（社区）公示7天。公示内容不得包含身份证号码、银行账号等个人信息。",
        "第三条 县级民政部门应当自收到审核意见之日起10个工作日内作出确认决定；"
        "对不予确认的，书面告知申请人并说明理由。",
        "本办法自2025年4月1日起施行，有效期5年。执行中遇到的问题，请及时向市民政局社会救助科反馈。",
    ),
    channels=(wechat("2025-dibao-banfa"), board()),
)
TEMPORARY_RELIEF_2025 = DemoRecord(
    title="临沧市民政局关于印发《临沧市临时救助实施办法》的通知",
    day=date(2025, 4, 10),
    unit="SHJZ",
    columns=("zcwj", "fd01", SOCIAL),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2025〕9号",
    written_on=date(2025, 4, 1),
    registration_number="LCDR-2025-00102",
    needs_interpretation=True,
    summary="明确临时救助的对象范围、救助标准、审核审批程序和“先行救助”的情形。",
    keywords="临时救助,急难型,支出型,先行救助",
    paragraphs=(
        "各县（区）民政局：",
        "为切实发挥临时救助兜底保障作用，根据《国务院关于全面建立临时救助制度的通知》"
        "（国发〔2014〕47号）和《民政部 财政部关于进一步加强和改进临时救助工作的意见》"
        "（民发〔2018〕23号），市民政局制定了《临沧市临时救助实施办法》，现印发给你们。",
        "临时救助分为急难型和支出型。对急难型救助对象，乡镇（街道）可以“先行救助”，"
        "救助金额在本办法规定的审批权限内的，于救助后5个工作日内补齐审核审批手续。",
        "临时救助标准原则上按照救助对象家庭困难类型、困难程度和持续时间分档确定，"
        "一次救助金额一般不超过当地月最低生活保障标准的6倍。",
        "本办法自印发之日起施行。",
    ),
)
EXTREME_POVERTY_RULES = DemoRecord(
    title="临沧市民政局关于印发《临沧市特困人员救助供养实施细则》的通知",
    day=date(2025, 6, 12),
    unit="SHJZ",
    columns=("zcwj", "fd01", SOCIAL),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2025〕15号",
    written_on=date(2025, 6, 3),
    registration_number="LCDR-2025-00103",
    needs_interpretation=True,
    summary="细化特困人员的认定条件、供养内容、供养形式和照料护理分档。",
    keywords="特困人员,救助供养,照料护理",
    paragraphs=(
        "各县（区）民政局，市社会福利院：",
        "根据《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）和"
        "《特困人员认定办法》（民发〔2021〕43号），市民政局制定了《临沧市特困人员救助供养实施细则》，"
        "现印发给你们，请结合实际认真贯彻落实。",
        "特困人员救助供养内容包括基本生活条件、对生活不能自理的给予照料、提供疾病治疗和办理丧葬事宜。"
        "照料护理标准按照全自理、半护理、全护理三档确定。",
        "特困人员可以在当地的供养服务机构集中供养，也可以在家分散供养；"
        "完全或者部分丧失生活自理能力的特困人员，优先为其提供集中供养服务。",
        "本细则自2025年7月1日起施行。",
    ),
)
LONGEVITY_ALLOWANCE_RULES = DemoRecord(
    title="临沧市民政局 临沧市财政局关于印发《临沧市高龄津贴发放管理办法》的通知",
    issuing_body="临沧市民政局 临沧市财政局",
    day=date(2025, 8, 5),
    unit="YLFW",
    columns=("zcwj", "fd01", ELDERLY),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2025〕21号",
    written_on=date(2025, 7, 28),
    registration_number="LCDR-2025-00104",
    needs_interpretation=True,
    summary="规定高龄津贴的发放对象、分档标准、申领程序和资金监管。",
    keywords="高龄津贴,老年人,社会化发放",
    paragraphs=(
        "各县（区）民政局、财政局：",
        "为规范全市高龄津贴发放管理，市民政局、市财政局制定了《临沧市高龄津贴发放管理办法》，现印发给你们。",
        "高龄津贴按年龄分档发放：80—89周岁每人每月50元，90—99周岁每人每月100元，"
        "100周岁以上每人每月500元，通过社会保障卡按季度发放。",
        "县（区）民政部门每半年向社会公开一次高龄津贴发放人数和资金情况，接受社会监督。",
        "本办法自2025年9月1日起施行。",
    ),
    channels=(wechat("2025-gaoling-banfa", 1),),
)
CARE_HOME_GRADING_RULES = DemoRecord(
    title="临沧市民政局关于印发《临沧市养老机构等级评定管理办法》的通知",
    day=date(2025, 10, 16),
    unit="YLFW",
    columns=("zcwj", "fd01", ELDERLY),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2025〕30号",
    written_on=date(2025, 10, 9),
    registration_number="LCDR-2025-00105",
    needs_interpretation=True,
    summary="依据《养老机构等级划分与评定》国家标准，规范全市养老机构等级评定的申请、评审、公示和复核。",
    keywords="养老机构,等级评定,星级",
    paragraphs=(
        "各县（区）民政局，各养老机构：",
        "为推动养老机构提升服务质量，根据《养老机构管理办法》（民政部令第66号）和"
        "《养老机构等级划分与评定》（GB/T 37276—2018），市民政局制定了《临沧市养老机构等级评定管理办法》，"
        "现印发给你们。",
        "养老机构等级评定实行自愿申请、分级评定、动态管理，评定结果有效期3年，评定结果向社会公布。",
        "本办法自2025年11月1日起施行。",
    ),
)
HOME_CARE_SUBSIDY_RULES = DemoRecord(
    title="临沧市民政局关于印发《临沧市居家和社区养老服务补贴实施办法》的通知",
    day=date(2026, 2, 10),
    unit="YLFW",
    columns=("zcwj", "fd01", ELDERLY),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2026〕2号",
    written_on=date(2026, 1, 30),
    registration_number="LCDR-2026-00101",
    needs_interpretation=True,
    summary="对经济困难的失能、高龄、空巢老年人购买居家和社区养老服务给予补贴。",
    keywords="居家养老,社区养老,养老服务补贴",
    paragraphs=(
        "各县（区）民政局：",
        "为加快发展居家社区养老服务，市民政局制定了《临沧市居家和社区养老服务补贴实施办法》，现印发给你们。",
        "补贴对象为具有本市户籍、经评估为失能或半失能的低保、特困和低保边缘家庭老年人，"
        "以及80周岁以上的独居、空巢老年人。补贴以服务券形式发放，用于购买助餐、助洁、助浴、助医等服务。",
        "补贴标准为每人每月100元至300元，按老年人能力评估结果分三档确定。",
        "本办法自2026年3月1日起施行。",
    ),
    channels=(wechat("2026-jujia-butie"), board("市政务服务中心民政窗口公开栏")),
)
TEMPORARY_RELIEF_2026 = DemoRecord(
    title="临沧市民政局关于印发修订后的《临沧市临时救助实施办法》的通知",
    day=date(2026, 4, 20),
    unit="SHJZ",
    columns=("zcwj", "fd01", SOCIAL),
    genre="通知",
    subject=WELFARE,
    document_number="临民发〔2026〕5号",
    written_on=date(2026, 4, 10),
    registration_number="LCDR-2026-00102",
    needs_interpretation=True,
    summary="修订临时救助办法：取消户籍地限制，由急难发生地直接实施临时救助，提高乡镇审批额度。",
    keywords="临时救助,修订,急难发生地",
    paragraphs=(
        "各县（区）民政局：",
        "为进一步提升临时救助的及时性和便捷性，市民政局对《临沧市临时救助实施办法》"
        "（临民发〔2025〕9号）进行了修订，现将修订后的办法印发给你们，请认真贯彻执行。",
        "修订后的办法取消了申请临时救助的户籍地限制，由急难发生地乡镇（街道）直接实施救助；"
        "乡镇（街道）审批额度由1000元提高至2000元。",
        "本办法自印发之日起施行，《临沧市民政局关于印发〈临沧市临时救助实施办法〉的通知》"
        "（临民发〔2025〕9号）同时废止。",
    ),
)
LOW_INCOME_AMENDMENT = DemoRecord(
    title="临沧市民政局关于修改《临沧市最低生活保障审核确认实施办法》部分条款的决定",
    day=date(2026, 6, 18),
    unit="SHJZ",
    columns=("zcwj", "fd01", SOCIAL),
    genre="决定",
    subject=WELFARE,
    document_number="临民发〔2026〕11号",
    written_on=date(2026, 6, 9),
    registration_number="LCDR-2026-00103",
    needs_interpretation=True,
    waiver="本决定仅根据上位文件调整个别条款的文字表述和部门名称，政策内容未作调整，不另行解读。",
    summary="根据机构职能调整，修改实施办法中个别条款的部门名称和文字表述。",
    keywords="低保,审核确认,修改",
    paragraphs=(
        "市民政局决定对《临沧市最低生活保障审核确认实施办法》（临民发〔2025〕8号）作如下修改：",
        "一、将第二条中的“3个工作日内”修改为“3个工作日内（法定节假日顺延）”。",
        "二、将第三条中的“书面告知申请人”修改为“书面告知申请人，并告知其申请行政复议或者提起行政诉讼的途径”。",
        "本决定自公布之日起施行。《临沧市最低生活保障审核确认实施办法》根据本决定作相应修改，重新公布。",
    ),
)


def _interpretation(
    policy: DemoRecord,
    title: str,
    form: str,
    paragraphs: tuple[str, ...],
    *,
    by_principal: bool = False,
    channels: tuple[Channel, ...] = (),
) -> DemoRecord:
    unit = {"SHJZ": "社会救助科", "YLFW": "养老服务科"}[policy.unit or ""]
    return DemoRecord(
        title=title,
        day=policy.day,
        unit=policy.unit,
        columns=("zcjd", SOCIAL if policy.unit == "SHJZ" else ELDERLY),
        genre="政策解读",
        subject=policy.subject,
        paragraphs=paragraphs,
        keywords=policy.keywords,
        interprets=policy.key,
        form=form,
        interpreter=f"{BUREAU}主要负责人（第一解读人）" if by_principal else f"{BUREAU}{unit}",
        by_principal=by_principal,
        channels=channels,
    )


INTERPRETATIONS = [
    _interpretation(
        LOW_INCOME_RULES,
        "《临沧市最低生活保障审核确认实施办法》政策解读",
        "text",
        (
            "一、制定背景。民政部2021年印发《最低生活保障审核确认办法》后，我市原有低保审核审批规定"
            "已不适应新的工作要求，有必要结合实际制定实施办法。",
            "二、主要内容。实施办法共6章38条，明确了申请受理、家庭经济状况调查、审核确认、"
            "管理和监督等环节的要求。",
            "三、主要变化。一是将审批权限下放的要求落到实处，明确乡镇（街道）审核、县级民政部门确认；"
            "二是规定调查结果公示时不得公开身份证号码、银行账号等个人信息；"
            "三是压缩办理时限，县级民政部门确认时限为10个工作日。",
            "四、施行时间。实施办法自2025年4月1日起施行。",
        ),
        channels=(wechat("2025-dibao-jiedu"),),
    ),
    _interpretation(
        TEMPORARY_RELIEF_2025,
        "一问一答：《临沧市临时救助实施办法》解读",
        "qa",
        (
            "问：哪些人可以申请临时救助？",
            "答：因火灾、交通事故等意外事件，或者家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭"
            "或者个人，可以申请临时救助。",
            "问：遇到紧急情况，来不及走完审批程序怎么办？",
            "答：对情况紧急、需立即采取措施的，乡镇（街道）可以先行救助，事后5个工作日内补齐手续。",
            "问：到哪里申请？",
            "答：向户籍所在地或者经常居住地的乡镇人民政府（街道办事处）申请，也可以拨打社会救助服务热线咨询。",
        ),
    ),
    _interpretation(
        EXTREME_POVERTY_RULES,
        "图解：《临沧市特困人员救助供养实施细则》",
        "graphic",
        (
            "【图一】谁是特困人员：无劳动能力、无生活来源、无法定赡养抚养扶养义务人"
            "或者其法定义务人无履行义务能力的老年人、残疾人以及未满18周岁的未成年人。",
            "【图二】供养内容：基本生活条件、照料服务、疾病治疗、丧葬事宜。",
            "【图三】供养形式：集中供养、分散供养，生活不能自理的优先集中供养。",
            "【图四】照料护理三档：全自理、半护理、全护理，标准逐档提高。",
        ),
        by_principal=True,
        channels=(wechat("2025-tekun-tujie"),),
    ),
    _interpretation(
        LONGEVITY_ALLOWANCE_RULES,
        "《临沧市高龄津贴发放管理办法》政策解读",
        "text",
        (
            "一、为什么要出台办法。此前各县（区）高龄津贴发放标准和程序不统一，"
            "办法统一了全市的发放对象、标准和程序。",
            "二、发放对象和标准。具有本市户籍、年满80周岁的老年人，按80—89周岁、90—99周岁、"
            "100周岁以上三档分别发放每人每月50元、100元、500元。",
            "三、如何申领。老年人或者其家属持身份证、户口簿到户籍所在地村（社区）申请，"
            "符合条件的次月起发放；已纳入发放范围的无需重复申请。",
        ),
        channels=(wechat("2025-gaoling-jiedu", 1),),
    ),
    _interpretation(
        CARE_HOME_GRADING_RULES,
        "一问一答：《临沧市养老机构等级评定管理办法》解读",
        "qa",
        (
            "问：养老机构等级评定是强制的吗？",
            "答：不是。等级评定实行自愿申请，已经备案并正常运营满一年的养老机构均可申请。",
            "问：评定结果如何使用？",
            "答：评定结果向社会公布，作为老年人选择养老机构和民政部门给予运营补贴的参考。",
            "问：评定后可以一直保持等级吗？",
            "答：不可以。评定结果有效期3年，期间发生重大安全事故或者服务质量明显下降的，予以降级或者取消等级。",
        ),
    ),
    _interpretation(
        HOME_CARE_SUBSIDY_RULES,
        "图解：《临沧市居家和社区养老服务补贴实施办法》",
        "graphic",
        (
            "【图一】补贴给谁：失能、半失能的低保、特困和低保边缘家庭老年人，80周岁以上独居、空巢老年人。",
            "【图二】补贴多少：每人每月100元、200元、300元三档，按老年人能力评估结果确定。",
            "【图三】怎么用：以服务券形式发放，可购买助餐、助洁、助浴、助医等居家养老服务。",
        ),
        by_principal=True,
        channels=(wechat("2026-jujia-tujie"),),
    ),
    _interpretation(
        TEMPORARY_RELIEF_2026,
        "修订后的《临沧市临时救助实施办法》政策解读",
        "text",
        (
            "一、修订背景。为落实“小金额先行救助”和“急难发生地直接实施救助”的要求，对2025年印发的办法进行修订。",
            "二、主要修订内容。一是取消户籍地限制，由急难发生地直接实施救助；"
            "二是乡镇（街道）审批额度由1000元提高至2000元；三是明确对临时遇困人员提供临时住宿、餐饮等帮扶。",
            "三、新旧办法衔接。修订后的办法自印发之日起施行，原办法同时废止。",
        ),
    ),
]

POLICIES = [
    LOW_INCOME_RULES,
    TEMPORARY_RELIEF_2025,
    EXTREME_POVERTY_RULES,
    LONGEVITY_ALLOWANCE_RULES,
    CARE_HOME_GRADING_RULES,
    HOME_CARE_SUBSIDY_RULES,
    TEMPORARY_RELIEF_2026,
    LOW_INCOME_AMENDMENT,
    DemoRecord(
        title="临沧市民政局关于印发《临沧市民政局2025年政务公开工作要点》的通知",
        day=date(2025, 3, 5),
        unit="BGS",
        columns=("zcwj", "xxgkzd"),
        genre="通知",
        subject=OPENNESS,
        document_number="临民发〔2025〕5号",
        written_on=date(2025, 2, 26),
        summary="部署2025年政策发布解读、重点领域信息公开、政府信息公开平台建设和监督保障工作。",
        keywords="政务公开,工作要点",
        paragraphs=(
            "局机关各科室、直属各单位：",
            "现将《临沧市民政局2025年政务公开工作要点》印发给你们，请结合工作实际认真抓好落实。",
            "一、坚持“谁起草、谁解读”，政策文件与解读材料同步组织、同步审签、同步发布。",
            "二、做好社会救助、养老服务等重点领域信息公开，按月、按季度公开低保、特困供养、临时救助等数据。",
            "三、严格执行公开前保密审查，拟制公文时明确公开属性，非主动公开的依法说明理由。",
            "四、按时编制并公布2024年政府信息公开工作年度报告。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于进一步加强养老机构安全管理工作的通知",
        day=date(2025, 7, 8),
        unit="YLFW",
        columns=("zcwj", ELDERLY),
        genre="通知",
        subject=WELFARE,
        document_number="临民发〔2025〕18号",
        written_on=date(2025, 7, 2),
        summary="部署养老机构消防、食品、防汛和特种设备安全管理工作。",
        keywords="养老机构,安全管理,消防",
        paragraphs=(
            "各县（区）民政局，各养老机构：",
            "当前正值主汛期，为切实保障入住老年人生命财产安全，现就加强养老机构安全管理有关事项通知如下。",
            "一、全面排查消防安全隐患，确保疏散通道畅通、消防设施完好有效，夜间值班人员在岗在位。",
            "二、严格落实食品安全管理制度，食品留样不少于48小时。",
            "三、位于地质灾害隐患点周边的养老机构，要制定转移安置预案并开展演练。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局 临沧市财政局关于提高城乡最低生活保障标准的通知",
        issuing_body="临沧市民政局 临沧市财政局",
        day=date(2025, 9, 3),
        unit="SHJZ",
        columns=("zcwj", SOCIAL, "fd11"),
        genre="通知",
        subject=WELFARE,
        document_number="临民发〔2025〕24号",
        written_on=date(2025, 8, 27),
        summary="自2025年10月1日起，城市低保标准提高到每人每月830元，农村低保标准提高到每人每年6360元。",
        keywords="低保标准,城市低保,农村低保",
        paragraphs=(
            "各县（区）民政局、财政局：",
            "经市人民政府同意，自2025年10月1日起提高全市城乡最低生活保障标准。",
            "城市最低生活保障标准由每人每月800元提高到830元；农村最低生活保障标准由每人每年6000元提高到6360元。",
            "特困人员基本生活标准按不低于当地低保标准的1.3倍相应调整。所需资金由中央、省和市县财政按规定分担。",
        ),
    ),
]

# (repealed or amended record, the record that replaces or amends it, validity, reason)
SUPERSEDED = [
    (TEMPORARY_RELIEF_2025, TEMPORARY_RELIEF_2026, "repealed", "被临民发〔2026〕5号废止"),
    (LOW_INCOME_RULES, LOW_INCOME_AMENDMENT, "amended", "根据临民发〔2026〕11号修改"),
]
