"""What the public portal reads. Every record comes through
documents.selectors.public_records(), the one gate: nothing unpublished, 依申请公开 or
不公开 can reach a page, a search result, a feed, the sitemap or the catalogue."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from gongkai.accounts.models import Agency, Unit
from gongkai.documents.models import Attachment, Column, Record, Release
from gongkai.documents.selectors import public_records

SEARCH_MAX_LENGTH = 100  # characters of a query; longer ones are refused with a message
SEARCH_MAX_TERMS = 10
NEWEST_FIRST = ("-published_at", "-pk")
RecordColumn = Record.columns.through


def site_agency() -> Agency | None:
    """The agency whose site this is: settings.GONGKAI_SITE_AGENCY, else the first by code."""
    agencies = Agency.objects.order_by("code")
    code = getattr(settings, "GONGKAI_SITE_AGENCY", "")
    chosen = agencies.filter(code=code).first() if code else None
    return chosen or agencies.first()


def agency_get_public(*, code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404
    return agency


@dataclass
class ColumnTree:
    """An agency's columns, read in one query. A column is visible on the portal when
    neither it nor any column above it is hidden."""

    columns: dict[int, Column] = field(default_factory=dict)
    children: dict[int | None, list[Column]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, agency: Agency | None) -> "ColumnTree":
        if agency is None:
            return cls()
        columns = list(Column.objects.filter(agency=agency).order_by("position", "pk"))
        for column in columns:
            column.agency = agency  # links name the agency's code: no query per column
        return cls.of_columns(columns)

    @classmethod
    def of_columns(cls, columns: list[Column]) -> "ColumnTree":
        """A tree of columns of one agency, in their order."""
        tree = cls()
        for column in columns:
            tree.columns[column.pk] = column
            tree.children[column.parent_id].append(column)
        return tree

    def path(self, column: Column) -> list[Column]:
        """The column and its ancestors, from the top down."""
        path: list[Column] = []
        current: Column | None = column
        while current is not None and current not in path:
            path.insert(0, current)
            current = self.columns.get(current.parent_id) if current.parent_id else None
        return path

    def visible(self, column: Column) -> bool:
        return column.pk in self.columns and not any(c.hidden for c in self.path(column))

    def visible_children(self, column: Column | None) -> list[Column]:
        key = column.pk if column is not None else None
        return [c for c in self.children.get(key, []) if not c.hidden]

    def roots(self) -> list[Column]:
        return self.visible_children(None)

    def descendant_ids(self, column: Column) -> list[int]:
        """The column and every visible column below it."""
        ids, stack = [], [column]
        while stack:
            current = stack.pop()
            if current.pk in ids:
                continue
            ids.append(current.pk)
            stack.extend(self.visible_children(current))
        return ids

    def by_slug(self, slug: str) -> Column | None:
        found = next((c for c in self.columns.values() if c.slug == slug), None)
        return found if found is not None and self.visible(found) else None

    def of_kind(self, kind: str) -> list[Column]:
        return [c for c in self.columns.values() if c.kind == kind and self.visible(c)]

    def outline(self, column: Column | None = None, depth: int = 0) -> Iterator[tuple[int, Column]]:
        """Visible columns depth first, with their depth: the 编排体系 of the guide."""
        for child in self.visible_children(column):
            yield depth, child
            yield from self.outline(child, depth + 1)


def visible_columns() -> list[Column]:
    """Every visible column of every agency, in one query."""
    columns = Column.objects.select_related("agency").order_by("agency__code", "position", "pk")
    by_agency: dict[int, list[Column]] = defaultdict(list)
    for column in columns:
        by_agency[column.agency_id].append(column)
    trees = [ColumnTree.of_columns(group) for group in by_agency.values()]
    return [column for tree in trees for _depth, column in tree.outline()]


def column_get_public(*, pk: int) -> tuple[Column, ColumnTree]:
    """A visible column and its agency's tree, or Http404."""
    column = Column.objects.select_related("agency").filter(pk=pk).first()
    if column is None:
        raise Http404
    tree = ColumnTree.of(column.agency)
    if not tree.visible(column):
        raise Http404
    return tree.columns[column.pk], tree


def records_in(column_ids: list[int]) -> QuerySet[Record]:
    """Public records filed in any of the columns, newest first."""
    filed = RecordColumn.objects.filter(column_id__in=column_ids).values("record_id")
    return public_records().filter(pk__in=filed).order_by(*NEWEST_FIRST)


def column_records(column: Column, tree: ColumnTree) -> QuerySet[Record]:
    return records_in(tree.descendant_ids(column))


def latest_records(*, agency: Agency | None = None) -> QuerySet[Record]:
    records = public_records().order_by(*NEWEST_FIRST)
    return records.filter(agency=agency) if agency is not None else records


def latest_per_column(columns: list[Column], *, limit: int) -> dict[int, list[Record]]:
    """The newest `limit` public records of each column, in one query."""
    newest = Window(
        RowNumber(),
        partition_by=F("column_id"),
        order_by=[F("record__published_at").desc(), F("record_id").desc()],
    )
    rows = (
        RecordColumn.objects.filter(
            column_id__in=[c.pk for c in columns], record__in=public_records().values("pk")
        )
        .annotate(rank=newest)
        .filter(rank__lte=limit)
        .select_related("record")
        .order_by("column_id", "rank")
    )
    found: dict[int, list[Record]] = {c.pk: [] for c in columns}
    for row in rows:
        found[row.column_id].append(row.record)
    return found


