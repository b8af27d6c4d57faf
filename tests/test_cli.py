"""The command line: screen's JSON contract, content check, and `run` wiring through SimCord."""

import json
import os
import shutil
import subprocess
import sys

import discord
import simcord

from bot.cli import _make_bot
from bot.config import load_settings
from bot.paths import content_dir

TOKEN = "M" * 24 + "." + "G" * 6 + "." + "x" * 38


def cli(*args, stdin="", cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        env={"PATH": os.environ["PATH"], "PYTHONPATH": os.getcwd(), **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_screen_prints_the_stable_json(tmp_path):
    result = cli("screen", stdin="Mrs. Alvarez died on March 3rd. kms honestly", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"crisis", "identifiers", "redacted"}
    assert output["crisis"]["level"] == "urgent"
    assert {"code", "level", "explanation"} <= set(output["crisis"]["signals"][0])
    types = {item["type"] for item in output["identifiers"]}
    assert {"name", "date"} <= types
    text = "Mrs. Alvarez died on March 3rd. kms honestly"
    assert all(text[i["start"] : i["end"]] == i["text"] for i in output["identifiers"])
    assert "Alvarez" not in output["redacted"] and "[date]" in output["redacted"]


def test_screen_jsonl_answers_every_line(tmp_path):
    lines = [json.dumps({"text": "this rota is killing me"}), "not json", json.dumps({"text": "email me at a@b.org"})]
    result = cli("screen", "--jsonl", stdin="\n".join(lines) + "\n", cwd=tmp_path)

    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 3
    assert outputs[0]["crisis"]["level"] == "none"
    assert "error" in outputs[1]
    assert outputs[2]["identifiers"][0]["type"] == "email"


def test_content_check_passes_on_the_shipped_content(tmp_path):
    result = cli("content", "check", cwd=tmp_path, env={"STAIRWELL_DB": str(tmp_path / "x.sqlite3")})

    assert result.returncode == 0, result.stdout + result.stderr
    assert "testimonies" in result.stdout and "resources" in result.stdout


def test_content_check_names_file_entry_and_field_of_a_malformed_resource(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder)
    broken = (folder / "resources.toml").read_text().replace('kind = "crisis"', 'kind = "hotline"', 1)
    (folder / "resources.toml").write_text(broken)

    result = cli("content", "check", "--content-dir", str(folder), cwd=tmp_path)

    assert result.returncode == 2
    line = result.stderr.strip()
    assert line.startswith(f"stairwell: {folder / 'resources.toml'}, entry ")
    assert "field 'kind'" in line and "Traceback" not in result.stderr


async def test_run_builds_a_bot_that_connects_and_answers(tmp_path):
    settings = load_settings(environ={"DISCORD_TOKEN": TOKEN, "STAIRWELL_DB": str(tmp_path / "run.sqlite3")})
    bot = _make_bot(settings)

    async with simcord.run(bot) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("general")
        member = guild.add_member(env.create_user("ana"))
        result = await member.slash(channel, "about")

        assert bot.is_ready()
        assert bot.intents.value == discord.Intents(guilds=True).value
        assert bot.allowed_mentions.to_dict() == discord.AllowedMentions.none().to_dict()
        assert result.ephemeral and result.response.embeds[0].title == "About Stairwell"
