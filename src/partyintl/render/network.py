"""The party's network arranged for drawing (figures.graph_figure draws it): the party
with its bodies and internationals in the middle, people with their posts on the left,
partners grouped by type on the right."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset


def layout(ds: Dataset) -> dict[str, Any]:
    """The network's columns, as `graph_figure` takes them: `party` (its JSON), `middle`
    (the party and its bodies and internationals), `groups` ((plural label, partners) for
    each partner type that has any), `people` (id, name, posts as "role, body" lines) and
    `links` ((person id, body id) for each post)."""
    party = ds.raw["party"]
    from ..data.enums import PARTNER_TYPE_WORDS

    groups = [
        (many.capitalize(), [o for o in ds.raw_partners if o["type"] == kind])
        for kind, (_, many) in PARTNER_TYPE_WORDS.items()
    ]
    drawing = {
        "party": party,
        "middle": [party, *ds.raw.get("organizations", ())],
        "groups": [(label, members) for label, members in groups if members],
        "people": [
            {
                "id": p["id"],
                "name": p["name"],
                "posts": [
                    f"{post['role']}, {ds.name_of(post['organization_id'])}"
                    for post in p.get("posts", ())
                ],
            }
            for p in ds.raw_people.values()
        ],
        "links": [
            (p["id"], post["organization_id"])
            for p in ds.raw_people.values()
            for post in p.get("posts", ())
        ],
    }
    return drawing
