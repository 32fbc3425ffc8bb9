"""Inspection and supervision: the supervising office plans it, records findings and a conclusion and
requests actions; the supervised unit reads what concerns it and answers each action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.org.models import Unit
from tusoi.policy import (
    can_answer_supervision,
    can_manage_supervision,
    can_supervise,
    supervising_units,
    visible_supervisions,
)

from ..forms import ActionForm, ConclusionForm, EntryForm, NoteForm, SupervisionForm
from ..models import SupervisionAction
from ..selectors import state_of, supervision_actions
from ..services import (
    action_answered,
    action_close,
    action_create,
    action_reopen,
    entry_add,
    supervision_conclude,
    supervision_create,
    supervision_update,
)
from .common import action_for, attach_errors, supervision_for, unit_or_404

PAGE_SIZE = 30


@login_required
@never_cache
def supervisions(request: HttpRequest) -> HttpResponse:
    """Supervisions the user's units conduct (or oversee), and those of which their unit is the target."""
    qs = visible_supervisions(request.user).select_related("by_unit", "target").order_by("-period_start", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "remediation/supervisions.html", {"page": page, "supervising": supervising_units(request.user)}
    )


def _targets(by_unit: Unit) -> object:
    return Unit.objects.filter(by_unit.subtree_q(), is_active=True).exclude(pk=by_unit.pk).order_by("path")


@login_required
@never_cache
def supervision_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    by_unit = unit_or_404(pk)
    if not any(u.pk == by_unit.pk for u in supervising_units(request.user)):
        raise Http404
    form = SupervisionForm(request.POST or None, targets=_targets(by_unit))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("target")
        if not can_supervise(request.user, by_unit, target):
            raise Http404
        try:
            created = supervision_create(by_unit=by_unit, target=target, actor=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The supervision has been planned; the supervised unit has been told."))
            return redirect("remediation:supervision", created.pk)
    return render(request, "remediation/supervision_form.html", {"form": form, "by_unit": by_unit, "supervision": None})


@login_required
@never_cache
def supervision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = supervision_for(request, pk)
    if not can_manage_supervision(request.user, supervision):
        raise Http404
    initial = {name: getattr(supervision, name) for name in SupervisionForm.base_fields}
    targets = Unit.objects.filter(pk=supervision.target_id)
    form = SupervisionForm(request.POST or None, initial=initial, targets=targets)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("target")
        try:
            supervision_update(supervision=supervision, actor=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The supervision has been saved."))
            return redirect("remediation:supervision", supervision.pk)
    return render(
        request,
        "remediation/supervision_form.html",
        {"form": form, "by_unit": supervision.by_unit, "supervision": supervision},
    )


@login_required
@never_cache
def supervision(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervision, its findings and conclusion, and its requested actions with their state."""
    supervision = supervision_for(request, pk)
    manages = can_manage_supervision(request.user, supervision)
    conclusion_form = ConclusionForm(
        initial={
            "findings": supervision.findings,
            "conclusion": supervision.conclusion,
            "concluded_on": supervision.concluded_on or timezone.localdate(),
        }
    )
    return render(
        request,
        "remediation/supervision.html",
        {
            "supervision": supervision,
            "actions": supervision_actions(supervision, today=timezone.localdate()),
            "manages": manages,
            "answers": can_answer_supervision(request.user, supervision),
            "conclusion_form": conclusion_form,
            "action_form": ActionForm(),
        },
    )


@login_required
@require_POST
def supervision_conclude_view(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = supervision_for(request, pk)
    if not can_manage_supervision(request.user, supervision):
        raise Http404
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            supervision_conclude(supervision=supervision, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The findings and the conclusion have been recorded."))
            return redirect("remediation:supervision", supervision.pk)
    return render(
        request,
        "remediation/supervision.html",
        {
            "supervision": supervision,
            "actions": supervision_actions(supervision, today=timezone.localdate()),
            "manages": True,
            "conclusion_form": form,
            "action_form": ActionForm(),
        },
    )


@login_required
@require_POST
def action_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = supervision_for(request, pk)
    if not can_manage_supervision(request.user, supervision):
        raise Http404
    form = ActionForm(request.POST)
    if form.is_valid():
        action_create(supervision=supervision, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The action has been requested; the supervised unit has been told."))
        return redirect("remediation:supervision", supervision.pk)
    return render(
        request,
        "remediation/supervision.html",
        {
            "supervision": supervision,
            "actions": supervision_actions(supervision, today=timezone.localdate()),
            "manages": True,
            "conclusion_form": ConclusionForm(),
            "action_form": form,
        },
    )


def _action_page(
    request: HttpRequest, action: SupervisionAction, *, answers: bool, form: EntryForm, note_form: NoteForm
) -> HttpResponse:
    return render(
        request,
        "remediation/action.html",
        {
            "action": action,
            "supervision": action.supervision,
            "state": state_of(action, timezone.localdate()),
            "entries": action.entries.select_related("author__member").order_by("-on", "-id"),
            "form": form,
            "answers": answers,
            "manages": can_manage_supervision(request.user, action.supervision),
            "note_form": note_form,
        },
    )


def _answer_form(data: object = None, files: object = None) -> EntryForm:
    return EntryForm(data, files, initial={"on": timezone.localdate()}, with_status=False)


@login_required
@never_cache
def action(request: HttpRequest, pk: int) -> HttpResponse:
    """A requested action: the answers (progress entries); the supervised unit answers here."""
    action = action_for(request, pk)
    answers = can_answer_supervision(request.user, action.supervision)
    form = _answer_form(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not answers:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry_add(
                    action=action, actor=request.user, on=data["on"], note=data["note"], upload=data.get("evidence")
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                action_answered(action)
                messages.success(request, _("Your answer has been recorded; the supervising unit has been told."))
                return redirect("remediation:action", action.pk)
    return _action_page(request, action, answers=answers, form=form, note_form=NoteForm())


@login_required
@never_cache
@require_POST
def action_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """The supervising unit closes the action, or reopens it with a reason. A refused note (a NUL,
    which PostgreSQL cannot store; no reason to reopen) is shown again on the action's page, as typed,
    with the error beside it."""
    action = action_for(request, pk)
    if not can_manage_supervision(request.user, action.supervision):
        raise Http404
    form = NoteForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if decision == "close":
                action_close(action=action, actor=request.user, note=note)
                messages.success(request, _("The action has been closed."))
            else:
                action_reopen(action=action, actor=request.user, note=note)
                messages.success(request, _("The action has been reopened."))
        except ValidationError as exc:  # e.g. closed or reopened meanwhile: show its state now
            attach_errors(form, exc)
            action.refresh_from_db(fields=["status", "done_on", "closing_note", "updated_at"])
        else:
            return redirect("remediation:action", action.pk)
    answers = can_answer_supervision(request.user, action.supervision)
    return _action_page(request, action, answers=answers, form=_answer_form(), note_form=form)
