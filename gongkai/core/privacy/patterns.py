"""The scanner's one compiled pattern, and the small patterns its handlers use.

Python's ``re`` only skips quickly over uninteresting text when a pattern starts with a
plain character class: it then tests each character against that class in C and tries a
match only where one fits. An alternation of recognizers, or a pattern that starts with a
look-behind, gets no such prefix and is tried at every position (3–4× slower, measured on
Chinese text). So :data:`MASTER` starts with the union of every recognizer's first
character, and each alternative then checks, by a look-behind, that this character is one
of its own. Every alternative is a named group; ``match.lastgroup`` names the recognizer.

The trigger character of an alternative is chosen to be rare: where a word starts with a
common character (工作秘密, 不得外传, 申请人：, 村5组) the pattern waits for a later one (密,
外, the colon, the digit) and looks behind for the rest; the handler then moves the start
back (:data:`BACK`). Digits and letters are visited anyway, and inside a run of them an
attempt fails on the first look-behind.

Boundaries are look-arounds on ASCII letters and digits, never ``\\b`` (privacy.md §2:
Unicode ``\\b`` counts CJK as word characters and misses ``手机13812345678。``).
"""

import re

from gongkai.core.privacy.recognizers import NAME_LABEL_WORDS

# Separators inside a split number: a space, a hyphen, an ideographic or no-break space, or
# one line break (privacy.md §2). Never a tab: tabs separate cells (ID\tmobile\tcard).
SEP = r"(?:[ \-\u3000\u00a0]|\r?\n)"
_RUN = rf"(?:[0-9A-Za-z]|{SEP}(?=[0-9A-Za-z]))*+"
_NO_ALNUM_BEFORE = r"(?<![0-9A-Za-z].)"  # the character before the (consumed) first one
_NO_DECIMAL = r"(?<![0-9][.,].)"  # not the fraction or group of an amount: 3.13812345678
_NO_DECIMAL_AFTER = r"(?![.,][0-9])"  # not 13812345678.50
_AT_LEAST_7 = rf"(?=(?:{SEP}?[0-9A-Za-z]){{6}})"  # with the first one: 2018年 is no candidate

# privacy.md §1.7: province abbreviations of plates, office letter without I and O. The
# trigger is the office letter; the province is looked behind for.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_CHAR = "[A-HJ-NP-Z0-9]"
_ENERGY = "[DABCEFGHJK]"
_PLATE_REST = (
    rf"(?<=[{PROVINCES}].)[·•・.\- ]?"
    rf"(?:[0-9]{{5}}{_ENERGY}|{_ENERGY}{_PLATE_CHAR}[0-9]{{4}}"
    rf"|{_PLATE_CHAR}{{4}}(?:{_PLATE_CHAR}|[挂学警港澳使领]))(?![0-9A-Za-z])"
)

# privacy.md §4: 绝密★30年, 机密★长期, 秘密★三年, 绝密·永久, …★启用前; the trigger is 密.
_PERIOD = r"(?:[0-9一二三四五六七八九十]+[ ]*(?:年|个月)|长期|永久|启用前)"
_STAR = r"[★☆*＊]"
# Quoted in prose, a level or mark follows words like 国家, 商业, 保守, 泄露, 和, 涉及. A bare
# level is only a candidate where no CJK character follows; the handler looks at its line.
_QUOTED = "家业守作露及涉和与、或于含无有对非"
_CJK_AFTER = r"(?![\u4e00-\u9fff])"
_LEVEL_REST = (
    rf"(?<=[绝机秘]密)(?:[ \t]*(?:{_STAR}|保密期限[:：]?)[ \t]*{_PERIOD}?|[·•・][ \t]*{_PERIOD}"
    rf"|(?<![{_QUOTED}]..){_CJK_AFTER})"
)
_GRADE_REST = rf"级[ \t]*[:：]?[ \t]*(?:绝密|机密|秘密)(?:[ \t]*{_STAR}[ \t]*{_PERIOD}?)?"
# privacy.md §4 handling marks (and 工作秘密, 保密法第64条; 不得外传 and 工作秘密 below).
HANDLING_MARKS = [
    "内部资料",
    "内部文件",
    "内部使用",
    "内部传阅",
    "内部参阅",
    "注意保密",
    "注意保存",
    "敏感信息",
    "仅供内部使用",
    "仅供内部参考",
    "仅供内部",
]
_WORK_SECRET_REST = rf"(?<=工作秘密)(?<![{_QUOTED}]....){_CJK_AFTER}"
_LEAK_REST = rf"(?<=不得外|严禁外)(?<![{_QUOTED}]...)传{_CJK_AFTER}"