@dataclass(frozen=True)
class RecordFilters:
    """The filters of a column page; empty values do not filter."""

    subject: str = ""  # `一级` or `一级\二级`
    genre: str = ""
    unit: Unit | None = None
    year: int | None = None
    validity: str = ""


def records_filtered(records: QuerySet[Record], filters: RecordFilters) -> QuerySet[Record]:
    if filters.subject:
        records = records.filter(
            Q(subject=filters.subject) | Q(subject__startswith=filters.subject + "\\")
        )
    if filters.genre:
        records = records.filter(genre=filters.genre)
    if filters.unit is not None:
        records = records.filter(unit=filters.unit)
    if filters.year is not None:
        records = records.filter(published_at__year=filters.year)
    if filters.validity:
        records = records.filter(validity=filters.validity)
    return records


def search_terms(query: str) -> list[str]:
    return query.split()[:SEARCH_MAX_TERMS]


def search_public(query: str, *, agency: Agency | None = None) -> QuerySet[Record]:
    """Public records matching every word of the query, newest first.

    Basic substring search (icontains) over title, 文号, 索引号, keywords, summary, the
    public body's text and the extracted text of attachments. It finds two-character
    words such as 低保 that a word-based index would miss without Chinese segmentation.
    A later search backend (FTS5, PostgreSQL, OpenSearch) replaces this function only.
    """
    terms = search_terms(query)
    if not terms:
        return public_records().none()
    records = latest_records(agency=agency)
    for term in terms:
        records = records.filter(_matches(term))
    return records


def _matches(term: str) -> Q:
    in_attachment = Attachment.objects.filter(record=OuterRef("pk"), text__icontains=term)
    return (
        Q(title__icontains=term)
        | Q(document_number__icontains=term)
        | Q(index_number__icontains=term)
        | Q(keywords__icontains=term)
        | Q(summary__icontains=term)
        | Q(body_text__icontains=term)
        | Q(Exists(in_attachment))
    )


@dataclass(frozen=True)
class RecordPage:
    """What the public page of one record shows beside the record itself."""

    column: Column | None
    tree: ColumnTree
    attachments: list[Attachment]
    releases: list[Release]
    interpretations: list[Record]
    policy: Record | None  # the policy document an interpretation interprets
    replacement: Record | None  # the record that replaces an amended or repealed one


def record_page(record: Record) -> RecordPage:
    """The public neighbours of a public record: only public records are linked."""
    tree = ColumnTree.of(record.agency)
    filed = [tree.columns[pk] for pk in _column_ids(record) if pk in tree.columns]
    public = public_records()
    return RecordPage(
        column=next((c for c in filed if tree.visible(c)), None),
        tree=tree,
        attachments=list(record.attachments.all()),
        releases=list(record.releases.all()),
        interpretations=list(public.filter(interprets=record).order_by(*NEWEST_FIRST)),
        policy=public.filter(pk=record.interprets_id).first() if record.interprets_id else None,
        replacement=(
            public.filter(pk=record.replaced_by_id).first() if record.replaced_by_id else None
        ),
    )


def _column_ids(record: Record) -> list[int]:
    return list(
        RecordColumn.objects.filter(record=record)
        .order_by("pk")
        .values_list("column_id", flat=True)
    )


def attachment_get_public(*, record: Record, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(record=record, pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def catalogue(agency: Agency) -> QuerySet[Record]:
    """政府信息公开目录 (条例第12条): every public record of the agency, newest first."""
    return latest_records(agency=agency)


def generated_on(record: Record) -> date | None:
    """生成日期 in the catalogue: the day the information was formed, else written,
    else published."""
    return _generated_on(record.formed_on, record.written_on, record.published_at)


def _generated_on(
    formed: date | None, written: date | None, published: datetime | None
) -> date | None:
    if formed or written:
        return formed or written
    return timezone.localdate(published) if published else None


CatalogueRow = tuple[str, str, str, date | None, date | None]


def catalogue_rows(agency: Agency) -> Iterator[CatalogueRow]:
    """索引号, 名称, 内容概述, 生成日期, 发布日期 for every public record, streamed."""
    rows = catalogue(agency).values_list(
        "index_number", "title", "summary", "formed_on", "written_on", "published_at"
    )
    for index, title, summary, formed, written, published in rows.iterator(chunk_size=2000):
        published_on = timezone.localdate(published) if published else None
        yield index, title, summary, _generated_on(formed, written, published), published_on


@dataclass(frozen=True)
class Site:
    """The site agency and its column tree: the header, navigation and footer of a page."""

    agency: Agency | None
    tree: ColumnTree

    @property
    def nav(self) -> list[Column]:
        return self.tree.roots()


def portal_site(*, known: ColumnTree | None = None) -> Site:
    """The site; `known` is a tree the page already read, reused when it is the site's."""
    agency = site_agency()
    if known is not None and agency is not None and _tree_agency(known) == agency.pk:
        return Site(agency, known)
    return Site(agency, ColumnTree.of(agency))


def _tree_agency(tree: ColumnTree) -> int | None:
    return next((c.agency_id for c in tree.columns.values()), None)
