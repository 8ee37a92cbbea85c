"""Ids posted by admin forms' buttons: a number that fits a database id, or
None, so that a tampered value finds nothing instead of raising a server error."""

MAX_ID = 2**63 - 1


def posted_id(request, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
