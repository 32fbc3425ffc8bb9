"""The audit log page for committee staff (issue 8).

Who may read it, and which entries, is the policy's decision (`tusoi.policy.audit`). An entry shows
when, who, what (the action's name) and which member and unit it concerns: never its detail, which may
hold what someone typed (a mistyped user name at sign-in) or a record's fields.

Reading the log is not itself logged: the page shows no personal content (no answer, report or
commitment), and a row per page turn would bury the reads of personal content the log is for.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tusoi.bulletin.selectors import pager_window
from tusoi.org.models import Member, Unit
from tusoi.policy import can_view_audit_log, visible_audit_events

from .audit_labels import action_label
from .forms import AuditFilterForm
from .models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    code: str
    member: str
    unit: str


def _actor_name(event: AuditEvent) -> str:
    user = event.actor
    if user is None:
        return ""
    member = user.member
    return member.full_name if member is not None else user.username


def _rows(events: list[AuditEvent]) -> list[AuditRow]:
    member_ids = {e.subject_member_id for e in events if e.subject_member_id is not None}
    members = Member.objects.only("full_name").in_bulk(member_ids)
    paths = {e.unit_path for e in events if e.unit_path}
    units = Unit.objects.filter(path__in=paths).only("path", "name").in_bulk(field_name="path")
    rows = []
    for event in events:
        member = members.get(event.subject_member_id) if event.subject_member_id is not None else None
        unit = units.get(event.unit_path)
        rows.append(
            AuditRow(
                at=event.at,
                actor=_actor_name(event),
                action=action_label(event.action),
                code=event.action,
                member=member.full_name if member is not None else "",
                unit=unit.name if unit is not None else "",
            )
        )
    return rows


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_view_audit_log(request.user):
        raise Http404
    form = AuditFilterForm(request.GET)
    events = visible_audit_events(request.user)
    events = form.apply(events) if form.is_valid() else events.none()
    events = events.select_related("actor__member").order_by("-at", "-id")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "pager": pager_window(page), "rows": _rows(list(page.object_list))}
    return render(request, "core/audit_log.html", context)
