"""The read API: published records and the columns they are filed in (docs/api.md).

Public and anonymous (REST_FRAMEWORK in settings: no authentication, read-only
renderers and no parsers). Every record comes through public_records(), the one gate
of gongkai.documents.selectors, so drafts, 依申请公开, 不公开 and revoked records
never reach a response.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.accounts.models import Agency
from gongkai.api.serializers import (
    ColumnSerializer,
    RecordDetailSerializer,
    RecordFilterSerializer,
    RecordSerializer,
    visible_column_ids,
)
from gongkai.core.taxonomy import SUBJECTS
from gongkai.documents.models import Column, Record
from gongkai.documents.selectors import public_records


class RecordPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class VisibleColumnsMixin:
    """Which columns are public, worked out once per request for every record shown."""

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        context["visible_columns"] = visible_column_ids()
        return context


def filter_records(records: QuerySet[Record], params: dict[str, Any]) -> QuerySet[Record]:
    """The list's filters, applied to already-validated query parameters."""
    if "agency" in params:
        records = records.filter(agency__code=params["agency"])
    if "column" in params:
        records = records.filter(columns__in=params["column"])
    if "subject" in params:
        subject = params["subject"]
        if subject in SUBJECTS:  # a first level matches every subject below it
            records = records.filter(subject__startswith=subject)
        else:
            records = records.filter(subject=subject)
    simple = {
        "genre": "genre",
        "year": "published_at__year",
        "validity": "validity",
        "q": "title__icontains",
        "updated_since": "updated_at__gte",
    }
    lookups = {lookup: params[name] for name, lookup in simple.items() if name in params}
    return records.filter(**lookups)


class RecordList(VisibleColumnsMixin, generics.ListAPIView[Record]):
    """Published 主动公开 and 删减后公开 records, newest first. Filters combine (AND)."""

    serializer_class = RecordSerializer
    pagination_class = RecordPagination

    @extend_schema(parameters=[RecordFilterSerializer], summary="Published records")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Record]:
        records = public_records().prefetch_related("columns").order_by("-published_at", "-pk")
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular's schema pass
            return records
        filters = RecordFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return filter_records(records, filters.validated_data)


class RecordDetail(VisibleColumnsMixin, generics.RetrieveAPIView[Record]):
    """A published record with the body the public may read (the redacted version for
    删减后公开), its attachments, interpretations and releases. Anything else is a 404."""

    serializer_class = RecordDetailSerializer

    @extend_schema(summary="One published record")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_object(self) -> Record:
        related = ["columns", "attachments", "releases"]
        record = public_records().prefetch_related(*related).filter(pk=self.kwargs["pk"]).first()
        if record is None:
            raise NotFound()
        return record


class ColumnList(generics.ListAPIView[Column]):
    """The columns shown on the portal (not hidden, nor below a hidden one), as a flat
    list: `parent` rebuilds the tree."""

    serializer_class = ColumnSerializer
    pagination_class = None  # a whole tree is a few hundred rows at most

    @extend_schema(
        summary="Public columns",
        parameters=[OpenApiParameter("agency", str, description="agency code, e.g. LCMZJ")],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Column]:
        columns = Column.objects.select_related("agency").order_by("agency__code", "position", "pk")
        if getattr(self, "swagger_fake_view", False):
            return columns
        code = self.request.query_params.get("agency")
        if code is not None:
            if not Agency.objects.filter(code=code).exists():
                raise ValidationError({"agency": ["没有这个机关代码 (no agency with this code)"]})
            columns = columns.filter(agency__code=code)
        return columns.filter(pk__in=visible_column_ids())
