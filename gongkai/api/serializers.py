"""What the read API shows of a public record, and the query parameters it accepts.

Serializers here only read: records reach them through gongkai.documents.selectors
public_records(), and every link to another record (interpretations, the policy an
interpretation explains, the record that replaces this one) is checked against the same
gate, so a public record never leaks the existence or title of one that is not public.
"""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gongkai.accounts.models import Agency
from gongkai.core.taxonomy import GENRES, SUBJECTS, subject_choices
from gongkai.documents.models import Attachment, Column, Record, Release
from gongkai.documents.selectors import public_records

PUBLIC_ATTRIBUTES = (Record.Attribute.PROACTIVE, Record.Attribute.REDACTED)


def _absolute(context: dict[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class AgencySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class ColumnSerializer(serializers.ModelSerializer[Column]):
    agency = serializers.CharField(source="agency.code", help_text="agency code, e.g. LCMZJ")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)

    class Meta:
        model = Column
        fields = ["id", "agency", "parent", "slug", "name", "kind", "position"]


class ColumnRefSerializer(serializers.ModelSerializer[Column]):
    class Meta:
        model = Column
        fields = ["id", "slug", "name"]


class RecordSerializer(serializers.ModelSerializer[Record]):
    """A record in a list: its metadata (reference proactive.md §9) without the body."""

    url = serializers.SerializerMethodField(help_text="this record in the API")
    page = serializers.SerializerMethodField(help_text="this record on the public portal")
    agency = AgencySerializer()
    publisher = serializers.SerializerMethodField(help_text="发布机构: the unit, else the agency")
    columns = serializers.SerializerMethodField()
    attribute = serializers.ChoiceField(
        choices=[(a.value, a.label) for a in PUBLIC_ATTRIBUTES],
        help_text="公开属性: only these two are ever published",
    )

    class Meta:
        model = Record
        fields = [
            "id",
            "url",
            "page",
            "index_number",
            "title",
            "agency",
            "publisher",
            "issuing_body",
            "document_number",
            "written_on",
            "published_at",
            "subject",
            "genre",
            "keywords",
            "summary",
            "columns",
            "attribute",
            "validity",
            "validity_changed_on",
            "updated_at",
        ]

    def get_url(self, record: Record) -> str:
        return _absolute(self.context, reverse("api:record", args=[record.pk]))

    def get_page(self, record: Record) -> str:
        return _absolute(self.context, reverse("portal:record", args=[record.pk]))

    def get_publisher(self, record: Record) -> str:
        return record.unit.name if record.unit is not None else record.agency.name

    @extend_schema_field(ColumnRefSerializer(many=True))
    def get_columns(self, record: Record) -> list[dict[str, Any]]:
        # The views put the visible columns' ids in the context, once per request.
        visible = self.context.get("visible_columns")
        if visible is None:
            visible = visible_column_ids()
        columns = [c for c in record.columns.all() if c.pk in visible]
        return list(ColumnRefSerializer(columns, many=True).data)


class AttachmentSerializer(serializers.ModelSerializer[Attachment]):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField(help_text="download from the public portal")
    size = serializers.IntegerField(
        source="public_size", help_text="bytes of the file served (the redacted copy, if any)"
    )
    redacted = serializers.BooleanField(
        source="is_redacted", help_text="the file served is the redacted copy (删减后公开)"
    )

    class Meta:
        model = Attachment
        fields = ["id", "name", "kind", "content_type", "size", "redacted", "url"]

    def get_url(self, attachment: Attachment) -> str:
        # The public portal serves the file (gongkai.portal); the API only links to it.
        path = reverse("portal:attachment", args=[attachment.record_id, attachment.pk])
        return _absolute(self.context, path)


class ReleaseSerializer(serializers.ModelSerializer[Release]):
    class Meta:
        model = Release
        fields = ["channel", "released_on", "link", "note"]


class RecordLinkSerializer(serializers.ModelSerializer[Record]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Record
        fields = ["id", "url", "title", "interpretation_form"]

    def get_url(self, record: Record) -> str:
        return _absolute(self.context, reverse("api:record", args=[record.pk]))


class RecordDetailSerializer(RecordSerializer):
    """One record: its metadata, the body the public may read, files, links, channels."""

    body = serializers.CharField(
        source="public_body", help_text="HTML; for 删减后公开 the redacted version only"
    )
    attachments = AttachmentSerializer(many=True)
    releases = ReleaseSerializer(many=True)
    interpretations = serializers.SerializerMethodField(help_text="解读 published with it")
    interprets = serializers.SerializerMethodField(help_text="the policy this one explains")
    replaced_by = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        fields = [
            *RecordSerializer.Meta.fields,
            "is_normative",
            "registration_number",
            "replaced_by",
            "body",
            "attachments",
            "interpretations",
            "interprets",
            "releases",
        ]

    def _links(self, records: QuerySet[Record]) -> list[dict[str, Any]]:
        return list(RecordLinkSerializer(records, many=True, context=self.context).data)

    @extend_schema_field(RecordLinkSerializer(many=True))
    def get_interpretations(self, record: Record) -> list[dict[str, Any]]:
        return self._links(public_records().filter(interprets=record))

    @extend_schema_field(RecordLinkSerializer(allow_null=True))
    def get_interprets(self, record: Record) -> dict[str, Any] | None:
        return self._link(record.interprets_id)

    @extend_schema_field(RecordLinkSerializer(allow_null=True))
    def get_replaced_by(self, record: Record) -> dict[str, Any] | None:
        return self._link(record.replaced_by_id)

    def _link(self, pk: int | None) -> dict[str, Any] | None:
        links = self._links(public_records().filter(pk=pk)) if pk is not None else []
        return links[0] if links else None


def _subject_or_top(value: str) -> str:
    if value not in SUBJECTS and value not in subject_choices():
        raise serializers.ValidationError(
            "不是主题分类表中的分类 (not a subject of the State Council list)"
        )
    return value


class RecordFilterSerializer(serializers.Serializer[Any]):
    """The list's query parameters; a bad value is a 400 naming the parameter."""

    agency = serializers.CharField(required=False, max_length=20, help_text="agency code")
    column = serializers.CharField(
        required=False, max_length=60, help_text="column id, or column slug (e.g. zcwj)"
    )
    subject = serializers.CharField(
        required=False,
        max_length=60,
        validators=[_subject_or_top],
        help_text="主题分类, `一级\\二级` or the first level alone (matches all below it)",
    )
    genre = serializers.ChoiceField(choices=list(GENRES), required=False, help_text="体裁")
    year = serializers.IntegerField(
        required=False, min_value=1949, max_value=2100, help_text="year of publication"
    )
    validity = serializers.ChoiceField(choices=Record.Validity.choices, required=False)
    q = serializers.CharField(required=False, max_length=100, help_text="words in the title")
    updated_since = serializers.DateTimeField(
        required=False, help_text="ISO 8601; records changed at or after this moment"
    )

    def validate_agency(self, value: str) -> str:
        if not Agency.objects.filter(code=value).exists():
            raise serializers.ValidationError("没有这个机关代码 (no agency with this code)")
        return value

    def validate_column(self, value: str) -> list[int]:
        """The visible columns meant: one by id (digits), else by slug in any agency."""
        lookup = {"pk": int(value)} if value.isascii() and value.isdigit() else {"slug": value}
        found = set(Column.objects.filter(**lookup).values_list("pk", flat=True))
        visible = sorted(found & visible_column_ids())
        if not visible:
            raise serializers.ValidationError("没有这个栏目 (no such public column)")
        return visible


def visible_column_ids() -> set[int]:
    """Columns the portal shows: not hidden, and no hidden column above them."""
    rows = {
        pk: (parent, hidden)
        for pk, parent, hidden in Column.objects.values_list("pk", "parent_id", "hidden")
    }
    visible: dict[int, bool] = {}

    def shown(pk: int | None) -> bool:
        if pk is None:
            return True
        if pk not in visible:
            parent, hidden = rows[pk]
            visible[pk] = False  # a cycle (refused by the console) counts as hidden
            visible[pk] = not hidden and shown(parent)
        return visible[pk]

    return {pk for pk in rows if shown(pk)}
