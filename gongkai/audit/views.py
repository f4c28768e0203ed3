import csv
import json

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import Action, require_somewhere
from gongkai.audit.forms import AuditFilterForm
from gongkai.audit.selectors import audit_events_for

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = [
    "序号",
    "时间",
    "用户",
    "机关",
    "操作",
    "对象类型",
    "对象ID",
    "对象",
    "变更",
    "理由",
    "IP",
]


def _filtered(request: HttpRequest, purpose: Action) -> tuple[AuditFilterForm, QuerySet | None]:
    """The form and the rows it selects; no rows at all when a filter is invalid, so a
    mistyped date never widens an export to the whole trail."""
    require_somewhere(request.user, purpose)
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, audit_events_for(user=request.user, purpose=purpose, **form.cleaned_data)


def audit_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request, Action.VIEW_AUDIT)
    page = Paginator(events if events is not None else [], 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "title": _("Audit trail")}
    return render(request, "audit/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: object) -> str:
    """A CSV cell that Excel shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def audit_export(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request, Action.EXPORT_AUDIT)
    if events is None:
        errors = "; ".join(str(m) for messages in form.errors.values() for m in messages)
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    writer = csv.writer(_Echo())

    def rows():  # type: ignore[no-untyped-def]
        yield "\ufeff" + writer.writerow(CSV_HEADER)  # BOM: Excel opens UTF-8 correctly
        for e in events.iterator(chunk_size=1000):
            row = [
                e.seq,
                timezone.localtime(e.occurred_at).isoformat(timespec="seconds"),
                e.actor_label,
                e.agency.name if e.agency else "",
                e.action,
                e.object_type,
                e.object_id,
                e.object_repr,
                json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
                e.reason,
                e.ip_address or "",
            ]
            yield writer.writerow([_cell(v) for v in row])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
