from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk.security import LoginThrottle

from .selectors import memberships_for_user

BAD_CREDENTIALS = _("Unable to log in with the given username and password.")


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenApi(APIView):
    """Exchange a username and password for the user's API token."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    # Per username and address, not the anonymous rate per address: a shop's office behind one
    # NAT logs in together. django-axes locks out a username after repeated failures.
    throttle_classes = [LoginThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
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
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MembershipSerializer(serializers.Serializer):
    shop_id = serializers.IntegerField()
    shop_code = serializers.CharField(source="shop.code")
    shop_name = serializers.CharField(source="shop.name")
    role = serializers.CharField()
    on_duty = serializers.BooleanField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()
    memberships = MembershipSerializer(many=True)


class MeApi(APIView):
    """Who the caller is: user, shops and role in each."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        data = MeSerializer(
            {
                "id": user.pk,
                "username": user.username,
                "get_full_name": user.get_full_name(),
                "email": user.email,
                "memberships": memberships_for_user(user),
            }
        ).data
        return Response(data)
