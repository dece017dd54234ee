from odoo.addons.sale_gift_personalization.lib.layout import area_in_base, box_to_pixels, fit_inside, fit_text_size


def test_area_without_size_is_the_whole_base():
    assert area_in_base(400, 200, (0, 0, 0, 0)) == (0, 0, 400, 200)


def test_area_is_clamped_to_the_base():
    assert area_in_base(400, 200, (300, 150, 500, 500)) == (300, 150, 100, 50)
    assert area_in_base(400, 200, (-20, -5, 100, 100)) == (0, 0, 100, 100)


def test_box_percent_to_pixels():
    assert box_to_pixels((100, 50, 200, 100), (10, 20, 80, 60)) == (120, 70, 160, 60)
    assert box_to_pixels((0, 0, 2000, 2000), (0, 0, 100, 100)) == (0, 0, 2000, 2000)


def test_box_is_kept_inside_the_area():
    assert box_to_pixels((0, 0, 100, 100), (90, 90, 50, 50)) == (90, 90, 10, 10)
    assert box_to_pixels((0, 0, 100, 100), (-10, 150, 20, 20)) == (0, 100, 20, 0)


def test_fit_text_size_is_the_largest_that_fits():
    def measure(size):  # a monospace font: each of 10 characters is size/2 wide, size tall
        return (10 * size // 2, size)

    assert fit_text_size(measure, 200, 100, max_size=100) == 40
    assert fit_text_size(measure, 1000, 30, max_size=100) == 30
    assert fit_text_size(measure, 1000, 1000, max_size=72) == 72


def test_fit_text_size_falls_back_to_the_minimum():
    assert fit_text_size(lambda size: (1000, 1000), 10, 10, max_size=50, min_size=6) == 6


def test_fit_inside_keeps_aspect_and_centres():
    assert fit_inside(1500, 1500, (100, 100, 800, 400)) == (300, 100, 400, 400)
    assert fit_inside(400, 200, (0, 0, 100, 100)) == (0, 25, 100, 50)
    assert fit_inside(0, 10, (0, 0, 100, 100)) == (0, 0, 0, 0)
