"""Three-way merge of a locality's adapted page with national changes.

The three versions are the national page *then* (the revision the page was
adapted from or last pulled), the national page *now* (its live revision)
and the locality's latest version. StreamField blocks are matched by their
ids, which adapting copies from the national page, so a block keeps its
identity through national and local edits.

For each block (and each plain field, such as the summary):
- changed only nationally: the national version is taken;
- changed only locally: the local version is kept;
- changed on both sides to different values (including one side deleting
  what the other edited): a conflict, which the editor resolves by choosing
  "national" or "local" for that block;
- new on either side: kept where it was added.

Order: if the locality did not reorder the national blocks, the national
order wins (so national moves are taken) with local blocks placed after the
block they follow locally; otherwise the local order wins with new national
blocks placed after the block they follow nationally.

Written here rather than taken from a library: no maintained package merges
Wagtail StreamField data by block id (wagtail-localize and Wagtail's compare
only diff two versions).
"""

import json
import re
from dataclasses import dataclass, field

from history.compare import READER_BLOCK_NAMES

NATIONAL, LOCAL = "national", "local"


@dataclass
class Conflict:
    key: str  # a block id, or "field:<name>"
    label: str
    base: object  # the value national-then (None: absent)
    national: object  # None: deleted nationally
    local: object  # None: deleted locally


@dataclass
class MergeResult:
    fields: dict
    blocks: list
    taken: list = field(default_factory=list)  # labels of national changes taken
    kept: list = field(default_factory=list)  # labels of local changes kept
    conflicts: list = field(default_factory=list)

    @property
    def unresolved(self) -> list:
        return [conflict for conflict in self.conflicts if conflict.key not in self._choices]

    _choices: dict = field(default_factory=dict)


BLOCK_KEY = re.compile(r'\s+data-block-key=(\\?)"[^"\\]*\1"')


def _content(block):
    """What a block *is*, without its id, so that saving unchanged text in the
    editor is not a change: Draftail adds ``data-block-key`` attributes to rich
    text and may change line endings."""
    if block is None:
        return None
    serialised = json.dumps(block.get("value"), sort_keys=True)
    return (block.get("type"), BLOCK_KEY.sub("", serialised).replace("\\r\\n", "\\n"))


def _field(value):
    return None if value is None else str(value).replace("\r\n", "\n").strip()


def block_label(block) -> str:
    """A short human name for a block: its type and the start of its text."""
    if block is None:
        return ""
    value = block.get("value")
    text = ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict):
        text = next((str(v) for v in value.values() if isinstance(v, str) and v.strip()), "")
    text = _strip_tags(text)
    block_type = str(block.get("type", "block"))
    kind = READER_BLOCK_NAMES.get(block_type, block_type.replace("_", " ")).lower()
    return f"{kind}: “{text[:60]}{'…' if len(text) > 60 else ''}”" if text else kind


def block_text(block) -> str:
    """All the text of a block, for reading a conflict side by side."""
    if block is None:
        return ""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item.get("value") if isinstance(item, dict) and "value" in item else item)

    return _strip_tags(" ".join(strings(block.get("value"))))


def _strip_tags(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())


def _decide(key, label, base, national, local, result, choices, compare=_content):
    """The merged value of one item, or a Conflict recorded in result."""
    b, n, lo = compare(base), compare(national), compare(local)
    if n == lo:
        return local
    if n == b:
        if lo != b:
            result.kept.append(label)
        return local
    if lo == b:
        result.taken.append(label)
        return national
    result.conflicts.append(Conflict(key, label, base, national, local))
    choice = choices.get(key)
    if choice == NATIONAL:
        return national
    if choice == LOCAL:
        return local
    return local  # unresolved: keep the local version until the editor chooses


def _ids(blocks):
    return [block["id"] for block in blocks if block.get("id")]


def _order(base_blocks, national_blocks, local_blocks):
    base_ids = _ids(base_blocks)
    national_ids = _ids(national_blocks)
    local_ids = _ids(local_blocks)
    shared_local = [i for i in local_ids if i in base_ids]
    base_in_local = [i for i in base_ids if i in set(shared_local)]
    if shared_local == base_in_local:
        skeleton, extra_from = list(national_ids), local_ids
    else:
        skeleton, extra_from = list(local_ids), national_ids
    for position, block_id in enumerate(extra_from):
        if block_id in skeleton:
            continue
        previous = next((extra_from[j] for j in range(position - 1, -1, -1) if extra_from[j] in skeleton), None)
        skeleton.insert(skeleton.index(previous) + 1 if previous else 0, block_id)
    # Blocks both sides kept but neither order holds (deleted on one side): append them in base order.
    for block_id in [*national_ids, *local_ids]:
        if block_id not in skeleton:
            skeleton.append(block_id)
    return skeleton


def merge(base: dict, national: dict, local: dict, choices: dict | None = None) -> MergeResult:
    """Merge three versions, each ``{"fields": {name: value}, "blocks": [raw stream blocks]}``.

    ``choices`` maps conflict keys to ``"national"`` or ``"local"``.
    """
    choices = dict(choices or {})
    result = MergeResult(fields={}, blocks=[])
    result._choices = {key: value for key, value in choices.items() if value in (NATIONAL, LOCAL)}
    for name, local_value in local["fields"].items():
        result.fields[name] = _decide(
            f"field:{name}",
            name.replace("_", " ").capitalize(),
            base["fields"].get(name),
            national["fields"].get(name),
            local_value,
            result,
            result._choices,
            compare=_field,
        )
    by_id = {
        side: {block["id"]: block for block in blocks if block.get("id")}
        for side, blocks in (("base", base["blocks"]), ("national", national["blocks"]), ("local", local["blocks"]))
    }
    merged = {}
    for block_id in _order(base["blocks"], national["blocks"], local["blocks"]):
        b, n, lo = (by_id[side].get(block_id) for side in ("base", "national", "local"))
        label = block_label(lo or n or b)
        if b is None:
            # New on one side only: kept where it was added.
            merged[block_id] = n or lo
            (result.taken if lo is None else result.kept).append(f"added {label}")
            continue
        merged[block_id] = _decide(block_id, label, b, n, lo, result, result._choices)
    # Blocks without ids (never expected from Wagtail, but never lose them): keep the local ones.
    result.blocks = [merged[i] for i in merged if merged[i] is not None]
    result.blocks += [block for block in local["blocks"] if not block.get("id")]
    return result
