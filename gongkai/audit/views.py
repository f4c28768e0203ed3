import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import Action, require_somewhere
from gongkai.audit.forms import AuditFilterForm
from gongkai.audit.selectors import audit_events_for

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


def _filtered(request: HttpRequest, purpose: Action) -> tuple[AuditFilterForm, object]:
    require_somewhere(request.user, purpose)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, audit_events_for(user=request.user, purpose=purpose, **filters)


def audit_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request, Action.VIEW_AUDIT)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "title": _("Audit trail")}
    return render(request, "audit/list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    _form, events = _filtered(request, Action.EXPORT_AUDIT)
    writer = csv.writer(_Echo())

    def rows():  # type: ignore[no-untyped-def]
        yield "\ufeff" + writer.writerow(CSV_HEADER)  # BOM: Excel opens UTF-8 correctly
        for e in events.iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    e.seq,
                    timezone.localtime(e.occurred_at).isoformat(timespec="seconds"),
                    e.actor_label,
                    e.agency.name if e.agency else "",
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.object_repr,
                    e.changes,
                    e.reason,
                    e.ip_address or "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
