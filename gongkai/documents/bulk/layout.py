"""The file's layout: its Chinese column headers and the words its cells may hold.

The same layout is read by the import and written by the export (docs/import.md).
"""

import re

from gongkai.core import disclosure
from gongkai.documents.models import Record

HEADERS = (
    "索引号",
    "标题",
    "发布机构",
    "发文机关",
    "文号",
    "成文日期",
    "发布日期",
    "主题分类",
    "体裁",
    "关键词",
    "内容概述",
    "栏目",
    "有效性",
    "公开属性",
    "不公开依据",
    "理由",
    "统一登记号",
    "正文",
    "删减后正文",
    "附件",
    "状态",
)
REQUIRED = ("标题", "正文", "公开属性")
ERROR_HEADER = "错误"
# Labels other portals use for the same fields (reference proactive.md §9).
ALIASES = {
    "名称": "标题",
    "发文字号": "文号",
    "主题词": "关键词",
    "体裁分类": "体裁",
    "公文种类": "体裁",
    "公开目录": "栏目",
    "公开方式": "公开属性",
}
FORMATS = (".csv", ".xlsx", ".jsonl")
LIST_SEPARATOR = re.compile(r"[;；]")
# Model field lengths (gongkai.documents.models.Record).
LIMITS = {
    "索引号": 80,
    "标题": 300,
    "发文机关": 200,
    "文号": 100,
    "关键词": 200,
    "统一登记号": 60,
}
ATTRIBUTES: dict[str, str] = {
    label: a.value for a, label in disclosure.ATTRIBUTE_LABELS.items()
} | {a.value: a.value for a in disclosure.Attribute}
VALIDITIES = {
    "现行有效": Record.Validity.CURRENT,
    "已修改": Record.Validity.AMENDED,
    "已废止": Record.Validity.REPEALED,
    "已失效": Record.Validity.EXPIRED,
}
STATUSES: dict[str, str] = {
    disclosure.Status.DRAFT.value: "草稿",
    disclosure.Status.SUBMITTED.value: "待保密审查",
    disclosure.Status.REVIEWED.value: "待审批",
    disclosure.Status.SCHEDULED.value: "定时发布",
    disclosure.Status.PUBLISHED.value: "已发布",
    disclosure.Status.REVOKED.value: "已撤回",
    disclosure.Status.ARCHIVED.value: "已归档",
}
ATTRIBUTE_LABELS = {a.value: label for a, label in disclosure.ATTRIBUTE_LABELS.items()}
GROUND_LABELS = {g.value: label for g, label in disclosure.GROUND_LABELS.items()}
# With --publish only rows in these states (or with no 状态) become published records.
PUBLISHABLE_STATUS_WORDS = {"", "已发布", "已归档"}


def _ground_words() -> dict[str, str]:
    """Every way a file may name a legal basis: the full label, its short name, the code."""
    words: dict[str, str] = {}
    for ground, label in disclosure.GROUND_LABELS.items():
        words[ground.value] = words[label] = ground.value
        words[label.split("（")[0]] = ground.value
    return words


GROUNDS = _ground_words()
