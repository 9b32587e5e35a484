# partyintl data file, schema version 2

A JSON object. Every field is listed with its type; fields marked (required) must be
given, the others may be left out (null or empty). Ids are slugs (lower-case letters
and digits joined by dashes), unique in the file, and every reference must resolve.
`partyintl validate FILE` checks a file in full; `partyintl schema --json` prints the
JSON Schema.

## DatasetFile

A data file: one party's international relations, with the sources that state them.

- `schema_version` (whole number) (required): Version of this file format (2). `partyintl upgrade` turns a file of version 1 into one of version 2. Written without a fraction (2, not 2.0): JSON Schema counts 2.0 as a whole number and so takes it; `partyintl validate` does not.
- `as_of` (date (EDTF)) (required): The date the file describes the party's relations as of: no fact in it is dated later, and regions (the EU, the CIS) are counted with their members on this date. Each source has its own as_of (a dataset of identifiers may be newer).
- `licence` (text or null): The licence (SPDX id) of the file's own words: descriptions and notes.
- `sources` (list of Source) (required): Every source the file cites, declared once.
- `party` (Organization) (required): The party whose relations these are.
- `partners` (list of Organization (type: one of party, international, npo; listing required)) (required): Every listed partner, in order.
- `organizations` (list of Organization): Other bodies the sources name.
- `memberships` (list of Membership): The party's memberships of internationals.
- `people` (list of Person): Everybody the sources name.
- `events` (list of Event): Events and relationships.
- `contacts` (list of Contact): The contact block.

## Source

A source of the data: a page, a document or a dataset, declared once and cited by id. It says as of when it holds: at least one of `published`, `as_of` and `retrieved`.

