"""How long a free text may be, per kind: one constant each, used by serializers, forms and
(through the models' ``max_length``) the schema, so a client learns the limit before it hits it.

A narrative (the customer's words, a root cause) is a page or two; a note is a paragraph.
"""

NARRATIVE = 10_000
NOTE = 2_000
# A signature drawn on screen, as a PNG data URL: 512 KiB of PNG in base64 and its prefix.
SIGNATURE_DATA_URL = 700 * 1024
# The largest integer the database stores (64 bits): the end of ids and numbers in a URL.
LARGEST_INTEGER = 2**63 - 1
