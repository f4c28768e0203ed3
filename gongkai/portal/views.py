"""The public portal: no login, no JavaScript. Views parse the request, call one
selector and render; every record they show comes through public_records()."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from gongkai.documents.models import Column, Record
from gongkai.documents.selectors import public_record_get, revoked_public_record
from gongkai.portal import selectors
from gongkai.portal.catalogue import catalogue_workbook
from gongkai.portal.forms import ColumnFilterForm, SearchForm
from gongkai.portal.links import OWN_PAGES, column_url
from gongkai.portal.selectors import ColumnTree
from gongkai.portal.snapshots import record_page, snapshot

PER_PAGE = 20
HOME_LATEST = 10
HOME_NOTICES = 8
HOME_PER_KEY_AREA = 5
XXGK_LATEST = 10


def page_of(items: QuerySet[Any], request: HttpRequest, per_page: int = PER_PAGE) -> Page[Any]:
    """One page of a list; a page number that is not a page of it is a 404."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404 from None


def _render(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    tree: ColumnTree | None = None,
    status: int = 200,
) -> HttpResponse:
    site = selectors.portal_site(known=tree)
    return render(request, template, {"site": site, **context}, status=status)


@login_not_required
@snapshot
def home(request: HttpRequest) -> HttpResponse:
    site = selectors.portal_site()
    notices = site.tree.of_kind(Column.Kind.NOTICE)
    key_areas = site.tree.of_kind(Column.Kind.KEY_AREA)
    latest = selectors.latest_per_column(key_areas, limit=HOME_PER_KEY_AREA)
    context = {
        "site": site,
        "latest": selectors.latest_records(agency=site.agency)[:HOME_LATEST] if site.agency else [],
        "notices": selectors.records_in([c.pk for c in notices])[:HOME_NOTICES],
        "notice_column": notices[0] if notices else None,
        "key_areas": [(column, latest[column.pk]) for column in key_areas],
        "xxgk": site.tree.by_slug("xxgk"),
    }
    return render(request, "portal/home.html", context)


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@snapshot
def column_detail(request: HttpRequest, pk: int) -> HttpResponse:
    column, tree = selectors.column_get_public(pk=pk)
    if column.slug in OWN_PAGES:
        return redirect(column_url(column))
    form = ColumnFilterForm(request.GET, agency=column.agency)
    records = selectors.records_filtered(selectors.column_records(column, tree), form.filters())
    context = {
        "column": column,
        "breadcrumb": tree.path(column),
        "subcolumns": tree.visible_children(column),
        "form": form,
        "page": page_of(records, request),
    }
    return _render(request, "portal/column.html", context, tree=tree)


def _record_or_tombstone(request: HttpRequest, pk: int) -> Record | HttpResponse:
    """The public record, or the 410 tombstone of a revoked one (撤回), or Http404."""
    try:
        return public_record_get(pk=pk)
    except Http404:
        revoked = revoked_public_record(pk=pk)
        if revoked is None:
            raise
    return _render(request, "portal/record_gone.html", {"record": revoked}, status=410)


def _record_response(request: HttpRequest, pk: int, template: str) -> HttpResponse:
    record = _record_or_tombstone(request, pk)
    if isinstance(record, HttpResponse):
        return record
    page = selectors.record_page(record)
    context = {
        "record": record,
        "page": page,
        "breadcrumb": page.tree.path(page.column) if page.column else [],
    }
    return _render(request, template, context, tree=page.tree)


@login_not_required
@snapshot
@record_page
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_response(request, pk, "portal/record.html")


@login_not_required
def record_print(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_response(request, pk, "portal/record_print.html")


@login_not_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    """The file of a public record, under its original name; files live outside
    MEDIA_URL so that revoking or unpublishing a record also stops its downloads."""
    record = _record_or_tombstone(request, pk)
    if isinstance(record, HttpResponse):
        return record
    attachment = selectors.attachment_get_public(record=record, pk=attachment_pk)
    try:
        handle = attachment.public_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.query()
    records = selectors.search_public(query)
    context = {"form": form, "query": query, "page": page_of(records, request) if query else None}
    return _render(request, "portal/search.html", context)


def _xxgk_context(code: str) -> tuple[dict[str, Any], ColumnTree]:
    agency = selectors.agency_get_public(code=code)
    tree = ColumnTree.of(agency)
    xxgk = tree.by_slug("xxgk")
    return {"agency": agency, "xxgk": xxgk, "breadcrumb": [xxgk] if xxgk else []}, tree


@login_not_required
def xxgk(request: HttpRequest, code: str) -> HttpResponse:
    """政府信息公开: the four standard sub-columns (国办公开办函〔2019〕61号)."""
    context, tree = _xxgk_context(code)
    slugs = ("xxgkzn", "xxgkzd", "fdzdgk", "xxgknb")
    sections = {slug: tree.by_slug(slug) for slug in slugs}
    listed = [c for c in (sections["xxgkzd"], sections["xxgknb"]) if c is not None]
    latest = selectors.latest_per_column(listed, limit=XXGK_LATEST)
    context |= {
        "sections": sections,
        "statutory": tree.visible_children(sections["fdzdgk"]) if sections["fdzdgk"] else [],
        "rules": latest.get(sections["xxgkzd"].pk, []) if sections["xxgkzd"] else [],
        "reports": latest.get(sections["xxgknb"].pk, []) if sections["xxgknb"] else [],
    }
    return _render(request, "portal/xxgk.html", context, tree=tree)


@login_not_required
def guide(request: HttpRequest, code: str) -> HttpResponse:
    """政府信息公开指南, generated from the agency's data (条例第12条)."""
    context, tree = _xxgk_context(code)
    guide_column = tree.by_slug("xxgkzn")
    context |= {
        "outline": list(tree.outline()),
        "documents": selectors.column_records(guide_column, tree)[:10] if guide_column else [],
    }
    return _render(request, "portal/guide.html", context, tree=tree)


@login_not_required
def catalogue(request: HttpRequest, code: str) -> HttpResponse:
    """政府信息公开目录: 索引, 名称, 内容概述, 生成日期 (条例第12条)."""
    context, tree = _xxgk_context(code)
    context["page"] = page_of(selectors.catalogue(context["agency"]), request, per_page=50)
    return _render(request, "portal/catalogue.html", context, tree=tree)


@login_not_required
def catalogue_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    agency = selectors.agency_get_public(code=code)
    content = catalogue_workbook(selectors.catalogue_rows(agency))
    filename = f"{agency.code}-政府信息公开目录.xlsx"
    return HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
