"""The demo's documents: the birth certificate (a one-page PDF) of one child in
EVERY, and the akimat's decision on the first placement (a PNG "scan") of one in
three of those, attached by the officer of the child's district where there is one.
A few, so that the pages show documents without slowing the demo down."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from children.models import Child
from documents.models import DocumentKind
from documents.services import document_attach
from registry.models import Role, User


def demo_pdf(title: str) -> bytes:
    """A valid one-page PDF that says `title` (ASCII)."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>"
        b"/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    size = len(objects) + 1
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def demo_scan(title: str) -> bytes:
    image = Image.new("L", (420, 594), 250)
    ImageDraw.Draw(image).text((30, 30), title, fill=20)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


EVERY = 4


def load_demo_documents(*, actor, seed: int, stdout) -> None:
    officers = {}
    for officer in User.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk"):
        officers.setdefault(officer.district_id, officer)
    count = 0
    children = Child.objects.select_related("district").prefetch_related("placements")
    for number, child in enumerate(children.order_by("pk")[::EVERY]):
        by = officers.get(child.district_id, actor)
        document_attach(
            actor=by,
            child=child,
            kind=DocumentKind.BIRTH_CERTIFICATE,
            number=f"I-{child.pk:06d}",
            date=min(child.birth_date + datetime.timedelta(days=10), child.registered_on),
            upload=SimpleUploadedFile("birth.pdf", demo_pdf(f"Birth certificate #{child.pk}")),
        )
        count += 1
        placements = list(child.placements.all())
        if number % 3 == 0 and placements:
            placement = placements[0]
            document_attach(
                actor=by,
                child=child,
                kind=DocumentKind.AKIMAT_DECISION,
                number=f"{placement.pk}-P",
                date=placement.start_date,
                upload=SimpleUploadedFile("decision.png", demo_scan(f"Decision {placement.pk}")),
                record=placement,
            )
            count += 1
    stdout.write(f"Demo documents: {count}.")
