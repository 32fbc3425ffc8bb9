"""`loaddemo` refuses to mix the demo into an organisation that already exists."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tusoi.org.models import Member, Unit


def test_refuses_a_database_with_other_units(org):
    before = (Unit.objects.count(), Member.objects.count())
    with pytest.raises(CommandError, match="đơn vị"):
        call_command("loaddemo", stdout=StringIO())
    assert (Unit.objects.count(), Member.objects.count()) == before


def test_refuses_when_a_demo_username_is_taken(django_user_model):
    django_user_model.objects.create_user(username="bithu1", password="x-not-used-123456")
    with pytest.raises(CommandError, match="bithu1"):
        call_command("loaddemo", stdout=StringIO())
    assert not Unit.objects.exists()
