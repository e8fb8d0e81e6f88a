#!/usr/bin/env python3
"""Makes the PDFs the tests of kp.adapter.pdf read, with reportlab (Debian's python3-reportlab),
each laid out as real council minutes are printed: running headers and footers, page numbers,
a paragraph split across a page break, attendance in two columns, a table of actions, a word
hyphenated at a line end; and the PDFs that must fail clearly (encrypted, scanned, garbled,
cut short). The words are this project's own.

    python3 make_pdfs.py OUTDIR

Deterministic: the same bytes every run (reportlab's invariant mode), so goldens can be kept.
"""
import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab import rl_config

rl_config.invariant = 1  # no creation date or random document id: the same bytes each run

WIDTH, HEIGHT = A4
LEFT = 25 * mm
TOP = HEIGHT - 30 * mm
BOTTOM = 25 * mm
LINE = 14


class Minutes:
    """A canvas that writes lines top to bottom and turns pages itself, with a running header
    and a "Page N of M" footer on every page."""

    def __init__(self, path, header, pages_total, encrypt=None):
        self.c = canvas.Canvas(path, pagesize=A4, encrypt=encrypt, pageCompression=1)
        self.c.setTitle(header)
        self.header = header
        self.total = pages_total
        self.page = 0
        self.new_page()

    def new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        self.c.setFont("Helvetica", 8)
        self.c.drawString(LEFT, HEIGHT - 15 * mm, self.header)
        self.c.drawRightString(WIDTH - LEFT, 15 * mm, "Page %d of %d" % (self.page, self.total))
        self.y = TOP

    def line(self, text, x=0, font="Helvetica", size=10):
        if self.y < BOTTOM:
            self.new_page()
        self.c.setFont(font, size)
        self.c.drawString(LEFT + x, self.y, text)
        self.y -= LINE

    def columns(self, *columns, at=(0, 80)):
        """Columns side by side, each cell at its own place (mm from the margin), as attendance
        lists and tables of actions are set."""
        for row in zip(*columns):
            if self.y < BOTTOM:
                self.new_page()
            self.c.setFont("Helvetica", 10)
            for cell, x in zip(row, at):
                self.c.drawString(LEFT + x * mm, self.y, cell)
            self.y -= LINE

    def gap(self):
        self.y -= LINE / 2

    def to_bottom(self, lines_left):
        """Moves down so that only `lines_left` lines fit on this page: what follows breaks
        across the page end."""
        self.y = BOTTOM + (lines_left - 1) * LINE

    def save(self):
        self.c.showPage()
        self.c.save()


def council_minutes(path):
    m = Minutes(path, "Ashcombe District Council - Licensing Committee - 12 March 2024", 2)
    m.line("ASHCOMBE DISTRICT COUNCIL", font="Helvetica-Bold", size=12)
    m.gap()
    m.line("MINUTES of a meeting of the Licensing Committee held at the Council Offices,")
    m.line("Bridge Street, Ashcombe on Tuesday, 12 March 2024 at 7.00 pm.")
    m.gap()
    m.line("PRESENT:", font="Helvetica-Bold")
    m.columns(["Councillor A Whitfield (Chair)", "Councillor B Okafor", "Councillor C Lindqvist"],
              ["Councillor D Marsh (Vice-Chair)", "Councillor E Fairbairn", "Councillor F Quayle"])
    m.gap()
    m.line("Officers: G Tennant (Licensing Manager), H Ibbotson (Democratic Services Officer)")
    m.gap()
    m.line("1.  Apologies for Absence", font="Helvetica-Bold")
    m.gap()
    m.line("Apologies for absence were received from Councillor J Penhaligon.")
    m.gap()
    m.line("2.  Declarations of Interest", font="Helvetica-Bold")
    m.gap()
    m.line("There were no declarations of interest.")
    m.gap()
    m.line("3.  Minutes of the Previous Meeting", font="Helvetica-Bold")
    m.gap()
    m.line("RESOLVED that the minutes of the meeting held on 9 January 2024 be approved as a")
    m.line("correct record and signed by the Chair.")
    m.gap()
    m.line("4.  Review of the Street Trading Policy", font="Helvetica-Bold")
    m.gap()
    m.line("The Licensing Manager introduced the report, which set out the responses to the")
    m.line("consultation on the draft policy. Twenty-three responses had been received, most")
    m.line("of them from traders in the town centre, who asked that the proposed fee for a")
    m.line("seasonal consent be reconsidered in the light of the costs they already bore for")
    m.line("the market pitches. Members noted that the fee had not risen since 2019 and that")
    m.line("the council's costs of enforcement had grown in that time by a fifth.")
    m.gap()
    m.line("In answer to a question, the Licensing Manager confirmed that the recommen-")
    m.line("dation would keep the fee for charities at nil.")
    m.gap()
    m.to_bottom(2)
    m.line("Members discussed the hours of trading permitted in the pedestrian zone and")
    m.line("whether the proposed limit of 8.00 pm should apply on Fridays and Saturdays")
    m.line("during the summer months, when the evening economy was at its busiest.")
    m.gap()
    m.line("RESOLVED that:")
    m.line("(a) the Street Trading Policy, as amended, be recommended to Council for adoption; and", x=10)
    m.line("(b) the fee for a seasonal consent be held at its present level for 2024/25.", x=10)
    m.gap()
    m.line("5.  Actions from Previous Meetings", font="Helvetica-Bold")
    m.gap()
    m.columns(["Action", "Publish the consultation responses", "Report on taxi rank provision"],
              ["Owner", "G Tennant", "H Ibbotson"], ["Status", "Complete", "In progress"],
              at=(0, 80, 115))
    m.gap()
    m.line("6.  Date of Next Meeting", font="Helvetica-Bold")
    m.gap()
    m.line("RESOLVED that the next meeting be held on Tuesday, 14 May 2024 at 7.00 pm.")
    m.gap()
    m.line("The meeting closed at 8.42 pm.")
    m.gap()
    m.line("Chair")
    m.save()


