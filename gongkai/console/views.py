from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts import selectors, services
from gongkai.accounts.models import RoleAssignment
from gongkai.accounts.permissions import Action, can, require, require_somewhere
from gongkai.console import forms
from gongkai.console.http import posted
from gongkai.review.selectors import dashboard_for
from gongkai.workcalendar.selectors import calendar_alerts


class LoginView(auth_views.LoginView):
    template_name = "console/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


def _save(form: Any, call: Any) -> Any:
    """Run a service; put its validation errors on the form instead of failing."""
    try:
        return call()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def home(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_CONSOLE)
    context = {
        "roles": [r.label for r in RoleAssignment.Role if r.value in request.user.roles],
        "alerts": calendar_alerts(user=request.user),
        "review": dashboard_for(user=request.user),
    }
    return render(request, "console/home.html", context)


def password_change(request: HttpRequest) -> HttpResponse:
    form = forms.PasswordChangeForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.password_change(
                user=request.user,
                old_password=data["old_password"],
                new_password=data["new_password"],
            )
        except ValidationError as exc:
            form.add_error(None if hasattr(exc, "error_dict") else "new_password", exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password has been changed."))
            return redirect("console:home")
    return render(request, "console/form.html", {"form": form, "title": _("Change password")})


def agency(request: HttpRequest, code: str | None = None) -> HttpResponse:
    agencies = require_somewhere(request.user, Action.VIEW_AGENCY)
    if code is None and not agencies:
        if can(request.user, Action.CREATE_AGENCY):
            return redirect("console:agency_new")
        raise Http404
    chosen = selectors.agency_get_for(user=request.user, code=code or agencies[0].code)
    context = {
        "agency": chosen,
        "agencies": agencies,
        "units": chosen.units.all(),
        "can_manage": can(request.user, Action.MANAGE_AGENCY, chosen),
        "can_create": can(request.user, Action.CREATE_AGENCY),
    }
    return render(request, "console/agency.html", context)


def agency_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.CREATE_AGENCY)
    form = forms.NewAgencyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = _save(
            form, lambda: services.agency_create(actor=request.user, code=data["code"], data=data)
        )
        if created:
            messages.success(request, _("Agency added."))
            return redirect("console:agency_detail", code=created.code)
    return render(request, "console/form.html", {"form": form, "title": _("Add agency")})


def agency_edit(request: HttpRequest, code: str) -> HttpResponse:
    chosen = selectors.agency_get_for(user=request.user, code=code, action=Action.MANAGE_AGENCY)
    form = forms.AgencyForm(posted(request), instance=chosen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(
            form, lambda: services.agency_update(actor=request.user, agency=chosen, data=data)
        ):
            messages.success(request, _("Saved."))
            return redirect("console:agency_detail", code=chosen.code)
        chosen.refresh_from_db()
    return render(request, "console/form.html", {"form": form, "title": _("Edit agency")})


def unit_new(request: HttpRequest, code: str) -> HttpResponse:
    chosen = selectors.agency_get_for(user=request.user, code=code, action=Action.MANAGE_AGENCY)
    form = forms.UnitForm(posted(request), agency=chosen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.unit_create(actor=request.user, agency=chosen, data=data)):
            messages.success(request, _("Unit added."))
            return redirect("console:agency_detail", code=chosen.code)
    return render(request, "console/form.html", {"form": form, "title": _("Add unit")})


def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for(user=request.user, pk=pk, action=Action.MANAGE_AGENCY)
    form = forms.UnitForm(posted(request), instance=unit, agency=unit.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.unit_update(actor=request.user, unit=unit, data=data)):
            messages.success(request, _("Saved."))
            return redirect("console:agency_detail", code=unit.agency.code)
    return render(request, "console/form.html", {"form": form, "title": _("Edit unit")})
