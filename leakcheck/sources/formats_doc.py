"""docs/exports.md, written from the formats the export sources register: never out of step.

A consultant handed a folder wants to know, before the meeting, which downloads leakcheck knows
and which header spellings it accepts. Each platform's files source registers its exports with
``recognise.register``; this module turns that table into the page, and a test checks the page
in the repository is what the code says today (``python -m leakcheck.sources.formats_doc > docs/exports.md``).
"""

from __future__ import annotations

from .recognise import PLATFORMS, Signature, _known

INTRO = """# Export files leakcheck recognises

`leakcheck scan PATH ...` (files, folders or .zip files, no config) knows each file by its header
row, not its name: the table below lists every export it recognises, the headers that identify it
(a file must have all of them; where several spellings are listed, any one will do, in any letter
case, columns in any order, extra columns ignored), and the headers it also reads when present.
Files of one platform form one channel; a second product export of the same platform makes a
second channel. The owner (the channel whose count is the truth) is the web store (Shopify,
WooCommerce or BigCommerce) when there is one, else the first channel; `--owner NAME` changes it.
A file that matches nothing is listed with the export it came closest to and the headers it lacked.

`leakcheck init --from PATH ...` writes the config this recognition implies, to edit and keep.

Files are read as the platforms and spreadsheets leave them: UTF-8 with or without a BOM, UTF-16,
Windows-1252 or Shift_JIS; commas, tabs or semicolons (and Excel's `sep=` line); .xlsx and .xls
workbooks (the first sheet, title lines above the header passed over); folders, nested folders and
.zip files, with macOS metadata (`__MACOSX/`, `._name`, `.DS_Store`), other hidden files and Office's
lock files (`~$name.xlsx`) passed over. A row that cannot be read is named with its file and row
number and the rest of the file is still read. A quote that never closes is named in the coverage
with its row and column, and so is a stray quote that joins rows into one cell, in files of five or
more columns (in narrower ones a description written over lines splits like a row too often to tell).

This page is generated from the code (`python -m leakcheck.sources.formats_doc > docs/exports.md`).
"""


def _spellings(need) -> str:
    options = (need,) if isinstance(need, str) else need
    return " or ".join(f"`{o}`" for o in options)


def _row(sig: Signature) -> str:
    required = "<br>".join(_spellings(n) for n in sig.required)
    optional = ", ".join(f"`{o}`" for o in sig.optional) or "-"
    return f"| {sig.label} | {sig.kind} | {required} | {optional} |"


def formats_markdown() -> str:
    """The whole page, platform by platform in name order."""
    out = [INTRO]
    by_platform: dict[str, list[Signature]] = {}
    for sig in _known():
        by_platform.setdefault(sig.platform, []).append(sig)
    for platform in sorted(by_platform):
        info = PLATFORMS[platform]
        role = "web store: the owner by default" if info.web_store else "channel"
        out.append(f"## {info.name} (`type: {platform}`, {role})\n")
        out.append("| Export | Kind | Identified by | Also read when present |")
        out.append("|---|---|---|---|")
        out += [_row(sig) for sig in by_platform[platform]]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(formats_markdown(), end="")