def two_columns(path):
    """Minutes set in two columns of prose, as some parish newsletters print them: each column
    must be read down before the next, not across."""
    left = [("1.  Apologies", True), ("Apologies were received from", False),
            ("Councillor Rowe and Councillor", False), ("Amadi, who were both away on", False),
            ("council business.", False), ("", False), ("2.  Village Hall Roof", True),
            ("The Clerk reported that three", False), ("quotations had been received for", False),
            ("the repair of the village hall", False), ("roof, the lowest from a firm in", False),
            ("the next parish.", False), ("RESOLVED that the lowest", False),
            ("quotation be accepted.", False)]
    right = [("3.  Footpaths", True), ("The footpath officer said that", False),
             ("the stile on the path to the mill", False), ("had been mended and that the", False),
             ("hedges along the lane would be", False), ("cut in the autumn.", False), ("", False),
             ("4.  Date of Next Meeting", True), ("The next meeting will be held", False),
             ("on Monday 9 September 2024 in", False), ("the village hall at 7.30 pm.", False)]
    c = canvas.Canvas(path, pagesize=A4)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(LEFT, TOP + 20, "MINUTES OF THE MEETING OF LOWER ASHBY PARISH COUNCIL")
    c.setFont("Helvetica", 10)
    c.drawString(LEFT, TOP + 6, "held on Monday 8 July 2024 in the Village Hall at 7.30 pm")
    for column, x in ((left, LEFT), (right, LEFT + 85 * mm)):
        y = TOP - 20
        for text, heading in column:
            c.setFont("Helvetica-Bold" if heading else "Helvetica", 10)
            c.drawString(x, y, text)
            y -= LINE
    c.showPage()
    c.save()


def many_pages(path, pages):
    """A long record: one numbered item a page, for the bounded-memory test."""
    m = Minutes(path, "Ashcombe District Council - Planning Committee", pages)
    m.line("MINUTES of a meeting of the Planning Committee held on 3 April 2024.")
    for n in range(1, pages + 1):
        if n > 1:
            m.new_page()
        # Minute numbers of the year's series ("24/1950"): a plain "1950." reads as a year.
        m.line("24/%d  Application 24/%04d/FUL" % (n, n), font="Helvetica-Bold")
        m.line("The Committee considered the application and the officer's report.")
        m.line("RESOLVED that planning permission be granted subject to conditions.")
    m.save()


def encrypted(path, user_password):
    from reportlab.lib import pdfencrypt
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=1)
    m = Minutes(path, "Ashcombe District Council - Audit Committee", 1, encrypt=enc)
    m.line("MINUTES of a meeting of the Audit Committee held on 5 February 2024.")
    m.line("1.  Apologies for Absence", font="Helvetica-Bold")
    m.line("There were no apologies.")
    m.line("2.  Internal Audit Plan", font="Helvetica-Bold")
    m.line("RESOLVED that the Internal Audit Plan for 2024/25 be approved.")
    m.save()


