"""Every URL name of the product, declared: how to reach it for each object of the world and who
reads it there (`Reads`), or why it carries no personal content (`Quiet`).

`test_completeness.py` fails when the URLconf has a name missing here, or when a name here is gone;
`test_matrix.py` requests every `Reads` target as every persona and checks each marker it finds
against `World.allowed`. Admin pages of registered models and the JSON API are declared in
`admin_api.py` (walked from `admin.site._registry` and from the django-ninja router).
"""

from collections.abc import Iterator
from urllib.parse import urlencode

from django.urls import reverse

from .spec import NOBODY, Declaration, Quiet, Reads, Target, each, page, post_only, sampled
from .world import BRANCH_A, MEMBERS, World, personal

# The branch-internal round of each session: its committee, and the members who take part.
COMMITTEE = {"a": frozenset({"secretary_a"}), "b": frozenset({"secretary_b"}), "c1": NOBODY}
PARTICIPANTS = {
    "a": BRANCH_A,
    "b": frozenset({"member_b", "secretary_b", "bloc_office"}),  # the bloc's office staff is a member of B
    "c1": frozenset({"member_c1", "committee_office"}),  # committee C's office staff is a member of C1
}
# Offices at or above a unit, and the unit's own committee: who oversees it (counts only).
OVERSEERS = {
    "bloc": frozenset({"bloc_office"}),
    "a": frozenset({"bloc_office", "secretary_a"}),
    "b": frozenset({"bloc_office", "secretary_b"}),
    "c": frozenset({"bloc_office", "committee_office"}),
    "c1": frozenset({"bloc_office", "committee_office"}),
}
# Where the world's rounds stand: A's draft circulated, meeting held, minutes locked and results sent;
# B's draft circulated; C1's not started.
CIRCULATED = {**PARTICIPANTS, "c1": NOBODY}
HELD = {"a": PARTICIPANTS["a"], "b": NOBODY, "c1": NOBODY}
CATALOG_EDITING = (
    "copy",
    "delete",
    "edit",
    "group_add",
    "group_delete",
    "group_edit",
    "group_move",
    "indicator_add",
    "indicator_delete",
    "indicator_edit",
    "indicator_move",
    "manifestation_add",
    "manifestation_delete",
    "manifestation_edit",
    "manifestation_move",
    "publish",
    "scale",
    "unverify",
    "verify",
)
SUPERVISION = (
    "supervision",
    "supervision_edit",
    "supervision_conclude",
    "action_create",
    "action",
    "action_close",
    "action_reopen",
)
UNITS = ("bloc", "a", "b", "c", "c1")
SESSIONS = ("a", "b", "c1")


def _url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _sessions(name: str, readers: dict[str, frozenset[str]], *extra: object, **kw: object) -> Reads:
    def build(w: World) -> Iterator[Target]:
        for key in SESSIONS:
            yield Target(_url(name, w.sessions[key].pk, *extra), readers[key], **kw)  # type: ignore[arg-type]

    return Reads(build)


def _units(name: str, readers: dict[str, frozenset[str]] | None, *extra: object, **kw: object) -> Reads:
    def build(w: World) -> Iterator[Target]:
        for key in UNITS:
            yield Target(_url(name, w.unit(key).pk, *extra), readers[key] if readers else None, **kw)  # type: ignore[arg-type]

    return Reads(build)


def _reviews(name: str, *extra: object, submitted: bool = False, **kw: object) -> Reads:
    def build(w: World) -> Iterator[Target]:
        for owner in MEMBERS:
            readers = personal(owner)
            status = dict.fromkeys(readers, 302) if submitted else {}
            yield Target(_url(name, w.reviews[owner].pk, *extra), readers, status, **kw)  # type: ignore[arg-type]

    return Reads(build)


def _member_items(name: str, attr: str = "items", **kw: object) -> Reads:
    def build(w: World) -> Iterator[Target]:
        for owner in MEMBERS:
            yield Target(_url(name, getattr(w, attr)[owner].pk), personal(owner), **kw)  # type: ignore[arg-type]

    return Reads(build)


def _members(name: str) -> Reads:
    """A member's record (names, card, roles: no admissions): whoever manages the roster; the status
    is left to the org app's tests, the markers are checked here."""

    def build(w: World) -> Iterator[Target]:
        for owner in MEMBERS:
            yield Target(_url(name, w.member_pk(owner)))

    return Reads(build)


