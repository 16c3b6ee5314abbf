"""Who may do what with accounts' own records (shops' records have their apps' tables)."""


def may_manage_every_token(user) -> bool:
    """An administrator — a superuser, or staff given "Can delete API token" in the admin — sees
    and revokes every user's API tokens; everyone else only their own."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and user.has_perm("accounts.delete_apitoken")
    )
