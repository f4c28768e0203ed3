from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.documents.selectors import record_get_for, records_for


def record_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(records_for(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {"page": page})


def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "documents/detail.html", {"record": record_get_for(user=request.user, pk=pk)}
    )
