"""What a page must do with bad input: strategies of hostile values and the checks on the answer."""

import re
from typing import Any

from django.contrib.messages import get_messages
from django.contrib.messages.constants import ERROR, WARNING
from django.http import HttpResponse
from django.utils.html import escape
from hypothesis import strategies as st

# Vietnamese letters with diacritics: a message in Vietnamese has at least one.
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
_ERROR_BLOCK = re.compile(
    r'<(div|ul|p|span|li)\b[^>]*class="[^"]*\b(invalid-feedback|alert-danger|errorlist|alert-warning|err|text-danger)\b[^"]*"[^>]*>'
    r"(.*?)</\1>",
    re.S,
)
SPECIALS = [
    "",
    " ",
    "   \t  ",
    "\n\n",
    "\x00",
    "Nguyễn\x00Văn",
    "\x01\x02\x1b\x7f",
    "\u202eRTL override\u202c",
    "\u200f\u200e\u200b\ufeff",
    "😀👨‍👩‍👧‍👦🇻🇳",
    "e\u0301\u0302\u0303\u0323" * 50,
    "Nguye\u0302\u0303n",  # decomposed Vietnamese (NFD)
    "Đ" * 10_050,
    "x" * 100_000,
    "-1",
    "0",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "-0",
    "31/02/2026",
    "2026-13-45",
    "0000-00-00",
    "99/99/9999",
    "25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "☃" * 3,
]
TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(SPECIALS),
    st.text(alphabet=st.sampled_from("\x00\u202e\u200f\u0301\u0323 aĐ😀\t\n\r<>&\"'"), max_size=40),
    st.integers().map(str),
    st.integers(min_value=10_001, max_value=12_000).map(lambda n: "ữ" * n),
)
CHARSETS = ["latin-1", "utf-16", "shift_jis", "koi8-r", "utf-8", "x-unknown-charset", "ascii"]


def has_nul(value: Any) -> bool:
    return isinstance(value, str) and "\x00" in value


def error_texts(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", " ", m.group(3)) for m in _ERROR_BLOCK.finditer(html)]


def vietnamese_error_shown(html: str) -> bool:
    return any(VIETNAMESE.search(text) for text in error_texts(html))


def message_texts(response: HttpResponse, levels: tuple[int, ...] = (ERROR, WARNING)) -> list[str]:
    request = getattr(response, "wsgi_request", None)
    if request is None:
        return []
    return [str(m) for m in get_messages(request) if m.level in levels]


def html_of(response: HttpResponse) -> str:
    if response.get("Content-Type", "").startswith("text/html") and hasattr(response, "content"):
        return response.content.decode("utf-8", "replace")
    return ""


def shown(value: str, html: str) -> bool:
    """The value is in the page as typed (escaped like Django escapes it)."""
    value = value.replace("\r\n", "\n")
    return escape(value) in html or escape(value.strip()) in html or value in html


def refused_clearly(response: HttpResponse) -> bool:
    """A refusal the user understands: the form again with a Vietnamese message, or a redirect that
    carries one."""
    if response.status_code in (200, 400, 409, 422):
        return vietnamese_error_shown(html_of(response))
    if response.status_code in (301, 302, 303):
        return any(VIETNAMESE.search(text) for text in message_texts(response))
    return False


def why(response: Any) -> str:
    """What the user saw, for an assertion message."""
    html = html_of(response)
    return f"errors={error_texts(html)} messages={message_texts(response, (10, 20, 25, 30, 40))} len={len(html)}"
