"""The corpus of the privacy-scanner benchmark (issue 4, docs/benchmarks.md "Privacy scanner").

python -m bench.scan.generate DIR [--megabytes 100] [--rows 100000] [--seed 4]

Writes, deterministically for a seed:

- ``gov.txt``: Chinese government-style text (UTF-8) of at least ``--megabytes`` MB (10⁶ bytes),
  mixed as in privacy.md §6.1: about 86% report filler (with dates, 文号, amounts, 第N条,
  hotlines), 13% prose 低保 records and 1% tab-separated table blocks. Planted valid items:
  identity numbers (2% HK/Macao/Taiwan permits, some ``x``), mobiles, bank cards and credit
  codes (USCC), labelled and unlabelled, 2% in full-width digits, some split by spaces or
  hyphens (138 1234 5678, 6222 0202 …, 530102 19850315 123X, +86 138-1234-5678). Decoys,
  always unlabelled or after a negative label: IDs with a wrong check character or an
  impossible date, mobiles on unallocated prefixes, cards failing Luhn, credit codes with a
  wrong check character, amounts, dates, 文号, Luhn-valid serial numbers after 流水号 / 凭证号 /
  订单号 / 发票号码 / 编号, office landlines and 12345.
- ``sparse.txt`` / ``sparse.truth``: the same text as ordinary notices carry it, about one
  personal item per 50 KB (``--only sparse`` writes just these).
- ``gov.truth``: one line per planted valid item: ``line<TAB>start<TAB>end<TAB>kind``
  (characters in that line, as the scanner's findings count them).
- ``list.xlsx``: one sheet of ``--rows`` rows × 10 columns (序号 姓名 性别 身份证号码 联系电话
  银行卡号 家庭住址 保障人数 月保障金额 备注) in shared strings, as Excel writes it; 1% of
  the identity numbers stored as numbers (``5.30102198503151E+17``); ``list.truth``:
  ``cell<TAB>kind`` of every planted valid item.
- ``notice.docx``: a notice of 2,000 paragraphs and a table of 500 rows, with numbers split
  over runs; ``notice.truth``: ``kind<TAB>masked`` of every planted valid item.
"""

import argparse
import io
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from gongkai.core.privacy import mask
from gongkai.core.privacy.recognizers import (
    MOBILE_PREFIXES,
    PROVINCE_CODES,
    USCC_PREFIXES,
    ric18_valid,
)
from gongkai.core.privacy.scanner import fold

ID, MOBILE, CARD, USCC = "cn_resident_id", "cn_mobile", "bank_card", "cn_uscc"

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
# The 1:1 full-width forms Word and input methods write (U+FF01–FF5E).
_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_PROVINCES = sorted(PROVINCE_CODES)
_MAINLAND = [code for code in _PROVINCES if code not in ("71", "81", "82", "83")]
_MOBILE = sorted(MOBILE_PREFIXES)
_BAD_MOBILE = ["140", "141", "142", "143", "144", "146", "148", "154", "179", "194"]
_BINS16 = ["622202", "621700", "622848", "623058", "622588", "625965", "601382", "4392", "5187"]
_BINS19 = ["622202", "621700", "622848", "623058", "621661", "622700", "601382"]
_USCC_HEADS = sorted(p for p in USCC_PREFIXES if p[0] not in "6")  # 6x all-digit reads as a card

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国文辉志鹏飞云春梅海燕德福"
PLACES = ["城关镇", "勐腊镇", "新华街道", "河西乡", "东风社区", "民主村", "团结村", "光明社区"]
WORDS = [
    "深入贯彻落实",
    "党中央、国务院决策部署",
    "全面推进政务公开",
    "进一步规范",
    "城乡最低生活保障",
    "切实保障困难群众基本生活",
    "坚持以人民为中心的发展思想",
    "加强组织领导",
    "压实工作责任",
    "健全工作机制",
    "提升服务水平",
    "强化监督检查",
    "各乡（镇）人民政府、街道办事处",
    "县直各有关部门",
    "按照《社会救助暂行办法》规定",
    "依据《中华人民共和国政府信息公开条例》",
    "认真做好信息发布、政策解读和回应关切工作",
    "推动各项政策措施落地见效",
    "着力解决群众急难愁盼问题",
    "持续优化营商环境",
    "巩固拓展脱贫攻坚成果",
    "同乡村振兴有效衔接",
    "加大财政投入力度",
    "确保资金安全规范使用",
    "严格审核审批程序",
    "做到应保尽保、应退尽退",
    "主动接受社会监督",
    "畅通投诉举报渠道",
    "开展专项治理",
    "建立健全长效机制",
]


