"""Every form, fed arbitrary text, sizes, numbers, dates, choices and raw bodies in odd charsets
(issue #8): never a 5xx; a value no form can produce (a NUL character) is refused with a Vietnamese
message; when a form comes back with errors, what the user typed in the other fields is still there.

The declarations are in `forms_specs.py`; the completeness tests below fail when a URL or a form
class is added without one. Each example runs in a savepoint rolled back afterwards, so every
example meets the same state. `FUZZ_EXAMPLES` sets the examples per form (default 6).
Run it on PostgreSQL too: psycopg refuses NUL in text, which is where 5xx hide.
"""

import importlib
import os
import pkgutil
from typing import Any
from urllib.parse import urlencode

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tusoi
from tusoi.reviews.models import SelfReview

from .forms_checks import CHARSETS, TEXT, has_nul, html_of, refused_clearly, shown, vietnamese_error_shown, why
from .forms_specs import ACTIONS, FORM_BASES, FORMS, NOT_FUZZED, READS, Spec
from .forms_world import World
from .test_every_url_needs_login import ROUTES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)
LIGHT = settings(FUZZ, max_examples=max(2, EXAMPLES // 2))  # raw bodies and junk fields of actions


# ------------------------------------------------------------------------------- completeness
def _product_routes() -> set[str]:
    return {
        name
        for name, route in ROUTES
        if not route.startswith("static/") and not any(name.startswith(prefix) for prefix in NOT_FUZZED)
    }


def test_every_url_is_declared() -> None:
    declared = [s.name for s in FORMS + ACTIONS] + list(READS)
    missing = sorted(_product_routes() - set(declared))
    assert not missing, f"declare these URLs in tests/security/forms_specs.py: {missing}"
    stale = sorted(set(declared) - _product_routes())
    assert not stale, f"declared but gone from the URLconf: {stale}"


def _form_classes() -> set[str]:
    for module in pkgutil.iter_modules(tusoi.__path__):
        try:
            importlib.import_module(f"tusoi.{module.name}.forms")
        except ModuleNotFoundError as error:
            if error.name != f"tusoi.{module.name}.forms":
                raise

    def walk(cls: type) -> Any:
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return {
        f"{cls.__module__.split('.')[1]}.{cls.__name__}"
        for cls in walk(forms.BaseForm)
        if cls.__module__.startswith("tusoi.") and cls.__module__.endswith(".forms")
    }


def test_every_form_class_is_declared() -> None:
    classes = _form_classes()
    declared = {name for spec in FORMS for name in spec.forms} | set(FORM_BASES)
    assert len(classes) > 40
    assert not sorted(classes - declared), f"forms without a declaration: {sorted(classes - declared)}"
    assert not sorted(declared - classes), f"declared forms that do not exist: {sorted(declared - classes)}"


# ------------------------------------------------------------------------------- helpers
@pytest.fixture
def world(org: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return World(org)


def _send(client: Any, spec: Spec, url: str, data: dict[str, Any]) -> Any:
    if spec.method == "get":
        return client.get(url, data)
    return client.post(url, data)


def _rolled_back(call: Any) -> Any:
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


def _ready(spec: Spec, world: World) -> tuple[str, Any]:
    if spec.prepare:
        spec.prepare(world)
    url = spec.url(world)
    spec.baseline(world)  # builds what the data refers to before the savepoints
    return url, world.client(spec.persona)


# ------------------------------------------------------------------------------- the properties
@pytest.mark.django_db
@pytest.mark.parametrize("spec", FORMS, ids=[s.id for s in FORMS])
def test_form_answers_bad_input_clearly(spec: Spec, world: World) -> None:
    url, client = _ready(spec, world)
    baseline = spec.baseline(world)
    first = _rolled_back(lambda: _send(client, spec, url, spec.baseline(world)))
    assert first.status_code in (200, 204, 301, 302, 303, 400), (url, first.status_code, html_of(first)[:3000])
    fields = sorted(set(baseline) - set(spec.files))
    text_fields = spec.text_fields(baseline)

    def check_one(field: str, value: str, junk: bool) -> None:
        data = spec.baseline(world)
        data[field] = value
        if junk:
            data["zz-unexpected"] = value
        response = _rolled_back(lambda: _send(client, spec, url, data))
        assert response.status_code < 500
        if field in text_fields and has_nul(value) and spec.method == "post":
            assert refused_clearly(response), (spec.name, field, repr(value)[:80], response.status_code, why(response))
        html = html_of(response)
        if response.status_code in (200, 400, 409) and not spec.partial and vietnamese_error_shown(html):
            for other in text_fields:
                typed = baseline.get(other)
                if other != field and isinstance(typed, str) and typed.strip():
                    assert shown(typed, html), f"{spec.name}: what was typed in {other} is lost"

    for field in text_fields:  # always, whatever hypothesis draws: a NUL in every free-text field
        check_one(field, "Nguyễn\x00Văn", junk=False)

    @FUZZ
    @given(field=st.sampled_from(fields) if fields else st.just("x"), value=TEXT, junk=st.booleans())
    def check(field: str, value: str, junk: bool) -> None:
        check_one(field, value, junk)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("spec", [s for s in FORMS if s.method == "post" and not s.files], ids=lambda s: s.id)
def test_form_survives_raw_bodies_in_odd_charsets(spec: Spec, world: World) -> None:
    url, client = _ready(spec, world)

    @LIGHT
    @given(charset=st.sampled_from(CHARSETS), junk=st.binary(max_size=200), keep=st.booleans())
    def check(charset: str, junk: bytes, keep: bool) -> None:
        body = urlencode(spec.baseline(world), doseq=True).encode() + b"&" if keep else b""
        body += junk
        content_type = f"application/x-www-form-urlencoded; charset={charset}"
        response = _rolled_back(lambda: client.generic("POST", url, body, content_type=content_type))
        assert response.status_code < 500

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("spec", ACTIONS, ids=[s.id for s in ACTIONS])
def test_action_survives_junk_fields(spec: Spec, world: World) -> None:
    url, client = _ready(spec, world)
    first = _rolled_back(lambda: client.post(url, spec.baseline(world)))
    assert first.status_code in (200, 204, 301, 302, 303, 400), (url, first.status_code)

    @LIGHT
    @given(junk=st.dictionaries(st.text(min_size=1, max_size=10), TEXT, max_size=3))
    def check(junk: dict[str, str]) -> None:
        response = _rolled_back(lambda: client.post(url, {**spec.baseline(world), **junk}))
        assert response.status_code < 500

    check()


@pytest.mark.django_db
def test_read_pages_survive_junk(world: World) -> None:
    """Pages that only show something, in one world (they change nothing), with junk in GET and POST."""
    for name in sorted(READS):
        persona, args = READS[name]
        url = reverse(name, args=args(world))
        client = world.client(persona)
        for junk in ({"x": "\x00", "\u202e": "😀"}, {"q": "ữ" * 20_000, "page": "-1"}):
            for method in (client.post, client.get):
                response = _rolled_back(lambda send=method, data=junk, to=url: send(to, data))
                assert response.status_code < 500, (name, url, method.__name__)


@pytest.mark.django_db
def test_self_review_keeps_what_was_autosaved(world: World) -> None:
    """A refused save (or autosave) of the self-review loses neither the autosaved draft nor the
    text just typed."""
    review = world.review("member_a2")
    client = world.client("member_a2")
    autosave = reverse("reviews:review_autosave", args=[review.pk])
    edit = reverse("reviews:review_edit", args=[review.pk])
    saved = {"base_version": str(review.version), "causes": "Nguyên nhân đã tự lưu", "other_shortcomings": ""}
    assert 'data-outcome="saved"' in client.post(autosave, saved).content.decode()
    review.refresh_from_db()

    @FUZZ
    @given(value=TEXT, where=st.sampled_from(["other_shortcomings", "c-0-measure", "m-I.1.a"]))
    def check(value: str, where: str) -> None:
        typed = {"base_version": str(review.version), "causes": "Nguyên nhân vừa gõ"}
        typed |= {"c-0-shortcoming": "Muộn", "c-0-measure": "", "c-0-deadline": ""}  # the form posts all three
        typed[where] = value + "\x00"
        for url in (autosave, edit):
            response = client.post(url, typed)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert vietnamese_error_shown(html), (url, why(response))
            if url == edit:
                assert shown(typed["causes"], html)
                assert shown("Muộn", html)
        assert SelfReview.objects.get(pk=review.pk).causes == "Nguyên nhân đã tự lưu"

    check()
