from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.TusoiLoginView.as_view(), name="login"),
    path("logout/", views.TusoiLogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    # Every second-factor page lives under otp/: the middleware lets unverified users reach them.
    path("otp/", views.security, name="otp_root"),
    path("otp/verify/", views.otp_verify, name="otp_verify"),
    path("otp/enrol/", views.otp_enrol, name="otp_enrol"),
    path("otp/recovery-codes/", views.otp_recovery_codes, name="otp_recovery_codes"),
]
