"""The automated accessibility check: axe-core (vendored, see vendor/README.md) run in the page.

`check(page)` injects axe and runs it on the page as it is now; a violation of impact "serious" or
"critical" fails the test (axe's `label` rule, among others, requires every form control to have a
label). The tracker remembers every address a page has navigated to, so that a test which opens a
page and never checks it fails too (the `new_page` fixture asserts it at the end).
"""

import json
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

AXE_VERSION = "4.14.1"
AXE = Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
AXE_URL_PATH = f"/__browser-tests__/axe-core-{AXE_VERSION}.min.js"
_routed: "WeakKeyDictionary[Any, None]" = WeakKeyDictionary()
_trackers: "WeakKeyDictionary[Any, A11yTracker]" = WeakKeyDictionary()


def _address(url: str) -> str:
    return url.split("#", 1)[0]


class A11yTracker:
    """Addresses opened by the pages of one test, and whether each was checked after it was opened."""

    def __init__(self) -> None:
        self.pending: dict[str, None] = {}
        self.checked: list[str] = []
        self.minor: dict[str, set[str]] = {}  # rule id → addresses, for impacts below "serious"

    def watch(self, page: Any) -> None:
        _trackers[page] = self

        def loaded(page: Any) -> None:  # a new document (not a same-page history.pushState)
            if page.url.startswith("http"):
                self.pending[_address(page.url)] = None

        page.on("load", loaded)

    def unchecked(self) -> list[str]:
        return list(self.pending)


def _describe(violation: dict[str, Any]) -> str:
    nodes = "\n".join(
        f"      {', '.join(node['target'])}: {node['html'][:160]}\n        {node.get('failureSummary', '')[:300]}"
        for node in violation["nodes"][:5]
    )
    return f"  [{violation['impact']}] {violation['id']}: {violation['help']}\n{nodes}"


def _inject(page: Any) -> None:
    """Add axe to the page as a script from the page's own origin, which the browser intercepts and
    answers with the vendored file: the site's Content-Security-Policy (scripts from 'self' only,
    no inline script) stays in force, and the server never sees the request."""
    origin = page.evaluate("location.origin")
    url = f"{origin}{AXE_URL_PATH}"
    if page not in _routed:
        page.route(url, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
        _routed[page] = None
    page.add_script_tag(url=url)


def check(page: Any) -> None:
    """Run axe on the page; fail on serious or critical violations."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        _inject(page)
    result = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html,
                                          failureSummary: n.failureSummary}))}));
        }"""
    )
    address = _address(page.url)
    tracker = _trackers.get(page)
    if tracker is not None:
        tracker.pending.pop(address, None)
        tracker.checked.append(address)
        for violation in result:
            if violation["impact"] not in FAILING_IMPACTS:
                tracker.minor.setdefault(violation["id"], set()).add(address)
    failing = [v for v in result if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"accessibility violations on {address}:\n" + "\n".join(map(_describe, failing))


def summary(tracker: A11yTracker) -> str:
    """Minor findings (not failing), for a person reading the test's output."""
    return json.dumps({rule: sorted(addresses) for rule, addresses in tracker.minor.items()}, indent=1)
