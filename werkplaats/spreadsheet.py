"""CSV files that Excel in a Dutch locale opens as they are meant, and cannot be made to run
anything: a BOM for the accents, semicolons between cells, and text that would start a
formula (or a DDE command) shown as text."""

import csv
import io
from collections.abc import Iterable

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs: a leading apostrophe where needed."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell(value) -> object:
    """A cell: text made safe, None empty; a number stays a number (-5 is no formula)."""
    if value is None:
        return ""
    return safe_text(value) if isinstance(value, str) else value


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV file: the header row, then the rows, every cell through ``cell`` (one with
    a line break or a quote is quoted)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(value) for value in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()
