"""The command line: screen's JSON contract, content check, and `run` wiring through SimCord."""

import json
import os
import shutil
import subprocess
import sys

import discord
import pytest
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


def test_screen_names_the_model_and_quotes_the_sentence_behind_it(tmp_path):
    result = cli("screen", stdin="Long week. I have a plan and I'm doing it tonight.", cwd=tmp_path)

    output = json.loads(result.stdout)
    assert output["crisis"]["model"].startswith("ngrams-nblr-")
    model_signal = next(s for s in output["crisis"]["signals"] if s["code"] == "model")
    assert model_signal["sentence"] == "I have a plan and I'm doing it tonight."


def test_eval_measures_a_crisis_file_and_lists_misses(tmp_path):
    rows = [
        {"text": "I keep thinking about killing myself", "label": "urgent"},
        {"text": "pt OD'd on 40 paracetamol, NAC started, fine now", "label": "none"},
        {"text": "Lovely shift, the team was brilliant today.", "label": "urgent"},
    ]
    path = tmp_path / "crisis.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")

    result = cli("eval", str(path), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("crisis: 3 messages (urgent 2, concern 0, none 1)")
    recall = next(line for line in lines if line.startswith("urgent recall"))
    assert recall.split()[2] == "0.500"
    assert next(line for line in lines if line.startswith("none misread as urgent")).split()[4] == "0.000"
    assert any("[urgent → none] Lovely shift" in line for line in lines)


def test_eval_measures_an_identifier_file(tmp_path):
    rows = [
        {
            "text": "Call me on 07700 900123 about Mrs. Alvarez.",
            "identifiers": [{"type": "phone", "value": "07700 900123"}, {"type": "name", "value": "Mrs. Alvarez"}],
        },
        {"text": "She was 84 and on 5 mg of morphine in the ICU.", "identifiers": []},
    ]
    path = tmp_path / "ids.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")

    result = cli("eval", str(path), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "structured recall 1.000; names and places 1.000; clean stories flagged 0.000 (0 of 1)" in result.stdout


def test_eval_refuses_a_bad_file_in_one_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "hi", "label": "maybe"}\n')

    result = cli("eval", str(path), cwd=tmp_path)
    missing = cli("eval", str(tmp_path / "absent.jsonl"), cwd=tmp_path)

    assert result.returncode == 2 and "line 1: label must be urgent, concern or none" in result.stderr
    assert missing.returncode == 2 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr


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

    try:
        async with simcord.run(bot) as env:
            guild = env.create_guild()
            channel = guild.create_text_channel("general")
            member = guild.add_member(env.create_user("ana"))
            result = await member.slash(channel, "about")

            assert bot.is_ready()
            assert bot.intents.value == discord.Intents(guilds=True).value
            assert bot.allowed_mentions.to_dict() == discord.AllowedMentions.none().to_dict()
            assert result.ephemeral and result.response.embeds[0].title == "About Stairwell"
    finally:
        # SimCord detaches without closing: the database's worker threads would keep pytest from exiting.
        await bot.close()


