"""The column tree of an agency and its standard 政府信息公开 column
(国办公开办函〔2019〕61号: one name and one layout everywhere, four sub-columns)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.documents.models import Column

K = Column.Kind

# Art. 20's fifteen items (reference proactive.md §2) and the 民政 key areas (Art. 21).
STATUTORY_ITEMS = [
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
]
KEY_AREAS = [("shjz", "社会救助"), ("ylfw", "养老服务")]

# (slug, name, kind, parent slug)
STANDARD = [
    ("gzdt", "工作动态", K.NEWS, None),
    ("tzgg", "通知公告", K.NOTICE, None),
    ("zcwj", "政策文件", K.POLICY, None),
    ("zcjd", "政策解读", K.POLICY, None),
    ("xxgk", "政府信息公开", K.OTHER, None),
    ("xxgkzn", "政府信息公开指南", K.OTHER, "xxgk"),
    ("xxgkzd", "政府信息公开制度", K.OTHER, "xxgk"),
    ("fdzdgk", "法定主动公开内容", K.OTHER, "xxgk"),
    ("xxgknb", "政府信息公开年报", K.OTHER, "xxgk"),
    *[(f"fd{n:02d}", name, K.OTHER, "fdzdgk") for n, name in enumerate(STATUTORY_ITEMS, 1)],
    *[(slug, name, K.KEY_AREA, "fdzdgk") for slug, name in KEY_AREAS],
]
COLUMN_FIELDS = ["name", "slug", "kind", "description", "position", "hidden", "parent"]


@transaction.atomic
def columns_install_standard(*, actor: Any, agency: Agency) -> int:
    """Create the standard columns an agency lacks; returns how many were created."""
    if actor is not None:
        require(actor, Action.MANAGE_COLUMNS, agency)
    created = 0
    by_slug = {c.slug: c for c in Column.objects.filter(agency=agency)}
    for position, (slug, name, kind, parent) in enumerate(STANDARD):
        if slug in by_slug:
            continue
        column = Column.objects.create(
            agency=agency,
            slug=slug,
            name=name,
            kind=kind,
            position=position,
            parent=by_slug.get(parent or ""),
        )
        by_slug[slug] = column
        created += 1
    if created:
        audit_log(
            actor=actor,
            action="column.install_standard",
            target=agency,
            changes={"created": [0, created]},
        )
    return created


def _check_parent(column: Column) -> None:
    from django.core.exceptions import ValidationError

    ancestor = column.parent
    while ancestor is not None:
        if ancestor.agency_id != column.agency_id or ancestor.pk == column.pk:
            raise ValidationError(
                {"parent": _("Choose a column of the same agency that is not below this one.")}
            )
        ancestor = ancestor.parent


@transaction.atomic
def column_save(
    *, actor: Any, agency: Agency, column: Column | None, data: Mapping[str, Any]
) -> Column:
    require(actor, Action.MANAGE_COLUMNS, agency)
    stored = Column.objects.select_for_update().get(pk=column.pk) if column and column.pk else None
    before = snapshot(stored, COLUMN_FIELDS) if stored else {}
    column = stored or Column(agency=agency)
    for name in COLUMN_FIELDS:
        if name in data:
            setattr(column, name, data[name])
    _check_parent(column)
    column.full_clean()
    column.save()
    action = "column.update" if stored else "column.create"
    audit_log(
        actor=actor,
        action=action,
        target=column,
        changes=diff(before, snapshot(column, COLUMN_FIELDS)),
    )
    return column
