"""The world the matrix walks: the `org` personas, a published round over branches A, B and C1 in
which every member persona has submitted a self-review, branch A's round carried through to a
results report sent upward, branch B's draft under consultation, a remediation plan per member with
a progress entry and an evidence file, the plans of branch A and committee C, a notification per
persona, a finished background job, and an API token per persona.

Every free text a person writes carries a marker `MK-<owner>-<field>-<uuid8>`; `World.allowed`
maps each marker to the personas that may read it (DESIGN.md §3). The process runs through the
product's services and HTTP helpers of the apps' own test fixtures, not through rows made by hand.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tusoi.api.services import api_token_create
from tusoi.campaigns.models import BranchSession, Campaign
from tusoi.jobs.kinds import REVIEW_REPORTS
from tusoi.jobs.models import Job
from tusoi.jobs.services import job_create, job_execute
from tusoi.notifications.services import notify
from tusoi.org.models import Unit
from tusoi.remediation.models import OwnerKind, ProgressEntry, RemediationItem, RemediationPlan
from tusoi.remediation.services.plans import entry_add, item_create, plan_get_or_create
from tusoi.reviews.models import SelfReview
from tusoi.reviews.services import review_save_draft, review_submit
from tusoi.reviews.tests.conftest import make_catalog, make_round
from tusoi.rounds.models import ReportSection, ResultsReport
from tusoi.rounds.services.draft import section_save
from tusoi.rounds.tests.conftest import RoundEnv
from tusoi.testing import Org

# Who reads, by the design: the personas of `tusoi.testing.build_org` and anonymous.
PERSONAS = (
    "member_a",
    "member_a2",
    "member_b",
    "member_c1",
    "secretary_a",
    "secretary_b",
    "committee_office",  # office of committee C, above branch C1 (member of C1 itself)
    "bloc_office",  # office of the bloc, above branches A and B (member of B itself)
    "admin",
    "anonymous",
)
# Every persona that is a party member writes a self-review and keeps a remediation plan.
MEMBERS = tuple(p for p in PERSONAS if p not in ("admin", "anonymous"))
# The committee of each persona's branch (C1 has none: committee C's office is not it).
BRANCH_COMMITTEE = {
    "member_a": "secretary_a",
    "member_a2": "secretary_a",
    "secretary_a": "secretary_a",
    "member_b": "secretary_b",
    "secretary_b": "secretary_b",
    "bloc_office": "secretary_b",
}
BRANCH_A = frozenset({"member_a", "member_a2", "secretary_a"})
OFFICES_C = frozenset({"committee_office", "bloc_office"})  # committee C's office and the bloc's above it
REVIEW_FIELDS = ("causes", "other", "commitment-shortcoming", "commitment-measure")
ITEM_FIELDS = ("shortcoming", "cause", "measures", "result")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%% {marker}\ntrailer<<>>\n%%EOF\n"


def personal(owner: str) -> frozenset[str]:
    """A member's own content: the member and the committee of their branch."""
    return frozenset({owner, BRANCH_COMMITTEE.get(owner, owner)})


@dataclass
class World:
    org: Org
    campaign: Campaign
    sessions: dict[str, BranchSession]  # "a", "b", "c1"
    reviews: dict[str, SelfReview]
    plans: dict[str, RemediationPlan]  # member personas, "branch_a", "committee_c"
    items: dict[str, RemediationItem]
    entries: dict[str, ProgressEntry]
    results: ResultsReport
    job: Job
    tokens: dict[str, str]
    allowed: dict[str, frozenset[str]] = field(default_factory=dict)
    year: int = 0

    def mark(self, owner: str, what: str, readers: frozenset[str]) -> str:
        marker = f"MK-{owner}-{what}-{uuid.uuid4().hex[:8]}"
        self.allowed[marker] = readers
        return marker

    def client(self, persona: str) -> Client:
        return Client() if persona == "anonymous" else self.org.client_for(persona)

    def api_client(self, persona: str) -> Client:
        if persona == "anonymous":
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[persona]}")

    def member_pk(self, persona: str) -> int:
        return int(self.org.users[persona].member_id)

    def unit(self, key: str) -> Unit:
        return {
            "bloc": self.org.bloc,
            "a": self.org.branch_a,
            "b": self.org.branch_b,
            "c": self.org.committee_c,
            "c1": self.org.branch_c1,
        }[key]

    def may_read(self, persona: str) -> set[str]:
        return {marker for marker, readers in self.allowed.items() if persona in readers}


def _submit_reviews(world: World) -> None:
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    for owner in MEMBERS:
        user = world.org.users[owner]
        readers = personal(owner)
        m = {f: world.mark(owner, f"review-{f}", readers) for f in REVIEW_FIELDS}
        data = {
            "answers": {"I.1.a": "sometimes", "I.1.b": "none", "I.2.a": "none", "II.1.a": "often", "II.1.b": "none"},
            "causes": f"Nguyên nhân {m['causes']}",
            "other_shortcomings": f"Khuyết điểm khác {m['other']}",
            "commitments": [
                {"indicator": "I.1.a", "shortcoming": "", "measure": "Học tập hằng tuần", "deadline": deadline},
                {"indicator": "II.1.a", "shortcoming": "", "measure": "Báo cáo chi bộ", "deadline": deadline},
                {
                    "indicator": None,
                    "shortcoming": f"Đến muộn {m['commitment-shortcoming']}",
                    "measure": f"Đặt lịch nhắc {m['commitment-measure']}",
                    "deadline": deadline,
                },
            ],
        }
        review = review_save_draft(review=world.reviews[owner], actor=user, data=data, base_version=0)
        world.reviews[owner] = review_submit(review=review, actor=user, base_version=review.version)


