"""The vocabulary of the declarations: what a way out is, who reads it, how it is requested."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .world import PERSONAS, World

LOGGED_IN = frozenset(PERSONAS) - {"anonymous"}
LOGIN = -302  # a redirect to the log-in page (the admin's own for admin pages)
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Target:
    """One request. `readers` get 200; every other persona is denied: 404 when logged in (like a
    missing object), the login page when anonymous (API: 401). `readers=None` leaves the status
    unchecked (the page is open to every account and differs only in what it lists); `status` pins
    a persona's answer (`"*"`: every logged-in persona) where it is neither of those (`LOGIN`: a
    redirect to the log-in page). Markers are
    always checked against `World.allowed`, whatever the status."""

    url: str
    readers: frozenset[str] | None = None
    status: Mapping[str, int] = field(default_factory=dict)
    htmx: bool = False  # also requested as an htmx partial (HX-Request: true)
    api: bool = False  # sent with the persona's API token instead of a session
    method: str = "get"
    body: str = ""  # JSON body of an API write
    check_status: bool = True  # False: only markers (and no 5xx) are checked

    def expected(self, persona: str) -> int | None:
        if not self.check_status:
            return None
        if persona in self.status:
            return self.status[persona]
        if persona != "anonymous" and "*" in self.status:
            return self.status["*"]
        if persona == "anonymous":
            return 401 if self.api else LOGIN
        if self.readers is None:
            return None
        return 200 if persona in self.readers else 404


Builder = Callable[[World], Iterable[Target]]


@dataclass(frozen=True)
class Reads:
    """A way out that may carry personal or branch-internal content: how to reach it for every
    object of the world."""

    build: Builder


@dataclass(frozen=True)
class Quiet:
    """A way out that carries no personal content, and why."""

    reason: str


Declaration = Reads | Quiet


def each(build: Callable[[World], Iterable[Target]]) -> Reads:
    return Reads(build)


def page(url: str, readers: frozenset[str] | None = None, **kw: object) -> Reads:
    """A page without arguments."""
    return Reads(lambda w: [Target(url, readers, **kw)])  # type: ignore[arg-type]


def post_only(build: Callable[[World], Iterable[str]], anonymous: int = LOGIN) -> Reads:
    """An action answering POST only: a GET must render nothing (405) for every account (some check
    the method before the log-in: `anonymous=405`)."""
    return Reads(lambda w: [Target(url, status={"*": 405, "anonymous": anonymous}) for url in build(w)])


def sampled(w: World, every: int = 5) -> list[str]:
    """Search terms made of markers: every `every`-th marker (the world lists them owner by owner,
    field by field), without the "MK-" that makes a marker, so a page echoing the query does not
    count as showing it, while a page showing the content does."""
    return [marker[3:] for marker in list(w.allowed)[::every]]
