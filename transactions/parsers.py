"""Parser of CSV bodies for bulk count submissions."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from services.parsers import read_body

from .writes.rows import decode_csv


class CSVTextParser(parsers.BaseParser):
    """`text/csv` in UTF-8: returns the decoded text; the write path splits it into rows."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        charset = (parser_context.get("encoding") or "utf-8").lower().replace("_", "-")
        if charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
            raise ParseError(_("Send CSV encoded as UTF-8 (charset=utf-8)."))
        return decode_csv(read_body(parser_context))
