"""Django's own validation messages that read stiffly in Chinese ("确保该变量包含不超过 80 字符"),
said again here so that makemessages keeps them in the project catalog (locale/), which Django
reads before its own: the person at the counter reads "最多 80 个字符，现在有 81 个。".

Nothing imports this module; the msgids must stay exactly Django's (django/core/validators.py).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

WORDS = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
)
