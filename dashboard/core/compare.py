"""Compare a pasted or uploaded list of country names with the 24 signatories (no Streamlit)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd
import pycountry

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core import names as resolver

MAX_LINES = 10_000
MAX_BYTES = 1_000_000
# Suggestions cost ~15 ms a name (difflib over every known name); past this many unmatched
# names, a name that cannot match is reported without them, so 10,000 junk lines stay fast.
MAX_SUGGESTED = 50
NAME_COLUMNS = frozenset({"country", "countries", "name", "names", "country_name", "country_names"})
UPLOAD_TYPES = {"csv": ",", "tsv": "\t", "txt": None}
CATEGORIES = ("both", "only Lima", "only the list")
# What the page calls each group (the keys above stay English, as in the downloaded CSV).
CATEGORY_WORDS = {"both": N_("in both"), "only Lima": N_("only among the 24"),
                  "only the list": N_("only in your list")}
COLOURS = {"both": "#0072B2", "only Lima": "#E69F00", "only the list": "#009E73"}  # Okabe-Ito

# C0/C1 controls except tab, newline, carriage return, and the bidirectional overrides that
# can make a name display as something other than what it is.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # spreadsheet formula triggers


# The compared list in a link (?color=compare&list=PER.VNM.KOR): ISO 3166 alpha-3 codes joined by
# ".", which a URL carries unescaped. 300 is more than there are countries, so every list fits.
URL_SEPARATOR = "."
MAX_URL_CODES = 300
_URL_CODES = re.compile(r"[A-Za-z]{3}(?:[.,;~+\- ][A-Za-z]{3})*")


class CompareInputError(ValueError):
    """The input cannot be compared; the message says why, for the user."""


def _check_text(text: str, lang: str = "en") -> str:
    _ = i18n.translator(lang)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise CompareInputError(_("The text contains invalid characters (lone surrogates).")) from None
    if size > MAX_BYTES:
        raise CompareInputError(_("The list is {size} bytes; the limit is {limit} bytes (1 MB).").format(
            size=i18n.format_number(size, lang), limit=i18n.format_number(MAX_BYTES, lang)))
    text = text.removeprefix("\ufeff")
    bad = _FORBIDDEN.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise CompareInputError(_("The text contains a control character ({code}) on line {line}; paste or "
                                  "upload plain text only.").format(code=f"U+{ord(bad.group()):04X}", line=line))
    lines = _LINE_BREAK.split(text.rstrip("\r\n"))
    if len(lines) > MAX_LINES:
        raise CompareInputError(_("The list has {count} lines; the limit is {limit}.").format(
            count=i18n.format_number(len(lines), lang), limit=i18n.format_number(MAX_LINES, lang)))
    return text


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(s for s in (i.strip() for i in items) if s))


def parse_text(text: str, lang: str = "en") -> list[str]:
    """Names from pasted text, stripped, blanks dropped, exact duplicates removed (order kept).

    The rule: with two or more non-blank lines, each line is one name and is never split
    (so "Korea, Rep." and "Bolivia (Plurinational State of)" survive); with one non-blank
    line, it is split on ";" if it has one, else on ",". Raises CompareInputError over
    MAX_BYTES or MAX_LINES, or for control characters (NUL included), worded in `lang`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    lines = [line for line in _LINE_BREAK.split(_check_text(text, lang)) if line.strip()]
    if len(lines) == 1:
        lines = lines[0].split(";" if ";" in lines[0] else ",")
    return _unique(lines)


