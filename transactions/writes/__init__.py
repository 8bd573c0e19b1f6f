"""The write path of monthly counts, shared by the API and `import_counts`.

`rows` reads a body into numbered rows, `checks` validates them against the catalogue and the
writer's rights, `apply` writes them in one transaction with their history and the monthly
roll-ups they change, `single` serves the one-count POST, PATCH and DELETE through `apply`,
and `sql` holds the set-based statements that make the number of queries independent of the
number of rows.
"""

from .apply import Report, Writer, check_counts, submit_counts
from .rows import RawRow, decode_csv, row_from_mapping, rows_from_csv, rows_from_json
from .single import delete_count, submit_count, update_count

__all__ = [
    "RawRow",
    "Report",
    "Writer",
    "check_counts",
    "decode_csv",
    "delete_count",
    "row_from_mapping",
    "rows_from_csv",
    "rows_from_json",
    "submit_count",
    "submit_counts",
    "update_count",
]
