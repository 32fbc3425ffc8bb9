from base64 import b32decode

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.accounts import selectors, services

pytestmark = pytest.mark.django_db
KEY = "3132333435363738393031323334353637383930"  # RFC 6238 test key "12345678901234567890"


def test_demo_device_secret_lets_a_script_compute_codes(org):
    user = org.users["bloc_office"]
    device = services.totp_device_create_confirmed(user, key_hex=KEY)
    secret = services.totp_secret_base32(device)
    assert secret == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    code = TOTP(b32decode(secret)).token()
    outcome = services.second_factor_verify(user=user, code=f"{code:06d}")
    assert outcome.device == device
    assert outcome.method == "totp"


def test_demo_device_replaces_earlier_devices(org):
    user = org.users["bloc_office"]
    services.totp_device_create_confirmed(user, key_hex=KEY)
    device = services.totp_device_create_confirmed(user, key_hex=KEY.upper())
    assert list(TOTPDevice.objects.filter(user=user)) == [device]
    assert selectors.totp_device_confirmed(user) == device


def test_demo_device_rejects_a_key_that_is_not_hex(org):
    with pytest.raises(ValidationError):
        services.totp_device_create_confirmed(org.users["bloc_office"], key_hex="not-hex")
    assert not TOTPDevice.objects.exists()


def test_pending_device_is_reused_and_not_usable_before_confirmation(org):
    user = org.users["member_a"]
    device = services.totp_device_pending(user=user)
    assert services.totp_device_pending(user=user) == device
    assert not selectors.has_usable_second_factor(user)
    code = f"{TOTP(device.bin_key).token():06d}"
    assert services.second_factor_verify(user=user, code=code).device is None


@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_recovery_codes_regenerate_invalidates_old_ones(org):
    user = org.users["member_a"]
    old = services.recovery_codes_regenerate(user=user)
    new = services.recovery_codes_regenerate(user=user)
    assert len(new) == services.RECOVERY_CODE_COUNT
    assert selectors.recovery_codes_remaining(user) == services.RECOVERY_CODE_COUNT
    assert services.second_factor_verify(user=user, code=old[0]).device is None
    typed = new[0].upper().replace("O", "0").replace("L", "1").replace("B", "8")
    outcome = services.second_factor_verify(user=user, code=typed)
    assert outcome.method == "recovery"
    assert outcome.device is not None
    assert selectors.recovery_codes_remaining(user) == services.RECOVERY_CODE_COUNT - 1


def test_password_change_service_enforces_validators(org):
    user = org.users["member_a"]
    with pytest.raises(ValidationError):
        services.user_password_change(user=user, new_password="short")
    user.refresh_from_db()
    assert not user.check_password("short")


def test_recovery_code_typed_with_look_alike_digits_is_accepted(org):
    user = org.users["member_a"]
    services.recovery_codes_regenerate(user=user)
    token = StaticToken.objects.filter(device__user=user).first()
    assert token is not None
    token.token = "lob23456"
    token.save()
    outcome = services.second_factor_verify(user=user, code="1 0 8 2-3456")
    assert outcome.device is not None
    assert not StaticToken.objects.filter(token="lob23456").exists()
