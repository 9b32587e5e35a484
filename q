/work/main/data/partners.json: valid, schema version 2: 5 sources, 54 partners, 12 other organisations, 1 membership (3 status periods), 13 events, 6 people, 6 contacts
