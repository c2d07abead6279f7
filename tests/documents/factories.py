"""Test documents, attached through the service officers use, and the files of each
kind the register accepts or refuses."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from documents.models import DocumentKind
from documents.services import document_attach

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def photo_with_location(format="JPEG") -> bytes:
    """A photo whose EXIF names the camera and the place it was taken."""
    image = Image.new("RGB", (40, 30), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 15.0, 0.0)  # latitude: Almaty
    gps[3] = "E"
    gps[4] = (76.0, 57.0, 0.0)
    out = io.BytesIO()
    image.save(out, format=format, exif=exif)
    return out.getvalue()


def upload(content: bytes = PDF, name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def attach(
    actor, child, *, kind=DocumentKind.BIRTH_CERTIFICATE, content=PDF, name="scan.pdf", **extra
):
    return document_attach(
        actor=actor,
        child=child,
        kind=kind,
        number=extra.pop("number", "I-АБ 123456"),
        date=extra.pop("date", datetime.date(2015, 6, 5)),
        upload=upload(content, name),
        **extra,
    )
