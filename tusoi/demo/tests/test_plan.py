"""The generator alone (no database): determinism across processes, and the names it makes."""

import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tusoi.core.text import fold

from ..names import EXCLUDED_NAMES, FEMALE_GIVEN, MALE_GIVEN, EmailBook, PersonName, person_name
from ..plan import build_plan

DAY = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def digest() -> str:
    return build_plan(DAY).digest()


def test_the_same_day_gives_the_same_plan(digest):
    assert build_plan(DAY).digest() == digest


def test_another_process_with_another_hash_seed_gives_the_same_plan(digest):
    # Set or dict iteration that depended on str hashing would differ between processes.
    script = (
        "import django; django.setup(); from datetime import date; from tusoi.demo.plan import build_plan; "
        f"print(build_plan(date({DAY.year}, {DAY.month}, {DAY.day})).digest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242", "DJANGO_SETTINGS_MODULE": "tusoi.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == digest


def test_only_dates_follow_the_load_day():
    first, later = build_plan(DAY), build_plan(date(2027, 3, 1))
    assert [m.full_name for m in first.members()] == [m.full_name for m in later.members()]
    assert [m.card_number for m in first.members()] == [m.card_number for m in later.members()]
    assert first.digest() != later.digest()


def test_given_names_match_gender_and_no_famous_name_is_made():
    rng = random.Random(1)
    for _ in range(5000):
        female = rng.random() < 0.5
        name = person_name(rng, female=female)
        assert name.given in (FEMALE_GIVEN if female else MALE_GIVEN)
        assert fold(name.full) not in EXCLUDED_NAMES
        assert name.middle.split()[-1] != name.given


def test_email_book_gives_unique_folded_addresses():
    book = EmailBook()
    name = PersonName("Nguyễn", "Thị Thu", "Hà")
    addresses = [book.address(name) for _ in range(3)]
    assert addresses == ["ha.nguyen@example.vn", "ha.ttnguyen@example.vn", "ha.ttnguyen2@example.vn"]
    assert book.address(PersonName("Đặng", "Đức", "Đạt")) == "dat.dang@example.vn"
