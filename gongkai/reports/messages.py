"""The core's messages about the annual report in the active language (by their code); a
code without a template here keeps the core's official Chinese text."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from gongkai.core.workcalendar import Message, Param

TEMPLATES = {
    "figure.not_a_number": _("%(cell)s must be a number, not “%(value)s”."),
    "figure.negative": _("%(cell)s cannot be negative (%(value)s)."),
    "figure.not_whole": _("%(cell)s must be a whole number (%(value)s)."),
    "figure.too_precise": _("%(cell)s has at most %(places)s decimals (%(value)s)."),
    "figure.too_large": _("%(cell)s is too large: at most %(limit)s (%(value)s)."),
    "deadline.not_yet": _(
        "The %(year)s annual report is due by %(due)s; reminders start on %(remind)s."
    ),
    "deadline.days_left": _("The %(year)s annual report is due by %(due)s: %(days)s day(s) left."),
    "deadline.today": _("The %(year)s annual report is due today (%(due)s)."),
    "deadline.overdue": _("The %(year)s annual report was due by %(due)s: %(days)s day(s) late."),
    "deadline.published": _("The %(year)s annual report was published on %(published)s."),
}


def render_message(message: Message) -> str:
    template = TEMPLATES.get(message.code)
    if template is None:
        return message.text
    return str(template) % {name: _param(value) for name, value in message.params.items()}


def _param(value: Param) -> str:
    if isinstance(value, Message):
        return render_message(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
