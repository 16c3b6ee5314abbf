from django import template

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds as 4:05, or 1:04:05 past an hour; blank for None."""
    if seconds is None:
        return ""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