def parse_upload(data: bytes, filename: str, lang: str = "en") -> list[str]:
    """Names from an uploaded .csv, .tsv or .txt file.

    .txt follows parse_text. .csv/.tsv are read with the csv module: if the first row has a
    column named country, countries, name, names, country_name or country_names (any case,
    spaces as "_") that column is used below it, else the first column of every row.
    Raises CompareInputError for size, binary or non-UTF-8 content, and malformed CSV (in `lang`).
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    _ = i18n.translator(lang)
    shown = repr(filename[:60] + ("..." if len(filename) > 60 else ""))
    suffix = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if suffix not in UPLOAD_TYPES:
        raise CompareInputError(_("{file}: upload a .csv, .tsv or .txt file.").format(file=shown))
    if len(data) > MAX_BYTES:
        raise CompareInputError(_("{file} is {size} bytes; the limit is {limit} bytes (1 MB).").format(
            file=shown, size=i18n.format_number(len(data), lang), limit=i18n.format_number(MAX_BYTES, lang)))
    if b"\x00" in data:
        raise CompareInputError(_("{file} is not a UTF-8 text or CSV file (it contains NUL bytes, as "
                                  "spreadsheets and images do). Save it as CSV UTF-8.").format(file=shown))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CompareInputError(_("{file} is not a UTF-8 text or CSV file. Save it as CSV UTF-8.").format(
            file=shown)) from None
    delimiter = UPLOAD_TYPES[suffix]
    if delimiter is None:
        return parse_text(text, lang)
    text = _check_text(text, lang)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise CompareInputError(_("{file} is not valid CSV near line {line} ({error}); check for an "
                                  "unbalanced double quote.").format(file=shown, line=reader.line_num,
                                                                      error=exc)) from None
    if not rows:
        return []
    header = [re.sub(r"[\s-]+", "_", cell.strip().casefold()) for cell in rows[0]]
    column = next((i for i, h in enumerate(header) if h in NAME_COLUMNS), None)
    body = rows if column is None else rows[1:]
    return _unique([row[column or 0] for row in body if len(row) > (column or 0)])


def _may_match(name: str) -> bool:
    """False only when to_iso3 is sure to raise: its lookups, without the costly suggestions.

    Calls the lookup to_iso3 itself uses (English, Spanish, French); tests/test_compare.py pins
    the agreement.
    """
    if len(name) > resolver.MAX_NAME_CHARS:
        return False
    return bool(resolver._lookup(name)[0])


def _display_name(iso3: str, lima_names: dict[str, str], lang: str = "en") -> str:
    if lang != "en":  # CLDR's name in the reader's language, for the 24 as for the rest
        return i18n.country_name(iso3, lang)
    if iso3 in lima_names:
        return lima_names[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    return (getattr(country, "common_name", None) or country.name) if country else iso3


def _cell(value: object) -> object:
    # A downloaded CSV opened in a spreadsheet must not run user text as a formula.
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


@dataclass(frozen=True)
class CompareResult:
    matched: pd.DataFrame  # input_name, iso3, name, in_lima: one row per distinct country
    unmatched: list[tuple[str, str]]  # (input, reason with suggestions): every one listed
    duplicates: list[tuple[str, str, str]]  # (input, iso3, the earlier input with that iso3)
    both: list[str]  # iso3, in the order of the signatories
    only_lima: list[str]  # iso3, in the order of the signatories
    only_list: list[str]  # iso3, in the order of the list
    counts: dict[str, int]
    lima_names: dict[str, str] = field(default_factory=dict)  # iso3 -> name, all 24
    lang: str = "en"  # the language of the names and reasons (en, es, fr)

    def to_csv(self) -> str:
        """A table to download: iso3, name, in_lima, in_list, input_name, note (unmatched last)."""
        inputs: dict[str, list[str]] = {}
        for name, iso3 in zip(self.matched["input_name"], self.matched["iso3"]):
            inputs.setdefault(iso3, []).append(name)
        for name, iso3, _ in self.duplicates:
            inputs[iso3].append(name)
        rows = [{"iso3": iso3, "name": _display_name(iso3, self.lima_names, self.lang),
                 "in_lima": iso3 in self.lima_names, "in_list": iso3 in inputs,
                 "input_name": " | ".join(inputs.get(iso3, [])), "note": ""}
                for iso3 in [*self.both, *self.only_lima, *self.only_list]]
        rows += [{"iso3": "", "name": "", "in_lima": "", "in_list": "", "input_name": name,
                  "note": f"unmatched: {reason}"} for name, reason in self.unmatched]
        table = pd.DataFrame(rows, columns=["iso3", "name", "in_lima", "in_list", "input_name", "note"])
        return table.map(_cell).to_csv(index=False)


def compare(names: list[str], signatories: pd.DataFrame, lang: str = "en") -> CompareResult:
    """Resolve each name (dashboard.names.to_iso3) and set the list against the 24.

    Names may be English, Spanish or French whatever `lang` is; `lang` (en, es, fr) sets the
    language of the country names shown and of the reasons given for unmatched names.
    """
    _ = i18n.translator(lang)
    if len(names) > MAX_LINES:
        raise CompareInputError(_("The list has {count} names; the limit is {limit}.").format(
            count=i18n.format_number(len(names), lang), limit=i18n.format_number(MAX_LINES, lang)))
    lima_names = {iso3: _display_name(iso3, {iso3: name}, lang)
                  for iso3, name in zip(signatories["iso3"], signatories["name"])}
    seen: dict[str, str] = {}
    unmatched: list[tuple[str, str]] = []
    duplicates: list[tuple[str, str, str]] = []
    for name in names:
        if not isinstance(name, str):
            raise CompareInputError(_("Each name must be text, not {kind}.").format(kind=type(name).__name__))
        if len(unmatched) >= MAX_SUGGESTED and not _may_match(name):
            unmatched.append((name, _("no country matches {name} (suggestions are given for the first "
                                      "{count} unmatched names only)").format(name=repr(name[:80]),
                                                                              count=MAX_SUGGESTED)))
            continue
        try:
            iso3 = resolver.to_iso3(name, lang=lang)
        except LookupError as exc:
            unmatched.append((name, str(exc) if lang == "en" else i18n.describe_name_error(exc, lang)))
            continue
        if iso3 in seen:
            duplicates.append((name, iso3, seen[iso3]))
        else:
            seen[iso3] = name
    matched = pd.DataFrame({"input_name": list(seen.values()), "iso3": list(seen),
                            "name": [_display_name(c, lima_names, lang) for c in seen],
                            "in_lima": [c in lima_names for c in seen]},
                           columns=["input_name", "iso3", "name", "in_lima"])
    both = [c for c in lima_names if c in seen]
    only_lima = [c for c in lima_names if c not in seen]
    only_list = [c for c in seen if c not in lima_names]
    counts = {"names": len(names), "matched": len(seen), "unmatched": len(unmatched),
              "duplicates": len(duplicates), "both": len(both), "only_lima": len(only_lima),
              "only_list": len(only_list), "signatories": len(lima_names)}
    return CompareResult(matched, unmatched, duplicates, both, only_lima, only_list, counts, lima_names,
                         lang)


def url_value(result: CompareResult) -> str:
    """The countries of the visitor's list as the link carries them: "PER.VNM.KOR" (list order)."""
    return URL_SEPARATOR.join(result.matched["iso3"])