def scanned(path):
    """A page that is only a picture of text, as a scanner makes: no text layer at all."""
    c = canvas.Canvas(path, pagesize=A4)
    c.setFillGray(0.9)
    c.rect(LEFT, BOTTOM, WIDTH - 2 * LEFT, HEIGHT - 2 * BOTTOM, fill=1, stroke=0)
    c.setFillGray(0.2)
    for i in range(30):  # lines of "print", drawn as bars
        c.rect(LEFT + 5 * mm, TOP - i * 18, (100 + (i * 37) % 60) * mm, 6, fill=1, stroke=0)
    c.showPage()
    c.save()


def part_scanned(path):
    """Two pages of text with a scanned page between them: the scan is said, the rest read."""
    m = Minutes(path, "Ashcombe District Council - Standards Committee", 3)
    m.line("MINUTES of a meeting of the Standards Committee held on 4 June 2024.")
    m.line("1.  Apologies for Absence", font="Helvetica-Bold")
    m.line("There were no apologies.")
    m.new_page()
    m.c.setFillGray(0.3)
    m.c.rect(LEFT, BOTTOM, WIDTH - 2 * LEFT, 100 * mm, fill=1, stroke=0)  # a picture, no text
    m.c.setFillGray(0)
    m.new_page()
    m.line("2.  Complaints Received", font="Helvetica-Bold")
    m.line("RESOLVED that the report be noted.")
    m.save()


def garbled(path):
    """Text whose glyphs map to no letters: what a font without a usable encoding gives."""
    c = canvas.Canvas(path, pagesize=A4)
    c.setFont("ZapfDingbats", 10)
    for i in range(40):
        c.drawString(LEFT, TOP - i * LINE, "Mfkxsbg pq qeb Jbbqfkd lc qeb Ifzbkpfkd Zljjfqqbb eboa lk")
    c.showPage()
    c.save()


def garbled_letters(path):
    """Letters that spell nothing: a font whose codes were mapped to the wrong letters, each
    letter of the minutes three places on in the alphabet."""
    shifted = "Wkh Olfhqvlqj Pdqdjhu lqwurgxfhg wkh uhsruw dqg wkh Frpplwwhh qrwhg wkh " \
              "uhvsrqvhv wr wkh frqvxowdwlrq rq wkh gudiw sro lf b."
    c = canvas.Canvas(path, pagesize=A4)
    c.setFont("Helvetica", 10)
    for i in range(45):
        c.drawString(LEFT, TOP - i * LINE, shifted[: 60 + (i % 3) * 10])
    c.showPage()
    c.save()


def raw_pdf(path, objects):
    """Writes a PDF of the given object bodies (bytes, numbered from 1; object 1 the catalog)
    with a correct cross-reference table: the hostile files are written by hand."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def page_objects(content, extra=b""):
    """Catalog, pages, one page showing `content` (a stream object's body), in that order."""
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " + extra +
            b" >>",
            content]


def bomb_nested(path, depth=200000):
    """An object nested 200,000 arrays deep: a parser that recurses for each runs out of stack."""
    nested = b"[" * depth + b"]" * depth
    raw_pdf(path, page_objects(b"<< /Length 0 >>\nstream\n\nendstream", b"/Bomb " + nested))


def bomb_stream(path, size=256 << 20):
    """A page whose content stream inflates from a few hundred kilobytes to 256 MB of spaces."""
    import zlib
    squeezed = zlib.compressobj(9)
    packed = b"".join(squeezed.compress(b" " * (1 << 20)) for _ in range(size >> 20)) + squeezed.flush()
    raw_pdf(path, page_objects(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) +
                               packed + b"\nendstream"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    council_minutes(os.path.join(out, "council-minutes.pdf"))
    two_columns(os.path.join(out, "two-columns.pdf"))
    many_pages(os.path.join(out, "long-2000-pages.pdf"), 2000)
    encrypted(os.path.join(out, "encrypted-user-password.pdf"), "open-sesame")
    encrypted(os.path.join(out, "encrypted-no-user-password.pdf"), "")
    scanned(os.path.join(out, "scanned.pdf"))
    part_scanned(os.path.join(out, "part-scanned.pdf"))
    garbled(os.path.join(out, "garbled.pdf"))
    garbled_letters(os.path.join(out, "garbled-letters.pdf"))
    bomb_nested(os.path.join(out, "bomb-nested.pdf"))
    bomb_stream(os.path.join(out, "bomb-stream.pdf"))
    with open(os.path.join(out, "council-minutes.pdf"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "truncated.pdf"), "wb") as f:
        f.write(whole[: len(whole) // 3])


if __name__ == "__main__":
    main()
