"""SHA-256 of the bundled data/partners.json (tests/test_cache.py checks it)."""

BUNDLED_SHA256 = "4a06ae76c6668b35838de584ab364f3e4c7d0db589960edd33c8bd29afe61ea8"