# An address is found by its house-level part (privacy.md §7.7: … 组 / 号 / 栋 / 单元 / 室):
# a place word (村, 社区, 路, 小区 …; its last character) right before a number and a
# house-level unit. 〔2018〕2号 and 第3号 have no place word before the number. The trigger
# is the number's first digit, or 组 after Chinese numerals (勐托村三组).
ADDRESS_PLACES = "村区组路街巷弄道里园苑厦寓屯寨镇乡庄坊湾同"
CHINESE_NUMERALS = "一二三四五六七八九十百零〇"
NUMERAL = rf"(?:[0-9]+(?:-[0-9]+)*|[{CHINESE_NUMERALS}]{{1,4}})"
HOUSE_UNIT = r"(?:号院|号楼|组|号|栋|幢|单元|室)"
HOUSE_CHAIN = re.compile(rf"(?:[ ]?{NUMERAL}(?:{HOUSE_UNIT}|楼|层|户)){{1,6}}")
_ADDRESS_REST = rf"(?<=[{ADDRESS_PLACES}].)(?=[0-9]*(?:-[0-9]+)*{HOUSE_UNIT})"
_ADDRESS_CN_REST = (
    rf"(?:(?<=[{ADDRESS_PLACES}][一二三四五六七八九十]组)"
    rf"|(?<=[{ADDRESS_PLACES}][一二三四五六七八九十]{{2}}组))"
)

# Where a name after a name label ends: a non-CJK character or the next field.
_NAME_STOP = (
    r"(?=[^\u4e00-\u9fff·]|$|性别|身份|年龄|电话|手机|住址|家庭|联系|户籍|民族|出生|男|女"
    r"|家住|住|现住|系|是|为|的|在|于|因|等|同志)"
)
NAME_VALUE = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}?"


