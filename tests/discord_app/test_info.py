from bot.core.info import about_card, privacy_card
from bot.discord_app.platform import TERMS

ABOUT, PRIVACY = about_card(TERMS), privacy_card(TERMS)


async def test_about_is_private_and_says_it_is_not_a_crisis_service(world):
    result = await world.member.slash(world.general, "about")

    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == ABOUT.title
    assert any("not a crisis" in field.name for field in embed.fields)
    assert any("emergency number" in field.value for field in embed.fields)
    assert world.general.last_message is None


async def test_privacy_is_private_and_explains_retention_and_deletion(world):
    result = await world.member.slash(world.general, "privacy")

    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == PRIVACY.title
    text = " ".join(field.value for field in embed.fields)
    assert "30 days" in text and "7 days" in text and "/forgetme" in text


async def test_privacy_names_what_is_erased_with_the_text_and_that_sealed_ids_hold_no_time(world):
    result = await world.member.slash(world.general, "privacy")

    text = " ".join(field.value for field in result.response.embeds[0].fields)
    assert "lose their text, content warning, reason and replies after 7 days" in text
    assert "screening signals" in text and "holds no time" in text and "before redaction" in text


async def test_privacy_uses_discords_words(world):
    result = await world.member.slash(world.general, "privacy")

    embed = result.response.embeds[0]
    text = embed.description + " ".join(field.value for field in embed.fields)
    assert "Your Discord ID is turned into a keyed pseudonym" in text
    assert "a given Discord account" in text and "Discord itself sees" in text


async def test_help_lists_every_command_with_its_own_description(world):
    result = await world.member.slash(world.general, "help")

    assert result.ephemeral
    body = result.response.embeds[0].description
    for command in world.bot.tree.walk_commands():
        if not hasattr(command, "commands"):
            assert f"/{command.qualified_name} — {command.description}" in body
    assert "/setup channels —" in body and "/help —" in body
