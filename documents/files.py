"""What a document's file may be, decided by its content: a PDF, a JPEG or a PNG, not
empty, at most DOCUMENT_MAX_BYTES. Photos are stored re-encoded, without their
metadata (EXIF: the camera, the time, the place)."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from documents.models import FileType

STORAGE = "documents"  # the entry of settings.STORAGES
CHUNK = 1024 * 1024
SIGNATURES = (
    (b"%PDF-", FileType.PDF),
    (b"\xff\xd8\xff", FileType.JPEG),
    (b"\x89PNG\r\n\x1a\n", FileType.PNG),
)
JPEG_QUALITY = 90


def document_storage():
    return storages[STORAGE]


def max_bytes() -> int:
    return settings.DOCUMENT_MAX_BYTES


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def read_upload(upload) -> bytes:
    """The content of an uploaded file, refused when empty or too large (read no
    further than the limit, whatever size the upload claims)."""
    limit = max_bytes()
    content = io.BytesIO()
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        content.write(chunk)
        if content.tell() > limit:
            raise ValidationError(
                _("The file is larger than %(limit)s MB: scan it at a lower resolution.")
                % {"limit": megabytes(limit)},
                code="too_large",
            )
    if not content.tell():
        raise ValidationError(_("The file is empty."), code="empty")
    return content.getvalue()


def file_type_of(content: bytes) -> str:
    for signature, file_type in SIGNATURES:
        if content.startswith(signature):
            return file_type
    raise ValidationError(
        _("Only PDF, JPEG and PNG files can be attached; this file is something else."),
        code="file_type",
    )


def without_metadata(content: bytes, file_type: str) -> bytes:
    """A photo re-encoded from its pixels alone (turned upright first, as its EXIF
    said), so that nothing of its metadata is kept; a PDF as it is."""
    if file_type == FileType.PDF:
        return content
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if file_type == FileType.JPEG:
                if upright.mode not in ("RGB", "L", "CMYK"):
                    upright = upright.convert("RGB")
                upright.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
            else:
                upright.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The image cannot be read: it is damaged or not really a JPEG or PNG."),
            code="unreadable",
        ) from None
    return out.getvalue()


def checked_content(upload) -> tuple[bytes, str]:
    """(content to store, file type) of an upload, or ValidationError."""
    content = read_upload(upload)
    file_type = file_type_of(content)
    return without_metadata(content, file_type), file_type
