from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

import pytest

from resources.embeds import parse_video_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", ("YouTube", "aqz-KE-bpKQ")),
        ("https://youtu.be/aqz-KE-bpKQ", ("YouTube", "aqz-KE-bpKQ")),
        ("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", ("YouTube", "aqz-KE-bpKQ")),
        ("https://vimeo.com/76979871", ("Vimeo", "76979871")),
        ("https://www.youtube.com/watch?v=short", None),
        ("javascript:alert(1)", None),
        ("https://evil.example/watch?v=aqz-KE-bpKQ", None),
        ("not a url at all", None),
    ],
)
def test_parse_video_url(url, expected):
    assert parse_video_url(url) == expected


def test_youtube_embeds_use_privacy_enhanced_mode_without_network():
    embed = get_embed("https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    assert 'src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in embed.html
    assert 'title="YouTube video player"' in embed.html


def test_unknown_video_addresses_are_refused():
    with pytest.raises(EmbedException):
        get_embed("https://example.org/video/1")


def test_resource_refuses_video_without_transcript_or_with_bad_address(toolkit):
    from django.core.exceptions import ValidationError

    from resources.models import ResourcePage

    resource = ResourcePage(title="Video", resource_type="video", media_url="https://example.org/v", summary="s")
    with pytest.raises(ValidationError) as error:
        resource.clean()
    assert "transcript" in error.value.message_dict
    assert "media_url" in error.value.message_dict
