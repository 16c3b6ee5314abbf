from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk.schema import NOT_FOUND
from servicedesk.security import LoginThrottle

from .models import ApiToken, GroupRole
from .selectors import (
    api_tokens_for_user,
    groups_for_user,
    memberships_for_user,
    shop_get_for_user,
    shop_hours_rows,
    user_language,
)
from .services import api_token_create, api_token_revoke, user_set_language

BAD_CREDENTIALS = _("Unable to log in with the given username and password.")


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )
    name = serializers.CharField(
        max_length=100,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("What the token is for (the client's name), shown in the list of tokens."),
    )


class TokenApi(APIView):
    """Exchange a username and password for a new API token. Each call issues another (one per
    client); each expires after API_TOKEN_TTL_DAYS and all end when the password changes."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    # Per username and address, not the anonymous rate per address: a shop's office behind one
    # NAT logs in together. django-axes locks out a username after repeated failures.
    throttle_classes = [LoginThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "TokenResponse",
                {
                    "token": serializers.CharField(),
                    "id": serializers.IntegerField(),
                    "expires_at": serializers.DateTimeField(),
                },
            ),
            400: inline_serializer("TokenError", {"non_field_errors": serializers.ListField()}),
            429: inline_serializer(
                "LockedOut", {"detail": serializers.CharField(), "code": serializers.CharField()}
            ),
        },
        auth=[],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # django-axes counts failures on the Django request (DRF's wrapper would hide its marks
        # from AxesMiddleware, which answers a locked-out client with 429).
        user = authenticate(
            request=request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
        token, key = api_token_create(user=user, name=data.validated_data["name"])
        return Response({"token": key, "id": token.pk, "expires_at": token.expires_at})


class MembershipSerializer(serializers.Serializer):
    shop_id = serializers.IntegerField()
    shop_code = serializers.CharField(source="shop.code")
    shop_name = serializers.CharField(source="shop.name")
    role = serializers.CharField()
    on_duty = serializers.BooleanField()


LANGUAGE_HELP = _(
    "The language the user chose: the site and every message to them (emails, reminders) are "
    "written in it. Blank: none chosen, messages are in the language of the shop they are about."
)


class MeGroupShopSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MeGroupSerializer(serializers.Serializer):
    """A group of shops the user belongs to: their role in it and its shops, whose reports they
    read."""

    id = serializers.IntegerField(source="group.id")
    name = serializers.CharField(source="group.name")
    code = serializers.CharField(source="group.code")
    role = serializers.ChoiceField(choices=GroupRole.choices)
    shops = MeGroupShopSerializer(source="group.shops.all", many=True)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, allow_blank=True, help_text=LANGUAGE_HELP
    )
    memberships = MembershipSerializer(many=True)
    groups = MeGroupSerializer(many=True)


class MeUpdateSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, allow_blank=True, help_text=LANGUAGE_HELP
    )


class MeApi(APIView):
    """Who the caller is: user, own language, shops and role in each. PATCH changes the
    caller's own language (what the language switcher in the site's top bar also stores)."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(self._me(request.user))

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer)
    def patch(self, request):
        data = MeUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user_set_language(user=request.user, language=data.validated_data["language"])
        return Response(self._me(request.user))

    @staticmethod
    def _me(user) -> dict:
        """``MeSerializer``'s shape, made directly: the floor of every client's start."""
        memberships = memberships_for_user(user)  # the language comes with them (identity)
        return {
            "id": user.pk,
            "username": user.username,
            "full_name": user.get_full_name(),
            "email": user.email,
            "language": user_language(user),
            "memberships": [
                {
                    "shop_id": m.shop_id,
                    "shop_code": m.shop.code,
                    "shop_name": m.shop.name,
                    "role": m.role,
                    "on_duty": m.on_duty,
                }
                for m in memberships
            ],
            "groups": [
                {
                    "id": gm.group.pk,
                    "name": gm.group.name,
                    "code": gm.group.code,
                    "role": gm.role,
                    "shops": [
                        {"id": s.pk, "code": s.code, "name": s.name} for s in gm.group.shops.all()
                    ],
                }
                for gm in groups_for_user(user)
            ],
        }


class ApiTokenSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    current = serializers.SerializerMethodField(
        help_text=_("Whether this is the token the request was made with.")
    )

    class Meta:
        model = ApiToken
        fields = [
            "id", "username", "name", "prefix", "created_at", "expires_at", "last_used_at",
            "current",
        ]  # fmt: skip
        read_only_fields = fields

    def get_current(self, obj) -> bool:
        auth = getattr(self.context.get("request"), "auth", None)
        return isinstance(auth, ApiToken) and auth.pk == obj.pk


class ApiTokenListApi(generics.ListAPIView):
    """The caller's API tokens that have not expired (an administrator's: everyone's). The key
    itself is never shown again: ``prefix`` tells them apart."""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()  # for the schema; the list is get_queryset's

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return api_tokens_for_user(user=self.request.user)


class ApiTokenApi(APIView):
    """Revoke a token: one's own, or anyone's for an administrator."""

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        api_token_revoke(user=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BusinessHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="ISO weekday, 1 = Monday.")
    opens = serializers.TimeField()
    closes = serializers.TimeField()


class HolidaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()


class ShopSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    timezone = serializers.CharField()
    business_hours = BusinessHoursSerializer(
        many=True,
        help_text="Open hours per weekday in the shop's time zone; a weekday not listed is "
        "closed. Empty: open around the clock (the clocks count wall time).",
    )
    holidays = HolidaySerializer(many=True)


class ShopApi(APIView):
    """One of the caller's shops with its business hours and holidays (another shop: 404)."""

    @extend_schema(responses={200: ShopSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        shop = shop_get_for_user(user=request.user, pk=pk)
        rows = shop_hours_rows(shop_id=shop.pk)
        data = {
            "id": shop.pk,
            "name": shop.name,
            "code": shop.code,
            "timezone": shop.timezone,
            "business_hours": [
                {"weekday": weekday, "opens": opens, "closes": closes}
                for weekday, (opens, closes) in sorted(rows["hours"].items())
            ],
            "holidays": [{"date": on, "name": name} for on, name in rows["holidays"]],
        }
        return Response(ShopSerializer(data).data)
