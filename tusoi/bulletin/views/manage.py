"""The editors' pages: every post with its state, the post form, preview, publish and unpublish.

Only `can_edit_bulletin` users (bloc office, administrators) get here; anyone else signed in gets 404
and an anonymous visitor the login page. A preview never counts as a reading.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tusoi.campaigns.models import Campaign
from tusoi.policy import can_edit_bulletin, editable_posts, public_posts, user_scope, visible_campaigns
from tusoi.policy.stats import can_view_stats, stats_campaigns

from ..forms import FromCampaignForm, PostForm
from ..models import Post
from ..selectors import MANAGE_PAGE_SIZE, other_posts, page_of, pager_window
from ..services import post_create, post_create_from_campaign, post_publish, post_unpublish, post_update
from .public import image_response, portal_name

FORM_FIELDS = ("title", "summary", "body", "image_caption", "author", "published_at", "campaign")


def require_editor(request: HttpRequest) -> None:
    if not can_edit_bulletin(request.user):
        raise Http404


def editable_post(request: HttpRequest, pk: int) -> Post:
    require_editor(request)
    return get_object_or_404(editable_posts(request.user).select_related("campaign"), pk=pk)


def _campaign_choices(request: HttpRequest, post: Post | None = None) -> QuerySet[Campaign]:
    """Campaigns the editor can see, plus the one the post already names."""
    q = Q(pk__in=visible_campaigns(request.user).values("pk"))
    if post is not None and post.campaign_id:
        q |= Q(pk=post.campaign_id)
    return Campaign.objects.filter(q).select_related("issuer").order_by("-year", "plan_number")


def _default_author(request: HttpRequest) -> str:
    member = user_scope(request.user).member
    return member.full_name if member else request.user.get_full_name()  # type: ignore[union-attr]


def _save_errors(form: PostForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(request: HttpRequest, form: PostForm, post: Post | None) -> HttpResponse:
    if form.lost_upload:
        messages.warning(request, _("The chosen image was not saved: choose it again after correcting the form."))
    return render(request, "bulletin/form.html", {"form": form, "post": post})


@login_required
@require_safe
def manage_list(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    posts = editable_posts(request.user).select_related("campaign").defer("body")
    posts = posts.order_by("status", F("published_at").desc(nulls_first=True), "-created_at")
    page = page_of(posts, request.GET.get("page"), MANAGE_PAGE_SIZE)
    context = {"page": page, "pager": pager_window(page), "now": timezone.now(), "from_campaign": True}
    return render(request, "bulletin/manage.html", context)


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        campaigns=_campaign_choices(request),
        initial={"author": _default_author(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FORM_FIELDS}
        try:
            post = post_create(actor=request.user, image=form.cleaned_data["image"], **data)
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("The draft is saved. Check the preview, then publish it."))
            return redirect("bulletin:preview", post.pk)
    return _form_page(request, form, None)


@login_required
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = editable_post(request, pk)
    initial: dict[str, Any] = {name: getattr(post, name) for name in FORM_FIELDS}
    if post.published_at:
        initial["published_at"] = timezone.localtime(post.published_at)
    form = PostForm(
        request.POST or None, request.FILES or None, campaigns=_campaign_choices(request, post), initial=initial
    )
    # A published post keeps a publication time (the form shows it; clearing it is refused).
    form.fields["published_at"].required = post.is_published
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FORM_FIELDS}
        try:
            post_update(
                post=post,
                actor=request.user,
                image=form.cleaned_data["image"],
                remove_image=form.cleaned_data["remove_image"],
                **data,
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("bulletin:preview", post.pk)
    return _form_page(request, form, post)


@login_required
@require_safe
def preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = editable_post(request, pk)
    context = {
        "post": post,
        "preview": True,
        "others": other_posts(public_posts(), post),
        "portal_name": portal_name(),
        "can_edit": True,
        "now": timezone.now(),
    }
    return render(request, "bulletin/detail.html", context)


@login_required
@require_safe
def preview_image(request: HttpRequest, pk: int) -> FileResponse:
    post = editable_post(request, pk)
    if not post.image:
        raise Http404
    return image_response(post, public=False)


@login_required
@require_POST
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = editable_post(request, pk)
    try:
        post = post_publish(post=post, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        assert post.published_at is not None
        if post.published_at > timezone.now():
            when = date_format(timezone.localtime(post.published_at), "SHORT_DATETIME_FORMAT")
            messages.success(request, _("The post is published; it will appear on %(when)s.") % {"when": when})
        else:
            messages.success(request, _("The post is published."))
    return redirect("bulletin:preview", post.pk)


@login_required
@require_POST
def unpublish_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = editable_post(request, pk)
    try:
        post_unpublish(post=post, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The post is withdrawn from the public pages and is a draft again."))
    return redirect("bulletin:preview", post.pk)


def _reportable_campaigns(request: HttpRequest) -> QuerySet[Campaign]:
    """Published or closed campaigns whose statistics the editor may see for the issuing unit."""
    campaigns = stats_campaigns(request.user).select_related("issuer")
    allowed = [c.pk for c in campaigns if can_view_stats(request.user, c.issuer)]
    return Campaign.objects.filter(pk__in=allowed).select_related("issuer").order_by("-year", "plan_number")


@login_required
def from_campaign_view(request: HttpRequest) -> HttpResponse:
    """Fill a new draft from a campaign's figures (for the issuing unit's whole subtree)."""
    require_editor(request)
    form = FromCampaignForm(request.POST or None, campaigns=_reportable_campaigns(request))
    if request.method == "POST" and form.is_valid():
        campaign = form.cleaned_data["campaign"]
        post = post_create_from_campaign(
            campaign=campaign, unit=campaign.issuer, actor=request.user, author=_default_author(request)
        )
        messages.success(
            request,
            _("A draft was written from the figures of %(plan)s. Complete it, check it, then publish it.")
            % {"plan": campaign.plan_number},
        )
        return redirect("bulletin:edit", post.pk)
    return render(request, "bulletin/from_campaign.html", {"form": form})
