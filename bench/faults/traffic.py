"""Scenario 4: load. `users` simulated members, each in turn for one member after another: opens
the log-in page, logs in with the password form, opens the 111-indicator form, autosaves three
times as the answers fill up, submits; with a pause of `think` seconds (random 0.5×-1.5×) between
two steps (people take minutes: this is a stress). When `seconds` are over, no client starts a new
member; the members in progress finish (within `grace` seconds, after which a member stops where
they are and keeps a draft); the readers read until the last member is done. Beside them, committee and Bloc
office users (second factor verified) read their unit's statistics dashboard in a loop. Every
answer must be the expected one (zero errors); latency per kind of request, and the server's CPU per
request (what it costs whatever else the machine runs); then every confirmed submission is checked
in the database."""

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPResponse
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from tusoi.catalog.models import CatalogVersion

from .. import load, submissions
from ..phase import _cpu_shares, _cpu_times
from ..sessions import CSRF_SECRET, cookie_header
from . import checks
from .clients import Attempt, Recorder, attempt, summary

PASSWORD = "bench-only-password-never-used"  # noqa: S105 - bench.province's accounts, synthetic data
AUTOSAVES = 3


@dataclass(frozen=True)
class Reader:
    session_key: str
    path: str


def _form_fields(catalog: CatalogVersion) -> list[tuple[str, str]]:
    return parse_qsl(submissions.submission_body(catalog).decode(), keep_blank_values=True)


def _kept(key: str, codes: set[str]) -> bool:
    """Whether a form field stays in a partly filled form: an indicator's answer, measure and
    deadline only for the indicators answered so far; every other field always."""
    for prefix in ("ans-", "m-", "d-"):
        if key.startswith(prefix):
            return key.removeprefix(prefix) in codes
    return True


