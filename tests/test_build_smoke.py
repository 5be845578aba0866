"""The real content builds, and the seed item is on the front page and at its URL."""

import sites


def test_seed_item_is_built(tmp_path):
    output = tmp_path / "output"
    run = sites.digest("build", "--output", str(output))
    assert run.returncode == 0, run.stderr
    item = output / "2016/12/11/russia-denies-aleppo-exit-deal/index.html"
    assert "Russia denies any deal with US" in item.read_text()
    assert "2016/12/11/russia-denies-aleppo-exit-deal/" in (output / "index.html").read_text()