def _comments(name: str) -> Reads:
    def build(w: World) -> Iterator[Target]:
        from tusoi.rounds.models import Comment

        for comment in Comment.objects.filter(report__session__in=w.sessions.values()).select_related("report"):
            yield Target(_url(name, comment.report.session_id, comment.pk), status={"*": 405, "anonymous": 405})

    return Reads(build)


def _year(name: str, kind: str) -> Reads:
    def build(w: World) -> Iterator[Target]:
        if kind == "member":
            for owner in MEMBERS:
                yield Target(_url(name, w.member_pk(owner), w.year), personal(owner))
        else:
            readers = {**OVERSEERS, "a": OVERSEERS["a"] | BRANCH_A, "b": OVERSEERS["b"] | PARTICIPANTS["b"],
                       "c1": OVERSEERS["c1"] | PARTICIPANTS["c1"]}  # fmt: skip
            for key in UNITS:
                yield Target(_url(name, w.unit(key).pk, w.year), readers[key])

    return Reads(build)


def _plans(name: str, *, keep: bool = False) -> Reads:
    """A member's plan: the member and their branch committee. A unit's plan: read by the unit's
    members and the offices above, kept (`keep`) by those holding a role in the unit."""

    def build(w: World) -> Iterator[Target]:
        for owner in MEMBERS:
            yield Target(_url(name, w.plans[owner].pk), personal(owner))
        branch_a = {"secretary_a"} if keep else BRANCH_A | {"bloc_office"}
        yield Target(_url(name, w.plans["branch_a"].pk), frozenset(branch_a))
        committee_c = {"committee_office"} if keep else {"committee_office", "bloc_office"}
        yield Target(_url(name, w.plans["committee_c"].pk), frozenset(committee_c))

    return Reads(build)


def _notifications(w: World) -> list[int]:
    from tusoi.notifications.models import Notification

    return list(Notification.objects.values_list("pk", flat=True))


def _roles(w: World) -> list[int]:
    from tusoi.org.models import CommitteeRole

    return list(CommitteeRole.objects.values_list("pk", flat=True))


def _opinions(w: World) -> list[int]:
    from tusoi.rounds.models import Opinion

    return list(Opinion.objects.values_list("pk", flat=True))


def _member_searches(w: World) -> Iterator[Target]:
    """The member search, asked for every owner's name and a sample of markers of every kind."""
    for owner in MEMBERS:
        name = w.org.users[owner].member.full_name
        yield Target("/org/members/?" + _q(name))
    for marker in sampled(w, 9):
        yield Target("/org/members/?" + _q(marker))


def _q(text: str, key: str = "q") -> str:
    return urlencode({key: text})


def _names(w: World) -> list[str]:
    return [w.org.users[owner].member.full_name for owner in MEMBERS]