def subcommands(parser):
    """(name, parser) for every subcommand, nested ones included."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield name, child
                yield from subcommands(child)


def test_every_subcommand_describes_itself_in_its_help():
    from bot.cli import _parser

    found = dict(subcommands(_parser()))
    assert {"run", "console", "migrate", "sync", "backup", "content", "check", "screen", "eval"} <= set(found)
    for name, parser in found.items():
        assert parser.description and len(parser.description) > 20, name
        assert parser.description.split(".")[0] in " ".join(parser.format_help().split()), name


def test_version_is_printed(capsys):
    import pytest

    from bot import __version__
    from bot.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"stairwell {__version__}"


def test_a_new_database_and_a_new_secret_key_are_announced(tmp_path):
    result = cli("migrate", cwd=tmp_path, env={"STAIRWELL_DB": str(tmp_path / "new" / "s.sqlite3")})

    assert result.returncode == 0, result.stderr
    assert f"no database at {tmp_path / 'new' / 's.sqlite3'} yet; creating a new, empty one there" in result.stderr
    assert f"generated a secret key in {tmp_path / 'new' / 'secret.key'}" in result.stderr
    again = cli("migrate", cwd=tmp_path, env={"STAIRWELL_DB": str(tmp_path / "new" / "s.sqlite3")})
    assert "no database" not in again.stderr and "generated" not in again.stderr


def test_a_bad_database_path_is_one_clear_line_for_every_command(tmp_path):
    (tmp_path / "afile").write_text("")
    (tmp_path / "notes.txt").write_text("not a database at all")
    key = {"STAIRWELL_SECRET_KEY": "k" * 40, "DISCORD_TOKEN": TOKEN}
    cases = [
        (("migrate",), str(tmp_path), "is a directory"),
        (("backup", str(tmp_path / "copy.sqlite3")), str(tmp_path / "afile" / "s.sqlite3"), "is a file, not a folder"),
        (("console",), "/proc/stairwell-test.sqlite3", "cannot open the database"),
        # SQLite opens any file; only the first statement finds it is not a database (the console then hung).
        (("console",), str(tmp_path / "notes.txt"), "is not a SQLite database"),
        (("run",), "/proc/missing/s.sqlite3", "cannot open the database"),
        (("sync",), str(tmp_path / "afile" / "deeper" / "s.sqlite3"), "is a file, not a folder"),
    ]
    running = [
        (
            expected,
            subprocess.Popen(
                [sys.executable, "-m", "bot", *args],
                env={"PATH": os.environ["PATH"], "PYTHONPATH": os.getcwd(), "STAIRWELL_DB": path, **key},
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for args, path, expected in cases
    ]
    for expected, process in running:
        _, err = process.communicate(timeout=60)
        lines = [line for line in err.splitlines() if not line.startswith("stairwell: no database at")]
        assert process.returncode == 2, (process.args, err)
        assert len(lines) == 1 and lines[0].startswith("stairwell: ") and expected in lines[0], (process.args, err)


def test_the_installed_command_runs_from_any_folder(tmp_path):
    """The README's first command is `.venv/bin/stairwell console`: the package must install, not only import
    from the checkout (a wrong wheel setting once left the script unable to find `bot`)."""
    script = os.path.join(os.path.dirname(sys.executable), "stairwell")
    if not os.path.exists(script):
        pytest.skip("stairwell is not installed in this environment (pip install -e . installs it)")
    result = subprocess.run(
        [script, "--version"],
        env={"PATH": os.environ["PATH"]},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stairwell ")


def test_shards_spread_over_processes_are_refused_on_sqlite_in_one_line(tmp_path):
    """Other processes would serve the other shards, and they cannot share a SQLite file across machines."""
    env = {"STAIRWELL_SECRET_KEY": "k" * 40, "DISCORD_TOKEN": TOKEN, "STAIRWELL_DB": str(tmp_path / "s.sqlite3")}
    cases = [
        (("--shard-count", "2", "--shard-ids", "1"), "set STAIRWELL_DB to a postgresql:// URL"),
        (("--shard-ids", "0"), "--shard-ids needs --shard-count"),
        (("--shard-count", "2", "--shard-ids", "0,2"), "shard ids must be between 0 and 1"),
    ]
    for args, expected in cases:
        done = cli("run", *args, env=env, cwd=tmp_path)
        lines = [line for line in done.stderr.splitlines() if not line.startswith("stairwell: no database at")]
        assert done.returncode == 2 and len(lines) == 1 and expected in lines[0], (args, done.stderr)


def test_each_process_runs_and_serves_only_the_platforms_it_can_reach():
    """Telegram in shard 0's process only; a process takes no background work for a platform it does not run."""
    from bot.cli import PlatformName, _here
    from bot.core.shards import Scope

    both = [PlatformName.DISCORD, PlatformName.TELEGRAM]
    assert _here(both, Scope()) == (both, Scope())
    assert _here(both, Scope.for_shards(4, [0, 1])) == (both, Scope.for_shards(4, [0, 1]))
    assert _here(both, Scope.for_shards(4, [2, 3])) == ([PlatformName.DISCORD], Scope.for_shards(4, [2, 3]))
    assert _here([PlatformName.DISCORD], Scope())[1] == Scope(others=False)
    assert _here([PlatformName.TELEGRAM], Scope())[1] == Scope(discord=False)


def test_shard_ids_are_numbers_or_ranges():
    from bot.cli import _parser

    assert _parser().parse_args(["run", "--shard-count", "8", "--shard-ids", "0-2,5"]).shard_ids == [0, 1, 2, 5]
    assert _parser().parse_args(["run", "--shard-count", "8", "--shard-ids", "3"]).shard_ids == [3]


async def test_all_shards_in_one_process_run_on_sqlite(tmp_path):
    from bot.cli import _parser, _scope
    from bot.core.app import Stairwell

    settings = load_settings(environ={"DISCORD_TOKEN": TOKEN, "STAIRWELL_DB": str(tmp_path / "one.sqlite3")})
    args = _parser().parse_args(["run", "--shard-count", "2"])
    scope = _scope(settings, args, ["discord"])
    app = await Stairwell.open(settings.db_path, settings.secret_key, scope=scope)
    bot = _make_bot(settings, app)
    try:
        async with simcord.run(bot) as env:
            guilds = [env.create_guild(shard_id=shard) for shard in (0, 1)]
            for guild in guilds:
                channel = guild.create_text_channel("general")
                result = await guild.add_member(env.create_user("ana")).slash(channel, "about")
                assert result.ephemeral and result.response.embeds[0].title == "About Stairwell"
            assert isinstance(bot, discord.AutoShardedClient) and bot.shard_count == 2
            assert sorted(bot.shards) == [0, 1]
    finally:
        await app.close()
