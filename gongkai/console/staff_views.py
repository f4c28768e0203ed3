from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts import selectors, services
from gongkai.accounts.permissions import (
    Action,
    can,
    require,
    require_somewhere,
    visible_agencies,
)
from gongkai.console import forms
from gongkai.console.http import posted


def staff_list(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.VIEW_STAFF)
    staff = selectors.staff_list_for(user=request.user)
    return render(
        request,
        "console/staff_list.html",
        {"staff": staff, "can_manage": bool(visible_agencies(request.user, Action.MANAGE_STAFF))},
    )


def staff_new(request: HttpRequest) -> HttpResponse:
    agencies = require_somewhere(request.user, Action.MANAGE_STAFF)
    form = forms.NewStaffForm(posted(request), agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.staff_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                data=data,
                roles=data["roles"],
                units=data["units"],
            )
        except ValidationError as exc:
            form.add_error("password" if not hasattr(exc, "error_dict") else None, exc)
        else:
            messages.success(
                request, _("Account %(username)s created.") % {"username": user.username}
            )
            return redirect("console:staff_detail", pk=user.pk)
    return render(request, "console/form.html", {"form": form, "title": _("New staff account")})


def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    staff = selectors.staff_get_for(user=request.user, pk=pk)
    can_manage = can(request.user, Action.MANAGE_STAFF, staff)
    form = None
    if can_manage:
        agencies = visible_agencies(request.user, Action.MANAGE_STAFF)
        form = forms.StaffForm(posted(request), instance=staff, agencies=agencies)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.staff_update(
                    actor=request.user,
                    user=staff,
                    data=data,
                    roles=data["roles"],
                    units=data["units"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("console:staff_detail", pk=staff.pk)
    elif request.method == "POST":
        require(request.user, Action.MANAGE_STAFF, staff)
    context = {
        "staff": staff,
        "form": form,
        "can_manage": can_manage,
        "locked": selectors.staff_is_locked_out(user=staff),
        "reason_form": forms.ReasonForm(),
        "reset_form": forms.ResetPasswordForm(),
    }
    return render(request, "console/staff_detail.html", context)


def staff_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    staff = selectors.staff_get_for(user=request.user, pk=pk, action=Action.MANAGE_STAFF)
    form = forms.ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.staff_unlock(actor=request.user, user=staff, reason=form.cleaned_data["reason"])
        messages.success(request, _("The account is unlocked."))
        return redirect("console:staff_detail", pk=staff.pk)
    return render(request, "console/form.html", {"form": form, "title": _("Unlock account")})


def staff_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    staff = selectors.staff_get_for(user=request.user, pk=pk, action=Action.MANAGE_STAFF)
    form = forms.ResetPasswordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.staff_reset_password(
                actor=request.user, user=staff, password=data["password"], reason=data["reason"]
            )
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            messages.success(request, _("The password has been reset."))
            return redirect("console:staff_detail", pk=staff.pk)
    return render(request, "console/form.html", {"form": form, "title": _("Reset password")})
