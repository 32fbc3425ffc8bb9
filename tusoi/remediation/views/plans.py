from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@login_required
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "remediation/index.html", {})
