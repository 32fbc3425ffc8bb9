"""Items of a plan: read one with its progress, add, edit, remove, record progress with an evidence
file, and download an evidence file (only through this access-checked view)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.policy import can_edit_plan, visible_entries

from ..evidence import KINDS
from ..forms import EntryForm, ItemForm
from ..models import RemediationItem
from ..selectors import state_of
from ..services import entry_add, item_create, item_delete, item_update
from .common import attach_errors, audit_member_read, item_for, plan_for

__all__ = ["evidence", "item", "item_create_view", "item_edit", "item_remove"]


def _item_form_data(item: RemediationItem) -> dict[str, object]:
    return {name: getattr(item, name) for name in ItemForm.base_fields}


@login_required
@never_cache
def item(request: HttpRequest, pk: int) -> HttpResponse:
    """One item, its progress entries, and (for those who keep the plan) the progress form."""
    item = item_for(request, pk, via="item")
    can_edit = can_edit_plan(request.user, item.plan)
    form = EntryForm(request.POST or None, request.FILES or None, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry_add(
                    item=item,
                    actor=request.user,
                    on=data["on"],
                    note=data["note"],
                    upload=data.get("evidence"),
                    status=data.get("status") or None,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The progress has been recorded."))
                return redirect("remediation:item", item.pk)
    return render(
        request,
        "remediation/item.html",
        {
            "item": item,
            "plan": item.plan,
            "state": state_of(item, timezone.localdate()),
            "entries": item.entries.select_related("author").order_by("-on", "-id"),
            "form": form,
            "can_edit": can_edit,
        },
    )


@login_required
@never_cache
def item_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, via="item_create")
    if not can_edit_plan(request.user, plan):
        raise Http404
    form = ItemForm(request.POST or None, initial={"supervisor": "", "status": "not_started"})
    if request.method == "POST" and form.is_valid():
        try:
            created = item_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The item has been added to the plan."))
            return redirect("remediation:item", created.pk)
    return render(request, "remediation/item_form.html", {"form": form, "plan": plan, "item": None})


@login_required
@never_cache
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for(request, pk, via="item_edit")
    if not can_edit_plan(request.user, item.plan):
        raise Http404
    form = ItemForm(request.POST or None, initial=_item_form_data(item))
    if request.method == "POST" and form.is_valid():
        try:
            item_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The item has been saved."))
            return redirect("remediation:item", item.pk)
    return render(request, "remediation/item_form.html", {"form": form, "plan": item.plan, "item": item})


@login_required
@require_POST
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for(request, pk, via="item_delete")
    if not can_edit_plan(request.user, item.plan):
        raise Http404
    plan_pk = item.plan_id
    try:
        item_delete(item=item, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("remediation:item", item.pk)
    messages.success(request, _("The item has been removed."))
    return redirect("remediation:plan", plan_pk)


@login_required
@never_cache
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who may read its item or action; never cached, never inline."""
    entry = get_object_or_404(visible_entries(request.user).select_related("item__plan", "action__supervision"), pk=pk)
    if not entry.evidence:
        raise Http404
    if entry.item is not None:
        audit_member_read(request.user, entry.item.plan, "evidence")
    kind = KINDS.get(entry.evidence_type)
    response = FileResponse(
        entry.evidence.open("rb"),
        as_attachment=True,
        filename=entry.evidence_name or entry.evidence.name.rsplit("/", 1)[-1],
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