DECLARED: dict[str, Declaration] = {
    # --- accounts: the user's own log-in and second factor; nobody else's content ---------------------
    "accounts:login": page("/accounts/login/", status={"anonymous": 200}),
    "accounts:logout": Quiet("POST-only log-out; answers a redirect"),
    "accounts:otp_enrol": page("/accounts/otp/enrol/"),
    "accounts:otp_recovery_codes": page("/accounts/otp/recovery-codes/"),
    "accounts:otp_root": page("/accounts/otp/"),
    "accounts:otp_verify": page("/accounts/otp/verify/"),
    "accounts:password_change": page("/accounts/password/"),
    "api:tokens": page("/api/tokens/"),
    "api:token_revoke": Quiet("POST-only; revokes one of the user's own tokens, renders nothing"),
    "api-v1:api-root": Quiet("the API's root answers 404 (operations are declared in admin_api.py)"),
    "api-v1:openapi-json": page("/api/v1/openapi.json", status={"anonymous": 401}),
    "api-v1:openapi-view": page("/api/v1/docs"),
    # --- public bulletin, written by offices for the public ------------------------------------------
    "bulletin:list": page("/tin-tuc/", status={"anonymous": 200, "*": 200}),
    "bulletin:manage": page("/tin-tuc/manage/"),
    "bulletin:create": page("/tin-tuc/manage/new/"),
    "bulletin:from_campaign": page("/tin-tuc/manage/from-campaign/"),
    "bulletin:detail": Quiet("a published post: public announcements written by offices"),
    "bulletin:edit": Quiet("a post's editor: offices' announcements, no member content"),
    "bulletin:image": Quiet("a post's picture: public"),
    "bulletin:preview": Quiet("a post's preview: offices' announcements"),
    "bulletin:preview_image": Quiet("a post's picture before publication"),
    "bulletin:publish": Quiet("POST-only publication of a post"),
    "bulletin:unpublish": Quiet("POST-only withdrawal of a post"),
    # --- campaigns: plans issued by offices; progress as counts above the branch ---------------------
    "campaigns:list": page("/campaigns/"),
    "campaigns:mine": page("/campaigns/mine/"),
    "campaigns:create": _units("campaigns:create", None),
    "campaigns:detail": each(lambda w: [Target(_url("campaigns:detail", w.campaign.pk), htmx=True)]),
    "campaigns:edit": each(lambda w: [Target(_url("campaigns:edit", w.campaign.pk))]),
    "campaigns:publish": post_only(lambda w: [_url("campaigns:publish", w.campaign.pk)]),
    "campaigns:close": post_only(lambda w: [_url("campaigns:close", w.campaign.pk)]),
    "campaigns:cascade": each(
        lambda w: [Target(_url("campaigns:cascade", w.campaign.pk, w.unit(k).pk), htmx=True) for k in UNITS]
    ),
    "campaigns:tracker": _sessions("campaigns:tracker", {k: COMMITTEE[k] for k in SESSIONS}, htmx=True),
    "campaigns:remind": each(
        lambda w: [
            Target(_url("campaigns:remind", w.reviews[o].session_id, w.reviews[o].pk), status={"*": 405})
            for o in MEMBERS
        ]
    ),
    "campaigns:remind_all": post_only(lambda w: [_url("campaigns:remind_all", s.pk) for s in w.sessions.values()]),
    # --- catalogue: the published reference text, no member content ----------------------------------
    "catalog:list": page("/catalog/"),
    "catalog:import": page("/catalog/import/"),
    "catalog:detail": each(lambda w: [Target(_url("catalog:detail", w.campaign.catalog_id))]),
    "catalog:export_xlsx": each(lambda w: [Target(_url("catalog:export_xlsx", w.campaign.catalog_id))]),
    "catalog:export_yaml": each(lambda w: [Target(_url("catalog:export_yaml", w.campaign.catalog_id))]),
    **{
        f"catalog:{name}": Quiet("editing the catalogue's own texts (groups, manifestations, indicators, scale)")
        for name in CATALOG_EDITING
    },
    # --- home, jobs, notifications --------------------------------------------------------------------
    "core:home": page("/", htmx=True),
    # The committee audit log names actors, subjects and actions, never what was written; checked anyway.
    "core:audit_log": each(
        lambda w: [Target("/audit/")] + [Target("/audit/?" + _q(name, "actor")) for name in _names(w)[::3]]
    ),
    "jobs:list": page("/jobs/"),
    "jobs:detail": each(lambda w: [Target(_url("jobs:detail", w.job.pk), frozenset({"secretary_a"}))]),
    "jobs:progress": each(lambda w: [Target(_url("jobs:progress", w.job.pk), frozenset({"secretary_a"}), htmx=True)]),
    "jobs:result": each(lambda w: [Target(_url("jobs:result", w.job.pk), frozenset({"secretary_a"}))]),
    "jobs:cancel": post_only(lambda w: [_url("jobs:cancel", w.job.pk)]),
    "jobs:start": Quiet("POST-only; starts a system job (reminders, tally rebuild), renders nothing"),
    "jobs:start_review_reports": post_only(
        lambda w: [_url("jobs:start_review_reports", s.pk) for s in w.sessions.values()]
    ),
    "notifications:list": page("/notifications/", htmx=True),
    "notifications:read": post_only(lambda w: [_url("notifications:read", n) for n in _notifications(w)]),
    "notifications:read_all": post_only(lambda w: ["/notifications/read-all/"]),
    # --- organisation: names and roles, no admissions -------------------------------------------------
    "org:tree": page("/org/"),
    "org:unit": each(
        lambda w: (
            [Target(_url("org:unit", w.unit(k).pk)) for k in UNITS]
            + [Target(reverse("org:unit", kwargs={"code": w.unit(k).code})) for k in UNITS]
        )
    ),
    "org:member_create": _units("org:member_create", None),
    "org:member_search": each(_member_searches),
    "org:member": _members("org:member"),
    "org:member_edit": _members("org:member_edit"),
    "org:member_transfer": _members("org:member_transfer"),
    "org:role_assign": _members("org:role_assign"),
    # Ending a role: a confirmation page naming the member and the role for whoever manages the unit.
    "org:role_end": each(lambda w: [Target(_url("org:role_end", r)) for r in _roles(w)]),
    # --- remediation ----------------------------------------------------------------------------------
    "remediation:index": page("/remediation/", htmx=True),
    "remediation:plan_create": page("/remediation/plans/new/"),
    "remediation:plan": _plans("remediation:plan"),
    "remediation:item_create": _plans("remediation:item_create", keep=True),
    "remediation:item": _member_items("remediation:item", htmx=True),
    "remediation:item_edit": _member_items("remediation:item_edit"),
    "remediation:item_delete": post_only(lambda w: [_url("remediation:item_delete", i.pk) for i in w.items.values()]),
    "remediation:evidence": _member_items("remediation:evidence", "entries"),
    "remediation:seed_review": post_only(lambda w: [_url("remediation:seed_review", r.pk) for r in w.reviews.values()]),
    "remediation:seed_session": post_only(
        lambda w: [_url("remediation:seed_session", s.pk) for s in w.sessions.values()]
    ),
    "remediation:seed_members": post_only(
        lambda w: [_url("remediation:seed_members", s.pk) for s in w.sessions.values()]
    ),
    "remediation:branch": _units("remediation:branch", None),
    "remediation:subtree": _units("remediation:subtree", None, htmx=True),
    "remediation:overdue": _units("remediation:overdue", None),
    "remediation:rhythm": _units("remediation:rhythm", None),
    "remediation:rhythm_remind": Quiet("POST-only reminder to units behind their yearly rhythm; renders nothing"),
    "remediation:member_year": _year("remediation:member_year", "member"),
    "remediation:member_year_docx": _year("remediation:member_year_docx", "member"),
    "remediation:unit_year": _year("remediation:unit_year", "unit"),
    "remediation:unit_year_docx": _year("remediation:unit_year_docx", "unit"),
    "remediation:supervisions": page("/remediation/supervision/"),
    "remediation:supervision_create": _units("remediation:supervision_create", None),
    **{
        f"remediation:{name}": Quiet(
            "a supervision of a unit by an office above: written by the office, names no member's admissions"
        )
        for name in SUPERVISION
    },
    "remediation:mappings": page("/remediation/mappings/"),
    "remediation:mapping_edit": Quiet("the mapping between two catalogue versions' indicator codes"),
    "remediation:campaign_copy": each(lambda w: [Target(_url("remediation:campaign_copy", w.campaign.pk))]),
    "remediation:compare": page("/remediation/campaigns/compare/"),
    # --- self-reviews ---------------------------------------------------------------------------------
    "reviews:mine": page("/reviews/"),
    "reviews:session_reviews": _sessions("reviews:session_reviews", COMMITTEE, htmx=True),
    "reviews:review_detail": _reviews("reviews:review_detail", htmx=True),
    # A submitted review is not edited: its owner and committee are sent to the read-only page.
    "reviews:review_edit": _reviews("reviews:review_edit", submitted=True),
    "reviews:review_autosave": each(
        lambda w: [Target(_url("reviews:review_autosave", w.reviews[o].pk), status={"*": 405}) for o in MEMBERS]
    ),
    "reviews:review_return": post_only(lambda w: [_url("reviews:review_return", r.pk) for r in w.reviews.values()]),
    "reviews:review_docx": _reviews("reviews:review_docx"),
    "reviews:version_detail": _reviews("reviews:version_detail", 1),
    # --- roster imports: the uploader's own file of names ---------------------------------------------
    "roster:index": page("/roster/"),
    "roster:upload": page("/roster/import/"),
    "roster:export": page("/roster/export/"),
    "roster:import": Quiet("an uploaded roster file's report: names and card numbers, its uploader's alone"),
    "roster:mapping": Quiet("an uploaded roster file's column mapping, its uploader's alone"),
    "roster:apply": Quiet("POST-only; applies an uploaded roster file"),
    # --- the branch round -----------------------------------------------------------------------------
    "rounds:index": page("/rounds/", htmx=True),
    "rounds:inbox": page("/rounds/reports/"),
    "rounds:round": _sessions("rounds:round", PARTICIPANTS, htmx=True),
    "rounds:aggregate": _sessions("rounds:aggregate", COMMITTEE),
    "rounds:draft": _sessions("rounds:draft", COMMITTEE, htmx=True),
    "rounds:draft_create": post_only(lambda w: [_url("rounds:draft_create", s.pk) for s in w.sessions.values()], 405),
    "rounds:section_edit": _sessions("rounds:section_edit", COMMITTEE, "views"),
    "rounds:versions": _sessions("rounds:versions", COMMITTEE),
    "rounds:version_detail": _sessions("rounds:version_detail", COMMITTEE, 1),
    "rounds:version_compare": Reads(
        # B's draft has a single version: nothing to compare.
        lambda w: [
            Target(_url("rounds:version_compare", w.sessions[k].pk) + "?a=1&b=2", {**COMMITTEE, "b": NOBODY}[k])
            for k in SESSIONS
        ]
    ),
    "rounds:consultation": _sessions("rounds:consultation", COMMITTEE),
    "rounds:consult": _sessions("rounds:consult", CIRCULATED, htmx=True),
    "rounds:comment_decide": _comments("rounds:comment_decide"),
    "rounds:comment_reply": _comments("rounds:comment_reply"),
    "rounds:schedule": _sessions("rounds:schedule", {**COMMITTEE, "a": NOBODY}),  # A: held already
    "rounds:meeting": _sessions("rounds:meeting", {**COMMITTEE, "b": NOBODY}, htmx=True),  # B: not scheduled
    "rounds:attendance": post_only(lambda w: [_url("rounds:attendance", s.pk) for s in w.sessions.values()], 405),
    "rounds:details": post_only(lambda w: [_url("rounds:details", s.pk) for s in w.sessions.values()], 405),
    "rounds:opinion_add": post_only(lambda w: [_url("rounds:opinion_add", s.pk) for s in w.sessions.values()], 405),
    "rounds:opinion_delete": each(
        lambda w: [
            Target(_url("rounds:opinion_delete", w.sessions["a"].pk, pk), status={"*": 405, "anonymous": 405})
            for pk in _opinions(w)
        ]
    ),
    "rounds:close": post_only(lambda w: [_url("rounds:close", s.pk) for s in w.sessions.values()], 405),
    "rounds:lock": post_only(lambda w: [_url("rounds:lock", s.pk) for s in w.sessions.values()], 405),
    "rounds:addendum": post_only(lambda w: [_url("rounds:addendum", s.pk) for s in w.sessions.values()], 405),
    "rounds:minutes": _sessions("rounds:minutes", HELD),
    "rounds:minutes_docx": _sessions("rounds:minutes_docx", HELD),
    # B's committee is sent back to its round: no meeting held yet, no results to write.
    "rounds:results": each(
        lambda w: [
            Target(_url("rounds:results", w.sessions["a"].pk), COMMITTEE["a"]),
            Target(_url("rounds:results", w.sessions["b"].pk), NOBODY, {"secretary_b": 302}),
            Target(_url("rounds:results", w.sessions["c1"].pk), NOBODY),
        ]
    ),
    "rounds:results_detail": each(
        lambda w: [Target(_url("rounds:results_detail", w.results.pk), frozenset({"secretary_a", "bloc_office"}))]
    ),
    "rounds:results_decide": post_only(lambda w: [_url("rounds:results_decide", w.results.pk)]),
    "rounds:templates": page("/rounds/templates/"),
    "rounds:template_edit": _units("rounds:template_edit", None),
    "rounds:template_adapt": _units("rounds:template_adapt", None),
    # --- statistics: counts above the branch ----------------------------------------------------------
    "stats:index": page("/stats/"),
    "stats:dashboard": _units("stats:dashboard", None, htmx=True),
    "stats:export": _units("stats:export", None),
    "stats:reports": page("/stats/reports/"),
    "stats:report_create": _units("stats:report_create", None),
    "stats:report": Quiet("a summary report: counts and the offices' own assessment (no object in the world)"),
    "stats:report_docx": Quiet("a summary report's document: counts and the offices' own assessment"),
    "stats:report_issue": Quiet("POST-only issue of a summary report"),
    "stats:report_regenerate": Quiet("POST-only regeneration of a summary report's figures"),
    "set_language": Quiet("POST-only language switch; answers a redirect"),
}