def id_check(body: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def luhn_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def org_check(body: str) -> str:
    """GB 11714 组织机构代码 check character (privacy.md §1.3), written here from the standard's
    rule rather than imported, so that the bench does not grade the scanner by its own code."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, weights, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check(body: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


class Items:
    """Valid values and decoys of each kind, and the ways they are written."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def digits(self, n: int) -> str:
        return "".join(self.rng.choices("0123456789", k=n))

    def birth(self) -> str:
        r = self.rng
        return f"{r.randint(1930, 2015)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"

    def identity(self) -> str:
        r = self.rng
        if r.random() < 0.02:
            area = r.choice(["810000", "820000", "830000"])
        else:
            area = r.choice(_MAINLAND) + f"{r.randint(1, 99):02d}{r.randint(1, 30):02d}"
        body = area + self.birth() + self.digits(3)
        check = id_check(body)
        if check == "X" and r.random() < 0.1:
            check = "x"
        return body + check

    def bad_identity(self) -> str:
        r = self.rng
        good = self.identity()
        if r.random() < 0.5:  # a wrong check character
            return good[:17] + r.choice([c for c in "0123456789X" if c != good[17].upper()])
        body = (
            good[:6]
            + f"{r.randint(1930, 2015)}{r.choice(['13', '00', '02'])}{r.choice(['30', '31', '00'])}"
        )
        body += self.digits(3)
        return body + id_check(body)  # right check, impossible date

    def mobile(self) -> str:
        return self.rng.choice(_MOBILE) + self.digits(8)

    def bad_mobile(self) -> str:
        return self.rng.choice(_BAD_MOBILE) + self.digits(8)

    def card(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            bin_ = r.choice(_BINS19)
            body = bin_ + self.digits(18 - len(bin_))
        else:
            bin_ = r.choice(_BINS16)
            body = bin_ + self.digits(15 - len(bin_))
        return body + luhn_digit(body)

    def bad_card(self) -> str:
        good = self.card()
        wrong = str((int(good[-1]) + self.rng.randint(1, 9)) % 10)
        return good[:-1] + wrong

    def uscc(self) -> str:
        r = self.rng
        head = r.choice(_USCC_HEADS)
        area = r.choice(_MAINLAND) + f"{r.randint(1, 99):02d}{r.randint(1, 30):02d}"
        body = self.digits(8)
        if r.random() >= 0.3:
            body = "".join(
                r.choice("ABCDEFGHJKLMNPQRTUWXY") if r.random() < 0.1 else c for c in body
            )
        org = body + org_check(body)  # GB 11714: the organisation code has its own check
        code = head + area + org + uscc_check(head + area + org)
        # A code that is also a valid identity number is reported as one (ID first, privacy.md
        # §7.4); such codes (about 1 in 10,000) are left out of the truth rather than scored.
        return self.uscc() if code[:17].isdigit() and ric18_valid(code.upper()) else code

    def bad_uscc(self) -> str:
        good = self.uscc()
        return good[:17] + self.rng.choice([c for c in _USCC_ALPHABET if c != good[17]])

    def serial(self) -> str:
        """A serial number: often Luhn-valid and on a card BIN, as real ones are (§6.3)."""
        r = self.rng
        if r.random() < 0.5:
            return self.card()
        return self.digits(r.randint(12, 22))

    def written(self, kind: str, value: str) -> str:
        """How the value is written: plain, split, with +86, or in full-width digits."""
        r = self.rng
        roll = r.random()
        if roll < 0.02:
            return value.translate(_FULLWIDTH)
        if roll < 0.10:
            sep = r.choice([" ", "-", " "])
            if kind == MOBILE:
                text = sep.join([value[:3], value[3:7], value[7:]])
                return ("+86 " + text) if r.random() < 0.3 else text
            if kind == CARD:
                return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
            if kind == ID:
                return " ".join([value[:6], value[6:14], value[14:]])
        if roll < 0.13 and kind == MOBILE:
            return r.choice(["+86", "+86 ", "0086"]) + value
        return value


class Text:
    """Lines of a government notice, with planted items and their offsets."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.items = Items(rng)

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choices(GIVEN, k=r.choice([1, 2, 2])))

    def date(self) -> str:
        r = self.rng
        return f"{r.randint(2015, 2026)}年{r.randint(1, 12)}月{r.randint(1, 28)}日"

    def filler(self) -> str:
        r = self.rng
        parts = [r.choice(WORDS) for _ in range(r.randint(2, 4))]
        extra = r.random()
        if extra < 0.15:
            parts.append(
                f"截至{self.date()}，累计发放资金{r.randint(10, 99999)}.{r.randint(0, 99):02d}万元"
            )
        elif extra < 0.25:
            parts.append(
                f"（{r.choice(['云', '滇', '昆'])}政发〔{r.randint(2015, 2026)}〕{r.randint(1, 199)}号）"
            )
        elif extra < 0.33:
            parts.append(
                f"根据第{r.randint(1, 80)}条第{r.randint(1, 9)}款规定，覆盖{r.randint(100, 99999)}户{r.randint(1000, 999999)}人"
            )
        elif extra < 0.38:
            parts.append(
                f"咨询电话：0{r.randint(691, 888)}-{r.randint(2, 9)}{self.items.digits(6)}，政务服务便民热线12345"
            )
        elif extra < 0.42:
            parts.append(
                f"完成率{r.randint(50, 100)}.{r.randint(0, 9)}%，同比增长{r.randint(1, 30)}.{r.randint(0, 9)}个百分点"
            )
        return "，".join(parts) + "。"

    def decoy(self) -> str:
        r = self.rng
        it = self.items
        kind = r.randrange(10)
        if kind == 0:
            return f"核查发现号码{it.bad_identity()}有误"
        if kind == 1:
            return f"来电号码{it.bad_mobile()}已停机"
        if kind == 2:
            return f"比对数据{it.bad_card()}不一致"
        if kind == 3:
            return f"企业代码{it.bad_uscc()}待核"
        if kind == 4:
            label = r.choice(
                ["交易流水号：", "凭证号：", "订单号", "发票号码：", "编号：", "档案编号 "]
            )
            return f"{label}{it.serial()}"
        if kind == 5:
            return f"合计金额{r.randint(1000000, 99999999)}.{r.randint(0, 99):02d}元"
        if kind == 6:
            return f"受理日期{r.randint(2015, 2026)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        if kind == 7:
            return f"滇民发〔{r.randint(2015, 2026)}〕{r.randint(1, 300)}号"
        if kind == 8:
            return f"订单号{r.randint(2015, 2026)}{it.digits(12)}"
        return f"批次{it.digits(r.randint(7, 10))}"

    def record(self) -> tuple[str, list[tuple[int, int, str]]]:
        """A prose record of one household: 2–4 planted items, labelled or not, and a decoy."""
        r = self.rng
        it = self.items
        out: list[str] = []
        truth: list[tuple[int, int, str]] = []
        pos = 0

        def put(text: str, kind: str | None = None) -> None:
            nonlocal pos
            if kind is not None:
                truth.append((pos, pos + len(text), kind))
            out.append(text)
            pos += len(text)

        labelled = r.random() < 0.6
        put(f"{r.choice(PLACES)}{self.name()}，")
        choices = r.sample([ID, MOBILE, CARD, USCC], k=r.randint(2, 4))
        for kind in choices:
            value = {ID: it.identity, MOBILE: it.mobile, CARD: it.card, USCC: it.uscc}[kind]()
            if labelled:
                label = {
                    ID: r.choice(["身份证号码：", "公民身份号码", "身份证号 "]),
                    MOBILE: r.choice(["联系电话：", "手机", "手机号码："]),
                    CARD: r.choice(["银行卡号：", "一卡通账号", "开户账号："]),
                    USCC: r.choice(["统一社会信用代码：", "所在单位信用代码"]),
                }[kind]
            else:
                label = {
                    ID: r.choice(["", "（", "号码为"]),
                    MOBILE: r.choice(["", "（", "或"]),
                    CARD: r.choice(["", "（", "发放至"]),
                    USCC: r.choice(["挂靠单位", "（"]),
                }[kind]
            put(label)
            put(it.written(kind, value), kind)
            put(
                r.choice(["）", "，", "；", "。", " "])
                if label == "（"
                else r.choice(["，", "；", "。"])
            )
        put(f"保障人数{r.randint(1, 6)}人，月保障金额{r.randint(300, 2000)}元；")
        if r.random() < 0.5:
            put(self.decoy() + "。")
        return "".join(out), truth

    def table(self) -> list[tuple[str, list[tuple[int, int, str]]]]:
        r = self.rng
        it = self.items
        rows: list[tuple[str, list[tuple[int, int, str]]]] = [
            ("序号\t姓名\t身份证号码\t联系电话\t银行卡号\t保障人数\t备注", [])
        ]
        for n in range(1, r.randint(10, 40) + 1):
            cells = [str(n), self.name()]
            truth = []
            pos = len(cells[0]) + 1 + len(cells[1]) + 1
            for kind, value in ((ID, it.identity()), (MOBILE, it.mobile()), (CARD, it.card())):
                text = it.written(kind, value)
                truth.append((pos, pos + len(text), kind))
                cells.append(text)
                pos += len(text) + 1
            cells += [str(r.randint(1, 6)), r.choice(["", "新增", "复核", self.decoy()])]
            rows.append(("\t".join(cells), truth))
        return rows


# Line mixes: (filler, prose records; the rest table blocks). "gov" is what a county site
# publishes — notices and reports, now and then a list; "lists" is privacy.md §6.1's mix;
# "sparse" is ordinary notices, about one personal item per 50 KB (most of what a disclosure
# office publishes).
MIXES = {"gov": (0.989, 0.999), "lists": (0.86, 0.999), "sparse": (0.9988, 0.99999)}


def write_text(folder: Path, name: str, megabytes: int, seed: int) -> None:
    rng = random.Random(seed)
    text = Text(rng)
    filler_share, record_share = MIXES[name]
    goal = megabytes * 1_000_000
    size = 0
    line = 0
    with (
        (folder / f"{name}.txt").open("w", encoding="utf-8", newline="\n") as out,
        (folder / f"{name}.truth").open("w", encoding="ascii") as truth_out,
    ):
        while size < goal:
            lines: list[str] = []
            truths: list[str] = []
            for _ in range(2000):
                roll = rng.random()
                block: list[tuple[str, list[tuple[int, int, str]]]]
                if roll < filler_share:
                    content = text.filler() + (text.filler() if rng.random() < 0.5 else "")
                    if rng.random() < 0.05:
                        content += text.decoy() + "。"
                    block = [(content, [])]
                elif roll < record_share:
                    block = [text.record()]
                else:
                    block = text.table()
                for content, spans in block:
                    line += 1
                    lines.append(content)
                    truths.extend(f"{line}\t{a}\t{b}\t{k}\n" for a, b, k in spans)
            chunk = "\n".join(lines) + "\n"
            out.write(chunk)
            truth_out.write("".join(truths))
            size += len(chunk.encode("utf-8"))


def _zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


_XLSX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""
_XLSX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="低保对象名单" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
XLSX_HEADER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "联系电话",
    "银行卡号",
    "家庭住址",
    "保障人数",
    "月保障金额",
    "备注",
]


def write_xlsx(folder: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed + 1)
    text = Text(rng)
    it = text.items
    shared: dict[str, int] = {}

    def s(value: str) -> str:
        return str(shared.setdefault(value, len(shared)))

    truth: list[str] = []
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1">'
    )
    for col, title in zip("ABCDEFGHIJ", XLSX_HEADER, strict=True):
        sheet.write(f'<c r="{col}1" t="s"><v>{s(title)}</v></c>')
    sheet.write("</row>")
    for n in range(2, rows + 2):
        identity, mobile, card = it.identity(), it.mobile(), it.card()
        truth += [f"D{n}\t{ID}", f"E{n}\t{MOBILE}", f"F{n}\t{CARD}"]
        cells = [
            f'<c r="A{n}"><v>{n - 1}</v></c>',
            f'<c r="B{n}" t="s"><v>{s(text.name())}</v></c>',
            f'<c r="C{n}" t="s"><v>{s(rng.choice("男女"))}</v></c>',
        ]
        if rng.random() < 0.01 and identity[-1].isdigit():  # typed in as a number
            mantissa = identity[0] + "." + identity[1:15].rstrip("0")
            cells.append(f'<c r="D{n}"><v>{mantissa}E+17</v></c>')
        else:
            cells.append(f'<c r="D{n}" t="s"><v>{s(identity)}</v></c>')
        cells += [
            f'<c r="E{n}" t="s"><v>{s(mobile)}</v></c>',
            f'<c r="F{n}" t="s"><v>{s(card)}</v></c>',
            f'<c r="G{n}" t="s"><v>{s(rng.choice(PLACES) + str(rng.randint(1, 12)) + "组")}</v></c>',
            f'<c r="H{n}"><v>{rng.randint(1, 6)}</v></c>',
            f'<c r="I{n}"><v>{rng.randint(300, 2000)}.{rng.randint(0, 9)}</v></c>',
        ]
        remark = rng.random()
        if remark < 0.05:
            cells.append(f'<c r="J{n}" t="s"><v>{s(text.decoy())}</v></c>')
        elif remark < 0.1:
            truth.append(f"J{n}\t{USCC}")
            cells.append(f'<c r="J{n}" t="s"><v>{s("就业单位" + it.uscc())}</v></c>')
        sheet.write(f'<row r="{n}">{"".join(cells)}</row>')
    sheet.write("</sheetData></worksheet>")
    strings = "".join(f"<si><t>{escape(value)}</t></si>" for value in shared)
    _zip(
        folder / "list.xlsx",
        {
            "[Content_Types].xml": _XLSX_TYPES,
            "_rels/.rels": _XLSX_RELS,
            "xl/workbook.xml": _WORKBOOK,
            "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet.getvalue(),
            "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(shared)}" uniqueCount="{len(shared)}">{strings}</sst>',
        },
    )
    (folder / "list.truth").write_text("\n".join(truth) + "\n", encoding="ascii")


_DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""
_DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""


def write_docx(folder: Path, seed: int) -> None:
    rng = random.Random(seed + 2)
    text = Text(rng)
    truth: list[str] = []

    def runs(content: str, spans: list[tuple[int, int, str]]) -> str:
        """The paragraph's runs; a planted number is cut over two runs half the time."""
        cuts = {0, len(content)}
        for a, b, kind in spans:
            truth.append(f"{kind}\t{mask(kind, fold(content[a:b]))}")
            if rng.random() < 0.5:
                cuts.add(a + (b - a) // 2)
        ordered = sorted(cuts)
        return "".join(
            f'<w:r><w:t xml:space="preserve">{escape(content[x:y])}</w:t></w:r>'
            for x, y in zip(ordered, ordered[1:], strict=False)
        )

    body = io.StringIO()
    for _ in range(2000):
        if rng.random() < 0.7:
            body.write(f"<w:p>{runs(text.filler(), [])}</w:p>")
        else:
            body.write(f"<w:p>{runs(*text.record())}</w:p>")
    body.write("<w:tbl>")
    header = ["序号", "姓名", "身份证号码", "联系电话", "银行卡号"]
    body.write(
        "<w:tr>" + "".join(f"<w:tc><w:p>{runs(h, [])}</w:p></w:tc>" for h in header) + "</w:tr>"
    )
    for n in range(1, 501):
        cells = [(str(n), []), (text.name(), [])]
        for kind, value in (
            (ID, text.items.identity()),
            (MOBILE, text.items.mobile()),
            (CARD, text.items.card()),
        ):
            cells.append((value, [(0, len(value), kind)]))
        body.write(
            "<w:tr>"
            + "".join(f"<w:tc><w:p>{runs(c, s)}</w:p></w:tc>" for c, s in cells)
            + "</w:tr>"
        )
    body.write("</w:tbl>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body.getvalue()}</w:body></w:document>"
    )
    _zip(
        folder / "notice.docx",
        {
            "[Content_Types].xml": _DOCX_TYPES,
            "_rels/.rels": _DOCX_RELS,
            "word/document.xml": document,
        },
    )
    (folder / "notice.truth").write_text("\n".join(truth) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--lists-megabytes", type=int, default=30)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--only", choices=["sparse"], help="write only this part")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    if args.only != "sparse":
        write_text(args.folder, "gov", args.megabytes, args.seed)
        write_text(args.folder, "lists", args.lists_megabytes, args.seed + 3)
        write_xlsx(args.folder, args.rows, args.seed)
        write_docx(args.folder, args.seed)
    write_text(args.folder, "sparse", args.megabytes, args.seed + 5)


if __name__ == "__main__":
    main()
