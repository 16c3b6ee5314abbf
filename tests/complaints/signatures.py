import base64
import io

from PIL import Image


def png_data_url(size=(300, 100)) -> str:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 0, 0)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def jpeg_as_png_url() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="JPEG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
