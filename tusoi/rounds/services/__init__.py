"""Writes for a branch's round, one service per transition (see the mappings in ..models)."""

from .common import TransitionError
from .consultation import comment_create, comment_decide, comment_reply, consultation_open, report_circulate
from .draft import EditConflictError, figures, report_create_draft, section_save
from .meeting import (
    attendance_record,
    meeting_close,
    meeting_reschedule,
    meeting_schedule,
    meeting_update_details,
    minutes_add_addendum,
    minutes_lock,
    opinion_add,
    opinion_remove,
)
from .results import (
    results_report_acknowledge,
    results_report_return,
    results_report_save,
    results_report_send,
)
from .templates import template_adapt_for_branch, template_ensure_default, template_for_branch, template_update

__all__ = [
    "EditConflictError",
    "TransitionError",
    "attendance_record",
    "comment_create",
    "comment_decide",
    "comment_reply",
    "consultation_open",
    "figures",
    "meeting_close",
    "meeting_reschedule",
    "meeting_schedule",
    "meeting_update_details",
    "minutes_add_addendum",
    "minutes_lock",
    "opinion_add",
    "opinion_remove",
    "report_circulate",
    "report_create_draft",
    "results_report_acknowledge",
    "results_report_return",
    "results_report_save",
    "results_report_send",
    "section_save",
    "template_adapt_for_branch",
    "template_ensure_default",
    "template_for_branch",
    "template_update",
]
