"""The demo accounts as text: the table the command prints, the JSON file, the README section."""

import json
from pathlib import Path

from django.utils.translation import pgettext

from .builders.accounts import DemoAccount

# Vietnamese labels of the account roles, for the README (the accounts file keeps the codes).
ROLE_LABELS_VI = {
    "member": "đảng viên",
    "branch_secretary": "bí thư chi bộ",
    "committee_office": "văn phòng đảng ủy cơ sở",
    "bloc_office": "văn phòng Đảng ủy Khối",
    "admin": "quản trị hệ thống",
}


def accounts_table(accounts: list[DemoAccount]) -> str:
    """A plain-text table with aligned columns."""
    # A context of their own: other apps translate these words for other places.
    header = [
        pgettext("demo accounts table", "Username"),
        pgettext("demo accounts table", "Password"),
        pgettext("demo accounts table", "Role"),
        pgettext("demo accounts table", "TOTP secret"),
        pgettext("demo accounts table", "Unit"),
    ]
    rows = [header] + [[a.username, a.password, a.role, a.totp_secret or "—", a.unit_name] for a in accounts]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join([*(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)), row[-1]]) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in [*widths, len(header[-1])]))
    return "\n".join(lines)


def accounts_markdown(accounts: list[DemoAccount]) -> str:
    """The README's table of demo accounts (Vietnamese with English headers)."""
    lines = [
        "| Tên đăng nhập / Username | Mật khẩu / Password | Vai trò / Role | Đơn vị / Unit | Khóa TOTP / TOTP secret |",
        "|---|---|---|---|---|",
    ]
    for a in accounts:
        role = f"`{a.role}` ({ROLE_LABELS_VI[a.role]})"
        secret = f"`{a.totp_secret}`" if a.totp_secret else "—"
        unit = f"{a.unit_name} (`{a.unit_code}`)"
        lines.append(f"| `{a.username}` | `{a.password}` | {role} | {unit} | {secret} |")
    return "\n".join(lines)


def write_accounts_file(path: Path, accounts: list[DemoAccount]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps([a.as_json() for a in accounts], ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")
