"""Sanitising an uploaded image: recognised by its content, capped before decoding, re-encoded without metadata.

Order of the checks matters: the byte cap before anything is parsed, the format from the magic bytes (never the
file name or the declared type), the pixel count from the header before a single pixel is decoded (a 50 kB PNG can
claim 100,000 x 100,000 pixels), then decoding, orientation and re-encoding into a fresh image that carries no EXIF,
ICC profile, text chunk or trailing bytes.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

# Odoo stops Pillow's plugin discovery after the common formats (odoo.tools.image); register the three we accept.
_PLUGINS = (JpegImagePlugin, PngImagePlugin, WebPImagePlugin)

# Pillow warns above MAX_IMAGE_PIXELS and raises above twice that. Odoo refuses images above 50 Mpx
# (odoo.tools.image.IMAGE_MAX_RESOLUTION); keep Pillow's own guard at most there, our callers pass a lower cap.
MAX_PIXELS = 50_000_000
if Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS > MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS

FORMATS = {"png": ("PNG", "image/png"), "jpeg": ("JPEG", "image/jpeg"), "webp": ("WEBP", "image/webp")}


class ImageRefused(ValueError):
    """An upload refused; ``reason`` is one of 'size', 'format', 'pixels', 'resolution', 'corrupt'."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    format: str  # 'png', 'jpeg' or 'webp'
    mimetype: str
    width: int
    height: int


def sniff_format(data: bytes) -> str | None:
    """The format the first bytes announce ('png', 'jpeg', 'webp'), None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def parse_formats(value: str | None) -> list[str]:
    """'png, JPEG,jpg' -> ['png', 'jpeg'] (known formats only, in order, no duplicates)."""
    result = []
    for item in (value or "").split(","):
        name = item.strip().lower()
        name = "jpeg" if name == "jpg" else name
        if name in FORMATS and name not in result:
            result.append(name)
    return result


def _open_header(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRefused("pixels", max_pixels=MAX_PIXELS) from error
        except (OSError, SyntaxError, ValueError) as error:
            raise ImageRefused("corrupt") from error


def _fresh_copy(image: Image.Image, target: str) -> Image.Image:
    """Pixels only, in a mode the target format stores: nothing of the source's info dict survives."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha and target != "jpeg" else "RGB"
    if image.mode == "L" and not has_alpha:
        mode = "L"
    converted = image.convert(mode)
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def sanitize_image(data: bytes, formats: list[str], max_bytes: int, max_pixels: int,
                   min_width: int = 0, min_height: int = 0) -> CleanImage:
    """The upload re-encoded in its own format without metadata, or ImageRefused saying why."""
    if not data or len(data) > max_bytes:
        raise ImageRefused("size", max_bytes=max_bytes, size=len(data or b""))
    sniffed = sniff_format(data)
    if sniffed is None or sniffed not in formats:
        raise ImageRefused("format", formats=formats)
    image = _open_header(data)
    if image.format != FORMATS[sniffed][0]:
        raise ImageRefused("format", formats=formats)
    width, height = image.size
    if width * height > min(max_pixels, MAX_PIXELS):
        raise ImageRefused("pixels", max_pixels=min(max_pixels, MAX_PIXELS), width=width, height=height)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)  # an animated PNG/WebP keeps its first frame only
            image.load()
            oriented = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused("pixels", max_pixels=max_pixels) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRefused("corrupt") from error
    if oriented.width < min_width or oriented.height < min_height:
        raise ImageRefused("resolution", min_width=min_width, min_height=min_height,
                           width=oriented.width, height=oriented.height)
    clean = _fresh_copy(oriented, sniffed)
    output = io.BytesIO()
    if sniffed == "png":
        clean.save(output, "PNG", optimize=False, compress_level=6)
    elif sniffed == "jpeg":
        clean.save(output, "JPEG", quality=90)
    else:
        clean.save(output, "WEBP", quality=90)
    return CleanImage(output.getvalue(), sniffed, FORMATS[sniffed][1], clean.width, clean.height)
