import factory
from django.contrib.auth import get_user_model

from servicedesk.accounts.models import Membership, Role, Shop


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Shop {n}")
    code = factory.Sequence(lambda n: f"shop-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def _saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    shop = factory.SubFactory(ShopFactory)
    role = Role.ADVISOR


def staff(username: str, shop: Shop, role: str, **kwargs):
    """A user who works at ``shop`` in ``role``."""
    user = UserFactory(username=username)
    MembershipFactory(user=user, shop=shop, role=role, **kwargs)
    return user


def as_ids(fields: dict, *names: str) -> dict:
    """A factory's ``fields`` with the records ``names`` (given to it as records) turned into the
    ids the service takes (``customer`` → ``customer_pk``; CONVENTIONS §9)."""
    for name in names:
        if name in fields:
            record = fields.pop(name)
            fields[f"{name}_pk"] = None if record is None else record.pk
    return fields
