"""The core's messages about the work report in the active language (by their code); a
code without a template here, and every message in Chinese, is the core's official text."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongkai.core.workcalendar import Message, chinese

TEMPLATES = {
    "figure.not_a_number": _("“%(label)s” must be a number, not “%(value)s”."),
    "figure.negative": _("“%(label)s” cannot be negative (%(value)s)."),
    "figure.not_whole": _("“%(label)s” must be a whole number (%(value)s)."),
    "figure.percent_range": _("“%(label)s” must be between 0 and 100 (%(value)s)."),
    "figure.percent_precision": _("“%(label)s” has at most 1 decimal (%(value)s)."),
    "figure.text_too_long": _("“%(label)s” has at most %(limit)s characters (%(length)s)."),
    "figure.too_large": _("“%(label)s” is too large: at most %(limit)s (%(value)s)."),
}


def render_message(message: Message) -> str:
    template = TEMPLATES.get(message.code)
    if template is None or (get_language() or "zh").startswith("zh"):
        return message.text
    return str(template) % {name: chinese(value) for name, value in message.params.items()}
