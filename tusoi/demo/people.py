"""Synthetic party members: names, card numbers, birth and admission dates, job titles.

Every date is an offset from the load day (`today`), so a probationary member was always admitted
within the last twelve months, whatever day the demo is loaded. The same seed and day give the same
people.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tusoi.org.models import Gender

from .names import EmailBook, PersonName, person_name

# Start of the branch and committee terms the demo's committee roles belong to.
TERM_START = date(2020, 10, 1)
PROBATIONARY_SHARE = 0.1  # of the members who can hold no role: about 7 % of all members
FEMALE_SHARE = 0.47

# Job titles by field of work: (titles of heads, titles of staff).
JOB_TITLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "office": (
        ("Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng", "Phó Giám đốc", "Chi cục trưởng"),
        ("Chuyên viên", "Chuyên viên chính", "Kế toán viên", "Thanh tra viên", "Văn thư", "Cán sự"),
    ),
    "party": (
        ("Chánh Văn phòng", "Trưởng ban", "Phó Trưởng ban", "Phó Chánh Văn phòng"),
        ("Chuyên viên Ban Tổ chức", "Chuyên viên Ban Tuyên giáo", "Chuyên viên Ủy ban Kiểm tra",
         "Chuyên viên Văn phòng", "Kế toán", "Văn thư"),
    ),
    "health": (
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng", "Điều dưỡng trưởng"),
        ("Bác sĩ", "Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Dược sĩ", "Kỹ thuật viên", "Hộ sinh", "Kế toán"),
    ),
    "college": (
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng", "Phó Hiệu trưởng"),
        ("Giảng viên", "Giảng viên", "Giảng viên chính", "Chuyên viên", "Kế toán"),
    ),
    "school": (
        ("Tổ trưởng chuyên môn", "Phó Hiệu trưởng", "Tổ phó chuyên môn"),
        ("Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên văn phòng", "Kế toán"),
    ),
    "media": (
        ("Trưởng phòng", "Phó Trưởng phòng", "Phó Giám đốc"),
        ("Phóng viên", "Biên tập viên", "Kỹ thuật viên", "Quay phim", "Diễn viên", "Chuyên viên"),
    ),
    "enterprise": (
        ("Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Đội trưởng"),
        ("Kỹ sư", "Nhân viên", "Kế toán", "Công nhân kỹ thuật", "Nhân viên kinh doanh"),
    ),
}  # fmt: skip


@dataclass
class PlannedMember:
    """One generated member, not yet saved. `senior` members can hold roles since `TERM_START`."""

    name: PersonName
    gender: str
    birth_date: date
    card_number: str
    email: str
    position: str
    is_probationary: bool
    admitted_on: date
    full_member_on: date | None
    joined_on: date  # start of the open membership in this branch
    senior: bool

    @property
    def full_name(self) -> str:
        return self.name.full


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _between(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end] (start if the range is empty)."""
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, span)) if span > 0 else start


class PeopleFactory:
    """Generates members one by one from one random stream, with unique cards and e-mails."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        # Dates draw from a stream of their own: another load day changes dates, never names.
        self.dates = random.Random(rng.getrandbits(64))
        self.today = today
        self.emails = EmailBook()
        self._cards: set[str] = set()

    def card_number(self) -> str:
        # Eight digits, the province's two-digit prefix then a serial.
        while True:
            card = f"08{self.rng.randrange(10**6):06d}"
            if card not in self._cards:
                self._cards.add(card)
                return card

    def member(self, *, field: str, senior: bool) -> PlannedMember:
        rng = self.rng
        female = rng.random() < FEMALE_SHARE
        name = person_name(rng, female=female)
        probationary = not senior and rng.random() < PROBATIONARY_SHARE
        if probationary:
            birth, admitted, full_on, joined = self._probationary_dates()
        else:
            birth, admitted, full_on, joined = self._full_member_dates(senior=senior)
        heads, staff = JOB_TITLES[field]
        position = rng.choice(heads if senior and rng.random() < 0.6 else staff)
        return PlannedMember(
            name=name,
            gender=Gender.FEMALE if female else Gender.MALE,
            birth_date=birth,
            card_number=self.card_number(),
            email=self.emails.address(name),
            position=position,
            is_probationary=probationary,
            admitted_on=admitted,
            full_member_on=full_on,
            joined_on=joined,
            senior=senior,
        )

    def _birth(self, youngest: int, oldest: int) -> date:
        age = self.dates.randint(youngest, oldest)
        return add_years(self.today, -age) - timedelta(days=self.dates.randint(1, 364))

    def _probationary_dates(self) -> tuple[date, date, None, date]:
        birth = self._birth(21, 34)
        admitted = self.today - timedelta(days=self.dates.randint(20, 350))
        return birth, admitted, None, admitted

    def _full_member_dates(self, *, senior: bool) -> tuple[date, date, date, date]:
        rng = self.dates
        if senior:
            birth = self._birth(38, 59)
            latest = add_years(TERM_START, -3)
        else:
            birth = self._birth(25, 59)
            latest = self.today - timedelta(days=420)
        # Most members are admitted between 21 and 35; those still too young for that join later.
        admitted = add_years(birth, rng.randint(21, 35)) + timedelta(days=rng.randint(0, 364))
        if admitted > latest:
            admitted = _between(rng, min(add_years(birth, 21), latest), latest)
        full_on = admitted + timedelta(days=365 + rng.randint(0, 45))
        moved_in_until = TERM_START if senior else self.today - timedelta(days=30)
        joined = admitted if rng.random() < 0.6 else _between(rng, admitted, moved_in_until)
        return birth, admitted, full_on, joined
