"""Every step is reachable by clicking from the navigation bar and the round page (links by id)."""

import re

from django.test import Client

from .conftest import RoundEnv


def _href(client: Client, url: str, element_id: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, url
    match = re.search(
        rf'<a [^>]*href="([^"]+)"[^>]*id="{element_id}"|<a [^>]*id="{element_id}"[^>]*href="([^"]+)"',
        page.content.decode(),
    )
    assert match, f"{element_id} not on {url}"
    return match.group(1) or match.group(2)


def _action(client: Client, url: str, button_id: str) -> str:
    body = client.get(url).content.decode()
    form = re.search(rf'<form method="post" action="([^"]+)"[^>]*>(?:(?!</form>).)*id="{button_id}"', body, re.S)
    assert form, f"{button_id} not on {url}"
    return form.group(1)


def test_the_committee_reaches_every_step_from_the_round_page(env: RoundEnv) -> None:
    client = env.client("secretary_a")
    rounds = _href(client, "/", "nav-rounds")
    round_url = _href(client, rounds, f"round-{env.session.pk}")
    assert _href(client, round_url, "link-aggregate") == env.url("aggregate")
    assert client.post(_action(client, round_url, "btn-create-draft")).status_code == 302
    draft = _href(client, round_url, "link-draft")
    assert _href(client, draft, "edit-views") == env.url("section_edit", "views")
    assert _href(client, round_url, "link-versions") == env.url("versions")
    assert _href(client, round_url, "link-consultation") == env.url("consultation")
    env.circulate()
    env.schedule()
    meeting = _href(client, round_url, "link-meeting")
    assert meeting == env.url("meeting")
    assert _href(client, meeting, "link-minutes-docx") == env.url("minutes_docx")
    for form_button in ("btn-attendance", "btn-opinion", "btn-details", "btn-close-meeting"):
        assert _action(client, meeting, form_button).startswith(env.url("meeting"))
    env.attend()
    env.details()
    env.close_meeting()
    assert _action(client, meeting, "btn-lock-minutes") == env.url("lock")
    assert _href(client, round_url, "link-minutes") == env.url("minutes")
    assert _href(client, round_url, "link-results") == env.url("results")


def test_a_member_reaches_the_draft_and_the_minutes_from_the_round_page(env: RoundEnv) -> None:
    env.create_draft()
    env.circulate()
    client = env.client("member_a")
    round_url = _href(client, _href(client, "/", "nav-rounds"), f"round-{env.session.pk}")
    assert _href(client, round_url, "link-consult") == env.url("consult")
    env.schedule()
    env.attend()
    env.details()
    env.close_meeting()
    assert _href(client, round_url, "link-minutes") == env.url("minutes")
    assert _href(client, env.url("minutes"), "link-minutes-docx") == env.url("minutes_docx")


def test_the_superior_reaches_the_inbox_and_a_keeper_the_templates(env: RoundEnv) -> None:
    client = env.client("bloc_office")
    rounds = _href(client, "/", "nav-rounds")
    assert _href(client, rounds, "link-inbox") == "/rounds/reports/"
    assert _href(client, rounds, "link-templates") == "/rounds/templates/"
