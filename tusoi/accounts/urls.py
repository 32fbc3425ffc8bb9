from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"
# Provisional: the accounts work replaces these with the full login / TOTP flow.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("otp/", auth_views.LoginView.as_view(), name="otp_root"),
    path("otp/verify/", auth_views.LoginView.as_view(), name="otp_verify"),
]
