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
    each partner type that has any), `people` (id, name, posts as "role, body (as of
    date)" or "(until date)" lines) and
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
                "posts": [_post_line(ds, post, p) for post in p.get("posts", ())],
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


def _post_line(ds: Dataset, post: dict[str, Any], person: dict[str, Any]) -> str:
    """A post as the figure labels it: "role, body (as of 2018)", "(until 2011-04-27)"."""
    from ..query.network import post_when
    from ..query.people import post_record

    until, as_of = post_when(post, post_record(ds, post, person))
    when = f" (until {until})" if until else f" (as of {as_of})" if as_of else ""
    return f"{post['role']}, {ds.name_of(post['organization_id'])}{when}"
