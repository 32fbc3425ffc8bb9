"""The public bulletin: the list of published posts, a post, its picture.

These are the product's only pages open to everyone (`tusoi.policy.PUBLIC_URL_NAMES`): marked
`login_not_required`, let through by the second-factor middleware, and built from `public_posts()`
alone, so the visitor's identity changes nothing on them. A draft or a post whose publication time
has not come answers 404.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from tusoi.org.models import Unit, UnitKind
from tusoi.policy import can_edit_bulletin, public_posts

from ..forms import DateFilterForm
from ..models import Post
from ..selectors import PUBLIC_PAGE_SIZE, newest_first, other_posts, page_of, pager_window, posts_between
from ..services import post_record_view

FILTER_KEYS = ("start", "end")


def portal_name() -> str:
    """The bloc's name for the masthead (public: it is the publisher)."""
    bloc = Unit.objects.filter(kind=UnitKind.BLOC, depth=1).order_by("path").only("name").first()
    return bloc.name if bloc else ""


@login_not_required
@require_safe
def post_list(request: HttpRequest) -> HttpResponse:
    form = DateFilterForm(request.GET if any(request.GET.get(k) for k in FILTER_KEYS) else None)
    posts = public_posts()
    if form.is_filtering:
        posts = posts_between(posts, form.cleaned_data["start"], form.cleaned_data["end"])
    page = page_of(newest_first(posts), request.GET.get("page"), PUBLIC_PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "pager": pager_window(page),
        "portal_name": portal_name(),
        "can_edit": can_edit_bulletin(request.user),
    }
    return render(request, "bulletin/list.html", context)


@login_not_required
@require_safe
def post_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    post = get_object_or_404(public_posts(), pk=pk)
    if slug != post.slug:
        return redirect(post, permanent=True)
    if request.method == "GET":
        post_record_view(post=post)
        post.refresh_from_db(fields=["views"])
    context = {
        "post": post,
        "others": other_posts(public_posts(), post),
        "portal_name": portal_name(),
        "can_edit": can_edit_bulletin(request.user),
    }
    return render(request, "bulletin/detail.html", context)


@login_not_required
@require_safe
def post_image(request: HttpRequest, pk: int) -> FileResponse:
    post = get_object_or_404(public_posts().exclude(image=""), pk=pk)
    return image_response(post, public=True)


def image_response(post: Post, *, public: bool) -> FileResponse:
    """The stored picture with the type read from its content when it was uploaded."""
    try:
        handle = post.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=post.image_type)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