- `id` (text) (required): A stable slug, unique in the file.
- `title` (text) (required): The title, exactly as printed; not empty or blank.
- `url` (text or null): Where it is published; null when the copy read does not record it (`site` then says where).
- `site` (text or null): The website it belongs to.
- `publisher` (text) (required): Who publishes it; not empty or blank.
- `language` (text) (required): A language as a BCP 47 tag whose first part is an ISO 639 code: ru, de, en, en-GB.
- `published` (date (EDTF) or null): When it was published; an interval when known only within bounds (the range it is known to cover).
- `as_of` (date (EDTF) or null): The date its facts hold as of: what it says is known to be true then, not later. Null only when the file it was upgraded from did not record it.
- `retrieved` (date (EDTF) or null): When the copy read was taken.
- `file` (text or null): The stored copy that was read.
- `copyright` (text or null): Its copyright line's years.
- `terms` (text or null): Its terms of reuse, in own words; null if none are known.
- `licence` (text or null): Its licence as an SPDX id (MIT), when it has one.
- `commit` (text or null): For a repository: the commit that was read.
- `citation` (text or null): How its authors ask to be cited.
- `parts` (list of SourcePart): Its parts that facts cite by id (a repository's tables).
- `lists` (list of SourceList): The lists it prints, which listed partners cite.
- `note` (text or null): What a reader of it should know.

## SourcePart

A part of a source that facts cite by id: a table of a repository.

- `id` (text) (required): A stable slug, unique in the file.
- `path` (text) (required): Where the part is in the source (a file's path).
- `note` (text or null): What it holds, or how it was read.

## SourceList

A list a source prints: listed partners cite it by its id.

- `id` (text) (required): A slug for the list, unique in the file (partners, npo).
- `heading` (text or null): The list's heading exactly as printed; null if it has none.
- `note` (text or null): How the list is introduced otherwise.

## Organization

A party, international, non-profit or other body the sources name.

- `id` (text) (required): A stable slug, unique in the file.
- `name` (text) (required): The name as the source gives it (a leading 'The' dropped). Not empty or blank, and without a character that hides or reorders text (control characters, bidi controls, zero-width spaces).
- `type` (OrgType) (required): party, international, npo, or another kind of body.
- `kind` (text or null): A finer classification, in plain words.
- `country` (text or null): English short name of the country.
- `country_code` (text or null): ISO 3166-1 alpha-2 code; null for transnational bodies.
- `region` (text or null): The region a transnational body works in.
- `listing` (Listing or null): Its place in a source's list; null if only in the prose.
- `part_of` (text or null): The id of the body it belongs to.
- `other_names` (list of OtherName): Widely used other forms and abbreviations.
- `description` (text or null): What the body is, in own words.
- `notes` (list of text): Remarks on the record, own words.
- `inferred` (list of Inference): Values of this record that no source states.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `identifiers` (list of Identifier): Ids of the record in the field's datasets (Party Facts).
- `left_right` (number or null): Left-right position from Wikipedia's classifications (Party Facts), from -2.5 (far left) to 2.5 (far right); null when none is known.
- `ideology` (list of text): Position and ideology tags from Wikipedia, cleaned.
- `positions_source` (Citation or null): Where left_right and ideology come from (a source's table).

## OrgType

What kind of body an organisation is.

Values: `party`, `international`, `npo`, `parliament`, `faction`, `commission`, `committee`, `party_unit`.

## Listing

Where a partner stands in one of the lists a source prints.

- `list` (text) (required): The id of a list that one of the `sources` declares.
- `position` (whole number) (required): The item's number in that list (1-based). Written without a fraction (2, not 2.0): JSON Schema counts 2.0 as a whole number and so takes it; `partyintl validate` does not.
- `printed` (text) (required): The list item exactly as the source prints it.

## OtherName

Another name an organisation or person is known by.

- `name` (text) (required): The alternative name or abbreviation, as written. Not empty or blank, and without a character that hides or reorders text (control characters, bidi controls, zero-width spaces).
- `note` (text or null): Where the name is used, in own words.
- `usage` (NameUsage or null): usual (the usual English name), short (an abbreviation), or own (the name in the party's own language).
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.

## NameUsage

What kind of other name a name from elsewhere is.

Values: `usual`, `short`, `own`.

## Citation

Where a fact comes from: one of the file's sources, and the place in it.

- `source` (text) (required): The id of one of the file's `sources`.
- `at` (text) (required): Where in the source the fact stands, in words: 'paragraph 3', 'title', 'contact block', 'list of upgrades: Russia, A Just Russia Party'. For a source that declares `parts` (the tables of a repository), the id of one of them.
- `fields` (list of text): The fields of the record that this source states, when it does not state all of them (a dotted name for a part of one: place.country); empty for all.
- `date` (date (EDTF) or null): The date this source gives for the fact, where it differs from the record's (a page that dates a decision only to 2012/2017).
- `note` (text or null): What a reader should know of this source on this fact.

## Inference

A value no source states but that is implied or known with certainty (or a reading).

- `field` (text) (required): The field of this record that holds the inferred value.
- `reason` (text) (required): Why the value is certain although no source states it.

## Identifier

An id of the record in another dataset, and the source (table) it comes from.

- `scheme` (IdentifierScheme) (required): partyfacts, wikidata, manifesto, vparty or parlgov.
- `identifier` (text) (required): The id in that scheme (Q-number for Wikidata).
- `source` (text) (required): The id of the source it comes from (a Party Facts snapshot).
- `at` (text) (required): The part of that source it was read from (a table's id).
- `evidence` (text or null): Why it is the same party: country, names and years. Null for an id that a table links to the record's own Party Facts id.

## IdentifierScheme

The schemes of external identifiers: Party Facts and the datasets it links.

Values: `partyfacts`, `wikidata`, `manifesto`, `vparty`, `parlgov`.

## Membership

A party's membership of an international: its standings in date order.

- `id` (text) (required): A stable slug, unique in the file.
- `member_id` (text) (required): The member (the party).
- `organization_id` (text) (required): The international.
- `periods` (list of StatusPeriod) (required): Status periods in chronological order.

## StatusPeriod

One standing in an international, from its start to its end (or the next standing).

- `status` (text) (required): A standing in an international, in the international's own terms (an open set): observer, consultative, full, associate, fraternal, suspended, ...
- `start_date` (date (EDTF) or null) (required): When the status was granted; null if no source dates it.
- `as_of` (date (EDTF) or null): A date at which a source says the status still held (a period with no end is known to last to here, and is never shown as lasting beyond).
- `end` (End or null): How it ended, when a source says so. A period followed by another ends where the next begins, for the reason and on the sources of the next.
- `decided_at` (text or null): The event (meeting) that granted it, if one is known.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `inferred` (list of Inference): Values not stated.

## End

How and when a period (a status, a post) ended, and who says so.

- `date` (date (EDTF) or null) (required): When it ended; null if no source dates the end.
- `status` (text or null): What the membership became: ended, expelled, left, suspended, ...; null for a post.
- `reason` (text) (required): Why it ended, in own words.
- `decided_at` (text or null): The event (meeting) that decided it, if one is known.
- `note` (text or null): Remarks, in own words.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `inferred` (list of Inference): Values not stated.

## Person

Somebody the sources name.

- `id` (text) (required): A stable slug, unique in the file.
- `name` (text) (required): The fullest form of the name the sources give. Not empty or blank, and without a character that hides or reorders text (control characters, bidi controls, zero-width spaces).
- `family_name` (text) (required): The family name. Not empty or blank, and without a character that hides or reorders text (control characters, bidi controls, zero-width spaces).
- `other_names` (list of OtherName): Other forms the sources use.
- `posts` (list of Post): Positions the sources give.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `inferred` (list of Inference): Values not stated.

## Post

A position a person holds, as a source gives it: a period.

- `role` (text) (required): The position, in the source's terms.
- `organization_id` (text) (required): The body the position is in.
- `start_date` (date (EDTF) or null): Held since this date.
- `as_of` (date (EDTF) or null): A date at which a source says the post was held.
- `end` (End or null): How it ended; null if no source says it has ended.
- `note` (text or null): Remarks, in own words.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `inferred` (list of Inference): Values not stated.

## Event

An event or relationship the sources describe.

- `id` (text) (required): A stable slug, unique in the file.
- `name` (text) (required): A short title, in own words. Not empty or blank, and without a character that hides or reorders text (control characters, bidi controls, zero-width spaces).
- `type` (EventType) (required): What kind of event or relationship it is.
- `date` (date (EDTF) or null) (required): When it happened or began; null if undated.
- `end_date` (date (EDTF) or null): When a span ended.
- `place` (Place or null): Where it happened.
- `organization_id` (text or null): The body whose meeting or network it is.
- `participants` (list of Participant): Organisations and people involved.
- `countries` (list of CountryRef): Countries a source names as represented.
- `description` (text) (required): What happened, in own words.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `inferred` (list of Inference): Values not stated.

## EventType

The kinds of event and relationship the source describes.

Values: `congress`, `council_meeting`, `agreement`, `working_group`, `forum`, `conference`, `forum_series`, `dialogue`, `publication`, `cooperation`.

## Place

Where something happened.

- `city` (text or null): The city.
- `country` (text or null): English short name of the country.
- `country_code` (text or null): ISO 3166-1 alpha-2 code.

## Participant

An organisation or person taking part in an event.

- `id` (text) (required): The id of an organisation, partner, the party or a person.
- `role` (Role) (required): The part it plays.

## Role

The part an organisation or person plays in an event.

Values: `organiser`, `host`, `participant`, `signatory`, `head_of_delegation`, `member`, `partner`, `author`, `representative`.

## CountryRef

A country named as such, not through a party.

- `country` (text) (required): English short name.
- `country_code` (text) (required): ISO 3166-1 alpha-2 code.

## Contact

One line of a contact block.

- `id` (text) (required): A stable slug, unique in the file.
- `type` (ContactType) (required): phone, fax, mobile or website.
- `value` (text) (required): E.164 for numbers, with ';ext=' and the digits of an extension (RFC 3966): +74957878515;ext=123; the address for a website.
- `printed` (text) (required): The value exactly as the source prints it.
- `label` (PrintedText) (required): The line's label, as printed, with a gloss.
- `office` (PrintedText or null): The office the line belongs to, as printed.
- `restriction` (PrintedText or null): Who may use it (the media only), as printed.
- `note` (text or null): How the line is read, in own words.
- `sources` (list of Citation): The sources that state this record, each with the place in it; when several sources agree, each is cited; `fields` says which source states what.
- `inferred` (list of Inference): Values not stated.

## ContactType

The channel of a contact line.

Values: `phone`, `fax`, `mobile`, `website`.

## PrintedText

A text as a source prints it, in its language, with an English gloss.

- `text` (text) (required): Exactly as printed.
- `language` (text) (required): A language as a BCP 47 tag whose first part is an ISO 639 code: ru, de, en, en-GB.
- `gloss` (text or null): What it says, in English; null when the text is English.
