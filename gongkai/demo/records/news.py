"""通知公告 and 工作动态."""

from datetime import date

from gongkai.demo.records.base import (
    CIVIL_OTHER,
    ELDERLY,
    OPENNESS,
    ORGANISATIONS,
    PERSONNEL,
    PLACE_NAMES,
    SOCIAL,
    WELFARE,
    DemoRecord,
    board,
    wechat,
)

NOTICES = [
    DemoRecord(
        title="临沧市民政局关于开展2026年度城乡低保专项治理的通知",
        day=date(2026, 3, 12),
        unit="SHJZ",
        columns=("tzgg", SOCIAL),
        genre="通知",
        subject=WELFARE,
        document_number="临民发〔2026〕4号",
        written_on=date(2026, 3, 6),
        summary="2026年3月至11月在全市开展城乡低保专项治理，重点整治“人情保”“关系保”和漏保问题。",
        keywords="低保,专项治理,人情保",
        paragraphs=(
            "各县（区）民政局：",
            "为进一步规范城乡低保管理，确保兜底保障精准，市民政局决定于2026年3月至11月在全市开展城乡低保专项治理。",
            "一、治理重点。优亲厚友、“人情保”“关系保”；应保未保、漏保；资金发放不及时、不足额。",
            "二、工作步骤。自查自纠阶段（3月—5月）、督查检查阶段（6月—9月）、总结整改阶段（10月—11月）。",
            "三、工作要求。各县（区）于每月5日前报送上月治理进展，专项治理结果向社会公开。"
            "监督举报电话：0883-0000002（演示）。",
        ),
        channels=(wechat("2026-dibao-zhili"), board()),
    ),
    DemoRecord(
        title="临沧市民政局关于2024年度社会组织年度检查结果的公告",
        day=date(2025, 7, 15),
        unit="SHSW",
        columns=("tzgg",),
        genre="公告",
        subject=ORGANISATIONS,
        document_number="临民公告〔2025〕2号",
        written_on=date(2025, 7, 10),
        summary="公布市本级登记的社会组织2024年度检查结果。",
        keywords="社会组织,年度检查,年检结果",
        paragraphs=(
            "根据《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》等规定，"
            "市民政局对在市本级登记的社会组织进行了2024年度检查，现将结果公告如下。",
            "本次应参检社会组织186家，实际参检171家。其中年检合格152家，基本合格13家，不合格6家，未参检15家。",
            "对年检基本合格、不合格的社会组织，责令限期整改；对连续两年未参加年检的，依法予以处理。",
            "各社会组织的年检结论可在市民政局政务服务窗口查阅。",
        ),
        channels=(board(),),
    ),
    DemoRecord(
        title="临沧市民政局2025年公开招聘事业单位工作人员公告",
        day=date(2025, 5, 20),
        unit="BGS",
        columns=("tzgg", "fd14"),
        genre="人事信息",
        subject=PERSONNEL,
        summary="临沧市社会福利院、临沧市救助管理站公开招聘工作人员6名。",
        keywords="公开招聘,事业单位",
        paragraphs=(
            "根据事业单位公开招聘有关规定，经研究，市民政局所属临沧市社会福利院、临沧市救助管理站"
            "面向社会公开招聘工作人员6名。",
            "招聘岗位：护理岗3名、社会工作岗2名、财务岗1名，具体条件见岗位表。",
            "报名时间：2025年6月3日至6月9日，报名方式为网上报名。",
            "咨询电话：0883-0000003（演示）。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于做好2025年清明节期间文明祭扫工作的通告",
        day=date(2025, 3, 28),
        unit="SHSW",
        columns=("tzgg",),
        genre="通告",
        subject=CIVIL_OTHER,
        document_number="临民通告〔2025〕1号",
        written_on=date(2025, 3, 24),
        summary="倡导鲜花祭扫、网络祭扫等文明低碳祭扫方式，公布殡葬服务机构开放时间。",
        keywords="清明节,文明祭扫,殡葬服务",
        paragraphs=(
            "2025年清明节即将到来，为保障群众祭扫安全有序，现就有关事项通告如下。",
            "一、倡导鲜花祭扫、植树祭扫、网络祭扫等文明低碳祭扫方式，林区、墓区严禁燃放烟花爆竹、焚烧纸钱。",
            "二、清明节期间，全市各公益性公墓、殡仪馆延长开放时间，每日7:00—19:00开放。",
            "三、祭扫高峰期间请错峰出行，服从现场工作人员指挥。",
        ),
    ),
    DemoRecord(
        title="关于征求《临沧市养老服务设施布局专项规划（2025—2035年）（征求意见稿）》意见的公告",
        day=date(2025, 11, 5),
        unit="YLFW",
        columns=("tzgg", ELDERLY, "fd03"),
        genre="公告",
        subject=WELFARE,
        summary="就养老服务设施布局专项规划征求意见稿公开征求社会公众意见，期限30日。",
        keywords="养老服务设施,专项规划,征求意见",
        paragraphs=(
            "为科学布局全市养老服务设施，市民政局组织编制了《临沧市养老服务设施布局专项规划"
            "（2025—2035年）（征求意见稿）》，现向社会公开征求意见。",
            "征求意见时间：2025年11月5日至12月4日。",
            "意见可通过电子邮件发送至gongkai@example.org，或者邮寄至市民政局养老服务科，"
            "请注明“养老服务设施布局规划意见”。",
            "我们将对收到的意见认真研究，并在规划印发时说明意见采纳情况。",
        ),
    ),
    DemoRecord(
        title="临沧市民政局关于做好2026年元旦春节期间困难群众走访慰问工作的通知",
        day=date(2026, 1, 8),
        unit="SHJZ",
        columns=("tzgg", SOCIAL),
        genre="通知",
        subject=WELFARE,
        document_number="临民发〔2026〕1号",
        written_on=date(2025, 12, 30),
        summary="部署两节期间对低保、特困、残疾人等困难群众的走访慰问和临时救助工作。",
        keywords="走访慰问,困难群众,春节",
        paragraphs=(
            "各县（区）民政局，市社会福利院、市救助管理站：",
            "为确保困难群众温暖过冬、欢度佳节，现就做好2026年元旦春节期间困难群众走访慰问工作通知如下。",
            "一、全面摸排低保对象、特困人员、低保边缘家庭和困难残疾人的生活状况，做到应访尽访。",
            "二、低保、特困供养资金于春节前足额发放到位，不得以慰问代替救助。",
            "三、开展“寒冬送温暖”专项救助行动，加强街面巡查，及时救助流浪乞讨人员。",
        ),
        channels=(wechat("2026-liangjie-weiwen"),),
    ),
]

NEWS = [
    DemoRecord(
        title="临沧市召开2025年全市民政工作会议",
        day=date(2025, 2, 14),
        unit="BGS",
        columns=("gzdt",),
        genre="工作动态",
        subject=CIVIL_OTHER,
        keywords="民政工作会议",
        paragraphs=(
            "2月13日，临沧市2025年全市民政工作会议召开。会议总结2024年全市民政工作，部署2025年重点任务。",
            "会议指出，2024年全市民政系统兜牢民生底线，城乡低保、特困供养、临时救助资金按时足额发放，"
            "养老服务体系建设稳步推进。",
            "会议要求，2025年要聚焦社会救助、养老服务、社会事务三项重点，持续深化政务公开，"
            "以公开促落实、促规范、促服务。",
        ),
        channels=(wechat("2025-gongzuo-huiyi"),),
    ),
    DemoRecord(
        title="市救助管理站开展“寒冬送温暖”专项救助行动",
        day=date(2025, 1, 10),
        unit="JZGLZ",
        columns=("gzdt", SOCIAL),
        genre="工作动态",
        subject=WELFARE,
        keywords="救助管理,寒冬送温暖,流浪乞讨",
        paragraphs=(
            "入冬以来，市救助管理站联合公安、城管等部门开展“寒冬送温暖”专项救助行动，"
            "每天在城区主要街道、桥洞、车站等地开展巡查。",
            "行动开展以来，共巡查街面120余次，发放棉被、衣物等物资300余件，护送返乡人员26人次。",
            "群众发现流浪乞讨人员，可拨打救助热线0883-0000004（演示）求助。",
        ),
    ),
    DemoRecord(
        title="市民政局组织开展养老机构消防安全隐患大排查",
        day=date(2025, 4, 22),
        unit="YLFW",
        columns=("gzdt", ELDERLY),
        genre="工作动态",
        subject=WELFARE,
        keywords="养老机构,消防安全,隐患排查",
        paragraphs=(
            "4月中旬，市民政局会同市消防救援支队对全市养老机构开展消防安全隐患大排查。",
            "排查组实地检查了疏散通道、消防设施、电气线路和值班制度落实情况，现场发现问题43项，已整改38项，"
            "其余5项限期一个月内整改完毕。",
        ),
    ),
    DemoRecord(
        title="市民政局举办2025年政务公开业务培训班",
        day=date(2025, 6, 19),
        unit="BGS",
        columns=("gzdt",),
        genre="工作动态",
        subject=OPENNESS,
        keywords="政务公开,业务培训",
        paragraphs=(
            "6月18日，市民政局举办2025年政务公开业务培训班，局机关各科室、直属各单位信息员和各县（区）民政局"
            "分管领导参加培训。",
            "培训围绕公开属性认定、公开前保密审查、政策解读、依申请公开办理和政府信息公开年度报告编制等内容进行了讲解，"
            "并通报了2024年度政府网站检查中发现的问题。",
        ),
    ),
    DemoRecord(
        title="临沧市完成2025年度行政区域界线联合检查",
        day=date(2025, 9, 24),
        unit="QHDM",
        columns=("gzdt",),
        genre="工作动态",
        subject=PLACE_NAMES,
        keywords="行政区域界线,联合检查,界桩",
        paragraphs=(
            "近日，市民政局会同相关县（区）完成2025年度行政区域界线联合检查。",
            "本次共检查县级界线6条，实地核查界桩52颗，修复损坏界桩3颗，更新界线走向说明2处，"
            "界线管理平稳有序。",
        ),
    ),
    DemoRecord(
        title="市社会福利院开展重阳节敬老爱老系列活动",
        day=date(2025, 10, 29),
        unit="SFLY",
        columns=("gzdt", ELDERLY),
        genre="工作动态",
        subject=WELFARE,
        keywords="重阳节,敬老,社会福利院",
        paragraphs=(
            "重阳节期间，市社会福利院开展“九九重阳 情暖夕阳”敬老爱老系列活动。",
            "志愿者为院内老人送上长寿面，开展义诊、理发和文艺演出，并为当月过生日的老人集体庆生。",
        ),
        channels=(wechat("2025-chongyang", 1),),
    ),
    DemoRecord(
        title="市民政局部署2026年城乡低保专项治理工作",
        day=date(2026, 3, 20),
        unit="SHJZ",
        columns=("gzdt", SOCIAL),
        genre="工作动态",
        subject=WELFARE,
        keywords="低保,专项治理",
        paragraphs=(
            "3月19日，市民政局召开全市城乡低保专项治理工作视频会议，对专项治理工作进行动员部署。",
            "会议要求，各县（区）要对照治理重点逐户排查，做到应保尽保、应退尽退，"
            "治理进展和结果按规定向社会公开，主动接受群众监督。",
        ),
        channels=(wechat("2026-dibao-bushu"),),
    ),
    DemoRecord(
        title="市民政局开展殡葬领域突出问题专项整治",
        day=date(2026, 7, 15),
        unit="SHSW",
        columns=("gzdt",),
        genre="工作动态",
        subject=CIVIL_OTHER,
        keywords="殡葬,专项整治,收费",
        paragraphs=(
            "市民政局近日启动殡葬领域突出问题专项整治，重点整治殡葬服务乱收费、违规建设经营性公墓等问题。",
            "各殡葬服务机构的收费项目和标准须在服务场所醒目位置公示，群众可向当地民政部门反映问题。",
        ),
    ),
]
