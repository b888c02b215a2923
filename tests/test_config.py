"""config.yaml: one registry of settings, documented, strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError, NoSite, load_config, settings_registry

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_has_help_and_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name, _default, help_text in settings_registry():
        assert help_text, f"{name} has no help"
        assert f"`{name}`" in readme, f"README does not document {name}"


def test_shipped_config_loads_and_names_every_top_level_setting():
    config = load_config(ROOT / "config.yaml")
    text = (ROOT / "config.yaml").read_text()
    for name in Config.model_fields:
        assert f"{name}:" in text
    assert config.languages == ["pl", "en", "kk", "ru"]
    assert config.idle_timeout_s == 60
    # WCAG 2.2.1: warned before the reset, a visitor has at least 20 s to ask for more time.
    assert config.idle_warning_s == Config().idle_warning_s == 20
    assert config.timezone == "Asia/Almaty"


def test_the_site_is_named_or_found_never_guessed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    with pytest.raises(NoSite, match="--config PATH or KIOSK_CONFIG"):
        load_config(None)
    site = tmp_path / "hall-a"
    site.mkdir()
    (site / "config.yaml").write_text("kiosk_id: hall-a\n")
    monkeypatch.setenv("KIOSK_CONFIG", str(site / "config.yaml"))
    config = load_config(None)
    assert config.kiosk_id == "hall-a"
    assert config.store_file == site / "data" / "visitors.db"  # beside the config, not in the working folder
    (tmp_path / "config.yaml").write_text("kiosk_id: here\n")
    assert load_config(None).kiosk_id == "hall-a"  # KIOSK_CONFIG before ./config.yaml
    monkeypatch.delenv("KIOSK_CONFIG")
    assert load_config(None).kiosk_id == "here"
    assert load_config(site).kiosk_id == "hall-a"  # the site's folder stands for its config


def test_unknown_and_wrong_keys_name_file_and_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "kiosk_id: hall-a\nidle_timout_s: 30\ndisplay:\n  orientation: sideways\ntimezone: Mars/Olympus\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = sorted(str(p) for p in caught.value.problems)
    assert any(":2: idle_timout_s: unknown field (did you mean `idle_timeout_s`?)" in x for x in lines)
    assert any(":4: display.orientation:" in x for x in lines)
    assert any(":5: timezone: unknown time zone 'Mars/Olympus'" in x for x in lines)


def test_default_language_must_be_offered(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("languages: [pl, en]\ndefault_language: kk\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value.problems[0]).endswith(":2: default_language: 'kk' is not one of languages")


def test_paths_are_relative_to_the_config_file(tmp_path):
    path = tmp_path / "sub" / "config.yaml"
    path.parent.mkdir()
    path.write_text("store_path: counts/v.db\n")
    assert load_config(path).store_file == tmp_path / "sub" / "counts" / "v.db"


def test_a_warning_longer_than_the_timeout_is_refused(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("kiosk_id: hall\nidle_timeout_s: 25\nidle_warning_s: 30\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert ":3: idle_warning_s: idle_warning_s (30) must be shorter than idle_timeout_s (25)" in str(
        caught.value.problems[0]
    )
    path.write_text("kiosk_id: hall\nidle_timeout_s: 25\nidle_warning_s: 20\n")
    assert load_config(path).idle_warning_s == 20