def _bodies(fields: list[tuple[str, str]], csrf: str, page: str) -> tuple[list[bytes], bytes]:
    """The autosaves (the first third of the answers, two thirds, all) and the submission."""
    base = [(k, csrf if k == "csrfmiddlewaretoken" else page if k == "client" else v) for k, v in fields]
    answered = [k.removeprefix("ans-") for k, _v in base if k.startswith("ans-")]
    saves = []
    for step in range(1, AUTOSAVES + 1):
        keep = set(answered[: len(answered) * step // AUTOSAVES])
        partial = [(k, v) for k, v in base if k != "action" and _kept(k, keep)]
        saves.append(urlencode(partial).encode())
    return saves, urlencode(base).encode()


def _headers(port: int, cookies: str, body: bytes) -> dict[str, str]:
    return {
        "Cookie": cookies,
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": str(len(body)),
        "Origin": f"http://127.0.0.1:{port}",
    }


def _status(code: int) -> Any:
    return lambda _job, response, _body: response.status == code


def _logged_in(_job: load.Job, response: HTTPResponse, _body: bytes) -> bool:
    return response.status == 302 and settings.SESSION_COOKIE_NAME in (response.getheader("Set-Cookie") or "")


def _cookies(response: HTTPResponse | None) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    headers = (response.msg.get_all("Set-Cookie") if response is not None else None) or []
    for header in headers:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def _form_ok(_job: load.Job, response: HTTPResponse, body: bytes) -> bool:
    return response.status == 200 and body.count(b'type="radio"') >= 333


def _saved(_job: load.Job, response: HTTPResponse, body: bytes) -> bool:
    return response.status == 200 and b'data-outcome="saved"' in body


class TimeUp(Exception):  # noqa: N818 - a signal, not an error
    """The load's time and its grace are over: the member stops where they are (a draft stays one)."""


class Members:
    def __init__(
        self,
        port: int,
        accounts: list[tuple[int, str]],
        catalog: CatalogVersion,
        think: float,
        stops: tuple[float, float],
    ) -> None:
        self.port, self.think = port, think
        self.last_start, self.stop_at = stops  # no new member after the first; no request after the second
        self.queue = list(reversed(accounts))
        self.fields = _form_fields(catalog)
        self.lock = threading.Lock()
        self.recorder = Recorder()
        self.confirmed: set[int] = set()
        self.touched: set[int] = set()
        self.flows = 0

    def next_account(self) -> tuple[int, str] | None:
        with self.lock:
            if not self.queue or time.monotonic() >= self.last_start:
                return None
            review, username = self.queue.pop()
            self.touched.add(review)
            return review, username

    def pause(self, rng: random.Random) -> None:
        time.sleep(self.think * rng.uniform(0.5, 1.5))

    def step(self, kind: str, review: int, job: load.Job, good: Any) -> Attempt:
        if time.monotonic() >= self.stop_at:
            raise TimeUp
        return self.recorder.add(attempt(self.port, kind, review, job, good))

    def flow(self, review: int, username: str, rng: random.Random) -> None:
        port, anonymous = self.port, f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}"
        if self.step("login page", review, load.Job("GET", "/accounts/login/", b"", {}), _status(200)).outcome != "ok":
            return
        self.pause(rng)
        body = urlencode({"csrfmiddlewaretoken": CSRF_SECRET, "username": username, "password": PASSWORD}).encode()
        login = self.step(
            "login", review, load.Job("POST", "/accounts/login/", body, _headers(port, anonymous, body)), _logged_in
        )
        if login.outcome != "ok":
            return
        jar = {settings.CSRF_COOKIE_NAME: CSRF_SECRET, **_cookies(login.response)}
        cookies = "; ".join(f"{k}={v}" for k, v in jar.items())
        saves, submit = _bodies(self.fields, jar[settings.CSRF_COOKIE_NAME], f"load-{review}")
        form = load.Job("GET", f"/reviews/{review}/edit/", b"", {"Cookie": cookies})
        if self.step("form page", review, form, _form_ok).outcome != "ok":
            return
        for save in saves:
            self.pause(rng)
            job = load.Job("POST", f"/reviews/{review}/autosave/", save, _headers(port, cookies, save))
            if self.step("autosave", review, job, _saved).outcome != "ok":
                return
        self.pause(rng)
        job = load.Job("POST", f"/reviews/{review}/edit/", submit, _headers(port, cookies, submit))
        if self.step("submit", review, job, submissions.submitted).outcome == "ok":
            with self.lock:
                self.confirmed.add(review)
                self.flows += 1


def run(
    port: int,
    accounts: list[tuple[int, str]],
    readers: list[Reader],
    catalog: CatalogVersion,
    *,
    indicators: int,
    users: int = 200,
    seconds: float = 60,
    grace: float = 120,
    think: float = 2.0,
    cpu: Callable[[], tuple[float, float]] = lambda: (0.0, 0.0),
) -> dict[str, Any]:
    last_start = time.monotonic() + seconds
    members = Members(port, accounts, catalog, think, (last_start, last_start + grace))
    members_done = threading.Event()

    def member(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - pauses, not security
        time.sleep(rng.uniform(0, min(5.0, seconds / 4)))  # not all at the same instant
        try:
            while (account := members.next_account()) is not None:
                members.flow(*account, rng)
        except TimeUp:
            return

    def reader(who: Reader) -> None:
        job = load.Job("GET", who.path, b"", {"Cookie": cookie_header(who.session_key)})
        try:
            while not members_done.is_set():
                members.step("dashboard", 0, job, _status(200))
                members_done.wait(think)
        except TimeUp:
            return

    member_threads = [threading.Thread(target=member, args=(i,), daemon=True) for i in range(users)]
    reader_threads = [threading.Thread(target=reader, args=(r,), daemon=True) for r in readers]
    began, machine_before, (web_before, db_before) = time.monotonic(), _cpu_times(), cpu()
    for thread in member_threads + reader_threads:
        thread.start()
    for thread in member_threads:
        thread.join(timeout=seconds + grace + 70)
    members_done.set()
    for thread in reader_threads:
        thread.join(timeout=70)
    elapsed = time.monotonic() - began
    web_after, db_after = cpu()
    attempts = members.recorder.attempts
    answered = sum(1 for a in attempts if a.status) or 1
    integrity = checks.submissions(members.confirmed, members.touched, indicators)
    return {
        "users": users,
        "readers": len(readers),
        "think_s": think,
        "seconds": round(elapsed, 1),
        "requests": summary(attempts),
        "total_requests": len(attempts),
        "errors": sum(a.outcome != "ok" for a in attempts),
        "requests_per_s": round(len(attempts) / elapsed, 1) if elapsed else 0.0,
        "members_started": len(members.touched),
        "submissions_confirmed": len(members.confirmed),
        "grace_s": grace,
        "members_stopped_by_the_clock": len(members.touched - members.confirmed),
        "server_cpu_ms_per_request": {
            "web": round(1000 * (web_after - web_before) / answered, 1),
            "database": round(1000 * (db_after - db_before) / answered, 1),
        },
        "server_cores_used": round((web_after - web_before + db_after - db_before) / elapsed, 2) if elapsed else 0.0,
        "machine_cpu": _cpu_shares(machine_before, _cpu_times()),
        "integrity": integrity.as_json(),
    }
