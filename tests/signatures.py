"""Signatures as a pad sends them: one with a stroke drawn on it, and pads never touched."""

import base64
import io

from PIL import Image, ImageDraw


def _data_url(image: Image.Image, fmt: str = "PNG") -> str:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def drawn_signature(size=(300, 100), background=(0, 0, 0, 0)) -> str:
    """A PNG data URL with a scribbled name on it, on a transparent (or given) background."""
    image = Image.new("RGBA", size, background)
    ImageDraw.Draw(image).line(
        [(20, 70), (60, 20), (90, 80), (130, 25), (170, 75), (260, 40)],
        fill=(20, 20, 80, 255),
        width=3,
    )
    return _data_url(image)


def empty_pad(size=(300, 100)) -> str:
    """What an untouched pad with a transparent background exports."""
    return _data_url(Image.new("RGBA", size, (0, 0, 0, 0)))


def white_pad(size=(300, 100)) -> str:
    """What an untouched pad with a white background exports."""
    return _data_url(Image.new("RGB", size, "white"))


def stray_dot(size=(300, 100)) -> str:
    """A pad tapped once: a speck of ink, not a signature."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([(50, 50), (52, 52)], fill=(0, 0, 0, 255))
    return _data_url(image)


def jpeg_as_png_url() -> str:
    return _data_url(Image.new("RGB", (20, 20)), fmt="JPEG")