def _branch_rounds(world: World) -> None:
    """Branch A: draft, consultation with a comment of each member, the meeting (an opinion, the
    conclusion), locked minutes, the results report sent upward. Branch B: a comment under consultation."""
    org, a, b = world.org, world.sessions["a"], world.sessions["b"]
    env = RoundEnv(org=org, catalog=world.campaign.catalog, campaign=world.campaign, session=a, session_b=b)
    env.create_draft()
    section = ReportSection.objects.get(report__session=a, key="views")
    draft = world.mark("secretary_a", "draft", BRANCH_A)  # the circulated draft is read by the members
    section_save(section=section, actor=org.users["secretary_a"], heading=section.heading,
                 body=f"{section.body}\n{draft}", base_version=section.version)  # fmt: skip
    env.circulate()
    for who in sorted(BRANCH_A):
        marker = world.mark(who, "comment", personal(who))
        assert env.comment(who, f"Góp ý {marker}").status_code == 302
    env.schedule()
    assert env.attend().status_code == 302
    opinion = world.mark("member_a", "opinion", BRANCH_A)
    assert env.opinion("member_a", "self_criticism", f"Tự phê bình {opinion}").status_code == 302
    conclusion = world.mark("secretary_a", "conclusion", BRANCH_A)
    assert env.details(conclusion=f"Chi bộ thống nhất {conclusion}").status_code == 302
    assert env.close_meeting().status_code == 302
    assert env.lock_minutes().status_code == 302
    # The results report travels to the branch's superior, the bloc (DESIGN.md §3); written by the
    # committee for that purpose, it is not shown to the branch's members.
    upward = frozenset({"secretary_a", "bloc_office"})
    general = world.mark("secretary_a", "results", upward)
    assert env.write_results(send=True, general_assessment=f"Nghiêm túc {general}").status_code == 302
    world.results = ResultsReport.objects.get(session=a)
    assert env.post("secretary_b", "draft_create", session=b).status_code == 302
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert env.post("secretary_b", "consultation", {"due": due}, session=b).status_code == 302
    marker = world.mark("member_b", "comment", personal("member_b"))
    data = {"section_key": "views", "kind": "comment", "text": f"Góp ý {marker}"}
    assert env.post("member_b", "consult", data, session=b).status_code == 302


def _remediation(world: World) -> None:
    users, today = world.org.users, timezone.localdate()
    for owner in MEMBERS:
        member = users[owner].member
        plan, _ = plan_get_or_create(
            owner_kind=OwnerKind.MEMBER, unit=member.branch, member=member, year=world.year, actor=users[owner]
        )
        texts: dict[str, Any] = {f: world.mark(owner, f"item-{f}", personal(owner)) for f in ITEM_FIELDS}
        item = item_create(plan=plan, actor=users[owner], deadline=today - timedelta(days=1), **texts)
        note = world.mark(owner, "progress", personal(owner))
        evidence = world.mark(owner, "evidence", personal(owner))
        upload = SimpleUploadedFile("minh-chung.pdf", PDF.replace(b"{marker}", evidence.encode()))
        entry = entry_add(actor=users[owner], on=today, note=note, item=item, upload=upload)
        world.plans[owner], world.items[owner], world.entries[owner] = plan, item, entry
    unit_plans = (
        ("branch_a", OwnerKind.BRANCH, world.org.branch_a, "secretary_a", BRANCH_A | {"bloc_office"}),
        ("committee_c", OwnerKind.COMMITTEE, world.org.committee_c, "committee_office", OFFICES_C),
    )
    for key, kind, unit, keeper, readers in unit_plans:
        plan, _ = plan_get_or_create(owner_kind=kind, unit=unit, year=world.year, actor=users[keeper])
        text = world.mark(key, "item", frozenset(readers))
        world.plans[key] = plan
        world.items[key] = item_create(
            plan=plan,
            actor=users[keeper],
            shortcoming=text,
            measures="Biện pháp chung",
            deadline=today - timedelta(days=1),
        )


def _notifications_and_jobs(world: World) -> None:
    for persona, user in world.org.users.items():
        marker = world.mark(persona, "notification", frozenset({persona}))
        notify(user, f"Thông báo {marker}", "/", email=False)
    # The secretary's zip of branch A's personal reports (markers of A's members inside).
    job = job_create(
        kind=REVIEW_REPORTS, owner=world.org.users["secretary_a"], params={"session_id": world.sessions["a"].pk}
    )
    assert job_execute(job_id=job.pk) == "succeeded", Job.objects.get(pk=job.pk).error
    world.job = Job.objects.get(pk=job.pk)


def build_world(org: Org) -> World:
    catalog = make_catalog("MATRIX")
    campaign, reviews = make_round(org, catalog)
    sessions = {key: BranchSession.objects.get(campaign=campaign, branch=unit) for key, unit in (
        ("a", org.branch_a), ("b", org.branch_b), ("c1", org.branch_c1))}  # fmt: skip
    tokens = {name: api_token_create(user=user, name="matrix")[1] for name, user in org.users.items()}
    world = World(org, campaign, sessions, reviews, {}, {}, {}, None, None, tokens, year=timezone.localdate().year)  # type: ignore[arg-type]
    _submit_reviews(world)
    _branch_rounds(world)
    _remediation(world)
    _notifications_and_jobs(world)
    return world