def parse_url_value(value: object, lang: str = "en") -> list[str]:
    """The ISO3 codes of a link's list (url_value's form; "," ";" "~" "+" "-" or spaces also
    separate), upper-cased, duplicates dropped. Raises CompareInputError, worded in `lang`, for
    anything else: over MAX_URL_CODES codes, a code that is no country, or any other text."""
    _ = i18n.translator(lang)
    text = value.strip() if isinstance(value, str) else ""
    limit = MAX_URL_CODES * 4
    if len(text) > limit:
        raise CompareInputError(_("The list in the link is {size} characters long; the limit is {limit}.").format(
            size=i18n.format_number(len(text), lang), limit=i18n.format_number(limit, lang)))
    shown = repr(text[:40] + ("…" if len(text) > 40 else ""))
    if not _URL_CODES.fullmatch(text):
        raise CompareInputError(_("The list in the link, {value}, is not a list of three-letter country "
                                  "codes (ISO 3166) separated by dots.").format(value=shown))
    codes = list(dict.fromkeys(code.upper() for code in re.split(r"[.,;~+\- ]", text)))
    unknown = [c for c in codes if c not in resolver._alpha3_codes()]
    if unknown:
        raise CompareInputError(_("The list in the link has codes that are no country: {codes}.").format(
            codes=", ".join(unknown[:5]) + ("…" if len(unknown) > 5 else "")))
    return codes
