#!/usr/bin/env python3
"""Benchmark of the personalisation proof (sale_gift_personalization/lib/proof.py): no database needed.

Renders N times the proof of a 2000 x 2000 base image with two texts (two fonts, two colours) and one
1500 x 1500 JPEG photo fitted into its box, exactly as the order line does (decode, compose, encode), and prints the
median and p95 wall time (target: median < 300 ms).

    python3 scripts/bench_personalization_proof.py --runs 30
"""

import argparse
import importlib.util
import io
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "addons" / "sale_gift_personalization"


def load_lib():
    """Import the addon's pure lib without its Odoo models (as tests/pure do)."""
    package = types.ModuleType("gift_personalization")
    package.__path__ = [str(ADDON)]
    sys.modules["gift_personalization"] = package
    from gift_personalization.lib import fonts, proof  # noqa: PLC0415
    return fonts, proof


def odoo_addons_root(explicit):
    if explicit:
        return Path(explicit)
    spec = importlib.util.find_spec("odoo")
    if spec and spec.origin:
        candidate = Path(spec.origin).resolve().parent.parent / "addons"
        if (candidate / "web").is_dir():
            return candidate
    return Path("/opt/odoo19/addons")


def photo_like(size, seed):
    """JPEG bytes of a noisy gradient: a photo's entropy, not a flat colour that compresses to nothing."""
    from PIL import Image, ImageChops  # noqa: PLC0415

    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 40 + seed)
    image = Image.merge("RGB", (gradient, ImageChops.add(gradient, noise, 2.0), noise))
    output = io.BytesIO()
    image.save(output, "JPEG", quality=90)
    return output.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--max-side", type=int, default=1000,
                        help="the proof's longer side as the order line renders it (0: full size only)")
    parser.add_argument("--odoo-addons", help="Odoo's addons folder (for web's fonts); found from odoo by default")
    args = parser.parse_args()
    fonts, proof = load_lib()
    root = odoo_addons_root(args.odoo_addons)
    base = photo_like((2000, 2000), 1)
    photo = photo_like((1500, 1500), 2)
    texts = [
        proof.TextItem("Anna & Ben — 30.11.2026", str(root / fonts.FONT_FILES["script"]), "#d4af37",
                       (300, 1500, 1400, 250)),
        proof.TextItem("Nguyễn Văn An", str(root / fonts.FONT_FILES["sans"]), "#1a1a1a", (300, 1780, 1400, 150)),
    ]
    images = [proof.ImageItem(photo, (400, 200, 1200, 1200))]
    for max_side in dict.fromkeys([args.max_side or None, None]):
        proof.render_proof(base, texts, images, max_side=max_side)  # warm up: fonts and codecs loaded once
        timings = []
        for _run in range(args.runs):
            start = time.perf_counter()
            result = proof.render_proof(base, texts, images, max_side=max_side)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        label = f"proof at most {max_side} px" if max_side else "proof at full size (2000 px)"
        print(f"{label}, 2000x2000 base + 2 texts + 1500x1500 photo, {args.runs} runs: "
              f"median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, min {timings[0]:.0f} ms, "
              f"max {timings[-1]:.0f} ms; output {len(result) // 1024} KiB JPEG")


if __name__ == "__main__":
    main()
