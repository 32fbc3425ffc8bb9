"""Fixtures of the API tests: the `org` personas, a published round over branches A, B and C1 (the
self-review tests' small 5-indicator catalogue), its tallies, and a personal token per persona."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tusoi.api.services import api_token_create
from tusoi.campaigns.models import Campaign
from tusoi.catalog.models import CatalogVersion
from tusoi.reviews.models import SelfReview
from tusoi.reviews.tests.conftest import CODES, make_catalog, make_round
from tusoi.stats import tallies
from tusoi.testing import Org

API = "/api/v1"


@dataclass
class ApiWorld:
    org: Org
    catalog: CatalogVersion
    campaign: Campaign
    reviews: dict[str, SelfReview]
    tokens: dict[str, str]

    def client(self, persona: str) -> Client:
        """A client that sends the persona's token (no session, no cookie)."""
        if persona == "anonymous":
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[persona]}")

    def get(self, persona: str, path: str, **params: Any) -> Any:
        return self.client(persona).get(f"{API}{path}", params)

    def put(self, persona: str, path: str, body: dict[str, Any]) -> Any:
        return self.client(persona).put(f"{API}{path}", body, content_type="application/json")

    def post(self, persona: str, path: str, body: dict[str, Any]) -> Any:
        return self.client(persona).post(f"{API}{path}", body, content_type="application/json")

    def review(self, persona: str) -> SelfReview:
        return SelfReview.objects.get(pk=self.reviews[persona].pk)


@pytest.fixture
def world(org: Org) -> ApiWorld:
    catalog = make_catalog()
    campaign, reviews = make_round(org, catalog)
    tallies.tally_campaign_published(campaign)
    tokens = {name: api_token_create(user=user, name="test")[1] for name, user in org.users.items()}
    return ApiWorld(org, catalog, campaign, reviews, tokens)


def level_body(version: int, **answers: str | None) -> dict[str, Any]:
    """A PUT body with the given answers and nothing else."""
    return {"version": version, "answers": answers, "other_shortcomings": "", "causes": "", "commitments": []}


ALL_CODES = CODES