def _after_first(words: list[str] | tuple[str, ...], group: str) -> tuple[str, str]:
    """(first-character class, rest) matching any of words once its first char is consumed."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    rest = "|".join(f"(?<={re.escape(f)})(?:{'|'.join(r)})" for f, r in by_first.items())
    return "".join(by_first), f"(?P<{group}>{rest})"


_HANDLING_FIRST, _HANDLING_REST = _after_first(HANDLING_MARKS, "hm")
# 姓名, 户主, 户名 are found from their first character, also without a colon (户主张三，);
# the other name labels (申请人：, 收款人：…) from the colon after them.
_NAME_WORDS_FIRST = [w for w in NAME_LABEL_WORDS if w[0] in "姓户"]
_NAME_FIRST, _NAME_LABEL_REST = _after_first(_NAME_WORDS_FIRST, "nl")
_NAME_BEFORE_COLON = "|".join(
    f"(?<={re.escape(w)}.)" for w in NAME_LABEL_WORDS if w not in _NAME_WORDS_FIRST
)
_SPACE = r"[ \t\u3000]"

# (group, first-character class, the rest after the first character), tried in this order.
# Tokens of letters and digits: their first character has no letter or digit before it.
_TOKENS = (
    (
        "email",
        "A-Za-z0-9",
        r"(?<![._%+\-].)[A-Za-z0-9._%+\-]*+@(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9\-])",
    ),
    ("address", "0-9", _ADDRESS_REST),
    ("number", "0-9", rf"{_NO_DECIMAL}{_AT_LEAST_7}{_RUN}{_NO_DECIMAL_AFTER}"),
    ("plus", r"+", rf"[ ]?[0-9]{{2}}{_RUN}{_NO_DECIMAL_AFTER}"),
    ("paren", "(（", rf"0[0-9]{{2,3}}[)）][ \-]?[2-9]{_RUN}{_NO_DECIMAL_AFTER}"),
    ("plate", "A-HJ-NP-Z", _PLATE_REST),
    ("letters", "A-Za-z", rf"[A-Za-z]?(?=[0-9]{{6}}){_RUN}{_NO_DECIMAL_AFTER}"),
)
# Words, triggered by a CJK character or a colon.
_WORDS = (
    ("worksecret", "密", _WORK_SECRET_REST),
    ("level", "密", _LEVEL_REST),
    ("grade", "密", _GRADE_REST),
    ("handling", _HANDLING_FIRST, rf"(?<![{_QUOTED}].){_HANDLING_REST}{_CJK_AFTER}"),
    ("leak", "外", _LEAK_REST),
    (
        "namepair",
        _NAME_FIRST,
        rf"{_NAME_LABEL_REST}(?:(?:{_SPACE}*[:：]|{_SPACE}){_SPACE}*(?P<nv>{NAME_VALUE})"
        rf"{_NAME_STOP}|(?P<nw>{NAME_VALUE}){_NAME_STOP})",
    ),
    ("namecolon", ":：", rf"(?:{_NAME_BEFORE_COLON}){_SPACE}*(?P<nc>{NAME_VALUE}){_NAME_STOP}"),
    ("addresscn", "组", _ADDRESS_CN_REST),
)
# How far a hit starts before its match (the characters the pattern looked behind for).
BACK = {"worksecret": 3, "level": 1, "leak": 2, "plate": 1}


def _first_class(chars: str) -> str:
    return chars.replace("+", r"\+").replace("(", r"\(")


def _alternatives(group: tuple[tuple[str, str, str], ...]) -> str:
    return "|".join(
        f"(?P<{name}>(?<=[{_first_class(first)}]){rest})" for name, first, rest in group
    )


def _build() -> re.Pattern[str]:
    # Inside a run of digits (most candidate positions in a list) the attempt fails on the
    # first two look-behinds; a CJK trigger goes straight to the words.
    firsts = [first for _, first, _ in _TOKENS + _WORDS]
    union = "".join(dict.fromkeys(_first_class(first) for first in firsts))
    cjk = "".join(dict.fromkeys("".join(first for _, first, _ in _WORDS)))
    return re.compile(
        f"[{union}](?:(?<=[{cjk}])(?:{_alternatives(_WORDS)})"
        f"|{_NO_ALNUM_BEFORE}(?:{_alternatives(_TOKENS)}))"
    )


MASTER = _build()

# Pieces of a number token between separators.
PIECE = re.compile(r"[^ \-\u3000\u00a0\r\n]+")
HAS_SEP = re.compile(r"[ \-\u3000\u00a0\r\n]")

# Full-width forms (privacy.md §2): folded one character for one, so offsets stay put. Only
# what the recognizers read: digits, letters, ＠ ＋ － ．; full-width punctuation is common
# in Chinese text and the patterns accept （ ） ： themselves.
FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]")
FULLWIDTH_RUN = re.compile(r"[\uff0b\uff0d\uff0e\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]+")
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}

# The prefilter of whole files (docs/benchmarks.md "Privacy scanner"): a line in which
# :data:`CANDIDATE` does not match has no finding, so a text file's lines are handed to the
# scanner only where it does. It is a superset of what the handlers of :data:`MASTER` can
# report, on unfolded text (full-width forms included), never across a line break, looking
# neither behind the line's start nor past its end (a match in a block of lines is a match
# in its line):
# - number tokens: the compact value of a finding has at least 7 characters, so its text has
#   7 letters or digits in a row, or a separator between two of them (138 1234 5678,
#   (0871) 651234). Inside a run only its first character is tried;
# - plates and house numbers: a province or place character right before a letter or digit;
# - words: e-mails (@), secret and handling marks, name labels (those other than 姓名, 户主,
#   户名 only right before a colon, as the pattern reads them), 三组.
# One pattern, one pass: ``re`` tests each character against the leading class in C, so
# every trigger is a character that is rare in prose (密, 传, 组, the colon …), and the rest
# of a word is looked behind or ahead for.
# Tests: gongkai/core/tests/test_privacy_perf_prefilter.py, test_privacy_perf_chunks.py.
_ALNUM_WIDE = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_SEP_WIDE = "(?:[ \\-\u3000\u00a0\uff0d]|[)）][ \\-\uff0d]?)"
_DIGIT_WIDE = "0-9\uff10-\uff19"
_PLATE_LETTER_WIDE = "A-HJ-NP-Z\uff21-\uff28\uff2a-\uff2e\uff30-\uff3a"
_NAME_COLON_WORDS = [w for w in NAME_LABEL_WORDS if w[0] not in "姓户"]
_INSIDE = {"内部": ["资料", "文件", "使用", "传阅", "参阅"]}


def _candidate() -> re.Pattern[str]:
    w = _ALNUM_WIDE
    number = (
        rf"(?<=[{w}])(?<![{w}].)(?:[{w}]{{6}}|[{w}]*+{_SEP_WIDE}[{w}]"
        rf"|(?<=[{ADDRESS_PLACES}].)(?<=[{_DIGIT_WIDE}])"
        rf"|(?<=[{PROVINCES}].)(?<=[{_PLATE_LETTER_WIDE}]))"
    )
    marks = [m for m in HANDLING_MARKS if "密" not in m]
    inside = [m for m in marks if "内部" in m]
    others = [m for m in marks if "内部" not in m]
    assert all(m.index("内部") + 2 <= len(m) for m in inside)
    words = [
        number,
        "(?<=[@\uff20密])",
        "(?<=外传)",
        "(?<=姓名)|(?<=户[主名])",
        f"(?<=[{CHINESE_NUMERALS[:10]}]组)",
        "(?<=[:：])(?:(?<=" + ".)|(?<=".join(re.escape(w) for w in _NAME_COLON_WORDS) + ".))",
        # 内部资料, 仅供内部 …: from 部; the others (敏感信息, 注意保存) from their first character.
        "(?<=内部)(?:"
        + "|".join(sorted({m[m.index("内部") + 2 :] for m in inside} - {""}))
        + ")|(?<=仅供内部)",
        "|".join(f"(?<={re.escape(m[0])}){re.escape(m[1:])}" for m in others),
    ]
    # Digits and letters go to the number branch only: inside a run they fail at once.
    others_first = "@\uff20密传名主组:：部" + "".join(m[0] for m in others)
    return re.compile(
        f"[{w}{others_first}](?:{words[0]}|(?<=[{others_first}])(?:" + "|".join(words[1:]) + "))"
    )


CANDIDATE = _candidate()
CANDIDATES = (CANDIDATE,)

# The words of :data:`MASTER` (and e-mails) in a line, for the compiled line pass
# (``_linepass.pyx``): a line that holds one of these is scanned by the Python pass whole; in
# the others only number tokens can give a finding, and the compiled pass finds those itself.
# A superset of what the word alternatives and e-mails can match (test_privacy_linepass.py):
# @, every 密 (marks, 工作秘密, 注意保密), 外传, the handling marks, 姓名 / 户主 / 户名, a name
# label before a colon, 三组. Each is met at its rarest character, one of LINE_WORD_TRIGGERS.
LINE_WORD_LIST: tuple[str, ...] = (
    ("@", "\uff20", "密", "外传", *HANDLING_MARKS, "姓名", "户主", "户名")
    + tuple(f"{n}组" for n in CHINESE_NUMERALS[:10])
    + tuple(w + colon for w in _NAME_COLON_WORDS for colon in ":：")
)
LINE_WORD_TRIGGERS = "@\uff20密外内注敏仅姓户组:："
LINE_WORDS = re.compile("|".join(re.escape(w) for w in LINE_WORD_LIST))
