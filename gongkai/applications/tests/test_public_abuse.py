"""Abuse control of /apply/ without outside services: a honeypot, a signed and time-limited
challenge (proof of work in the browser, or a sum in large print), and rate limits per
address and per identity number. Each refusal registers nothing."""

import base64
import hashlib
import json

from django.core import signing
from django.test import Client

from gongkai.applications import abuse
from gongkai.applications.models import Application
from gongkai.applications.tests.test_public_apply import (
    APPLY,
    challenge_of,
    fields,
    png,
    site_fixture,  # noqa: F401 (the fixture `site`)
    solve,
    submit,
)


def non_field_codes(response) -> list[str]:
    return [e.code for e in response.context["form"].non_field_errors().as_data()]


def challenge_error(response) -> str:
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


def test_a_filled_honeypot_is_refused(client, site):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 400 and response.context["message"]
    assert not Application.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, site):
    html = client.get(APPLY).content.decode()
    start = html.index('class="hp-field"')
    assert 'aria-hidden="true"' in html[start : start + 40]
    assert 'tabindex="-1"' in html[start : html.index("</div>", start)]


def test_a_form_without_its_challenge_is_refused_and_shown_again(client, site):
    data = fields(identity_image=png())
    response = client.post(APPLY, data)
    assert response.status_code == 200 and challenge_error(response)
    assert response.context["form"]["name"].value() == "张三"  # nothing typed is lost
    assert not Application.objects.exists()


def test_an_unsolved_challenge_is_refused(client, site):
    response = submit(client, how="none")
    assert challenge_error(response) and not Application.objects.exists()


def test_a_wrong_sum_is_refused(client, site):
    challenge = challenge_of(client)
    response = client.post(
        APPLY,
        fields(
            identity_image=png(),
            challenge=challenge.token,
            answer=str(challenge.left + challenge.right + 1),
        ),
    )
    assert challenge_error(response) and not Application.objects.exists()


def test_a_sum_in_full_width_digits_is_accepted(client, site):
    challenge = challenge_of(client)
    answer = str(challenge.left + challenge.right).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    response = client.post(
        APPLY, fields(identity_image=png(), challenge=challenge.token, answer=answer)
    )
    assert response.status_code == 302


def test_a_proof_for_another_challenge_is_refused(client, site):
    first, second = challenge_of(client), challenge_of(client)
    assert second.bits > 0
    # A proof of the first challenge that does not also hold for the second: at the easy
    # difficulty of the tests one counter in 2**bits holds for both by chance.
    counter = 0
    while not abuse.proof_holds(first.nonce, str(counter), first.bits) or abuse.proof_holds(
        second.nonce, str(counter), second.bits
    ):
        counter += 1
    response = client.post(
        APPLY, fields(identity_image=png(), challenge=second.token, proof=str(counter))
    )
    assert challenge_error(response) and not Application.objects.exists()


def test_a_forged_challenge_is_refused(client, site):
    challenge = challenge_of(client)
    payload, rest = challenge.token.split(":", 1)
    content = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    content["b"] = 0  # an easier difficulty
    forged = base64.urlsafe_b64encode(json.dumps(content).encode()).decode().rstrip("=")
    response = client.post(
        APPLY, fields(identity_image=png(), challenge=f"{forged}:{rest}", proof="0")
    )
    assert challenge_error(response) and not Application.objects.exists()


def test_an_expired_challenge_is_refused(client, site, monkeypatch):
    challenge = challenge_of(client)
    later = signing.time.time() + abuse.CHALLENGE_MAX_AGE + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = submit(client, challenge=challenge)
    assert challenge_error(response) and not Application.objects.exists()


def test_the_challenge_does_not_give_its_answer_away(client, site):
    challenge = challenge_of(client)
    content = signing.loads(challenge.token, salt=abuse.SALT)
    assert set(content) == {"n", "b", "a"}
    assert str(challenge.left + challenge.right) != content["a"]
    assert len(content["a"]) == 64  # an HMAC under the secret key


def test_the_proof_of_work_is_checked_with_one_hash():
    nonce, bits = "abc", 8
    counter = solve(nonce, bits)
    digest = hashlib.sha256(f"{nonce}:{counter}".encode()).digest()
    assert digest[0] == 0 and abuse.leading_zero_bits(digest) >= bits
    assert abuse.leading_zero_bits(bytes([0, 0b00010000])) == 11
    assert not abuse.proof_holds(nonce, "-1", 0) and not abuse.proof_holds(nonce, "1e3", 0)


def test_too_many_submissions_from_one_address_are_refused(site, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"apply_ip": (2, 3600)}
    browser = Client(REMOTE_ADDR="198.51.100.7")
    assert submit(browser, phone="1").status_code == 200  # a mistake counts too
    assert submit(browser).status_code == 302
    refused = submit(browser, id_number="110101199003074477")
    assert refused.status_code == 429 and refused.context["message"]
    assert Application.objects.count() == 1
    assert (
        submit(Client(REMOTE_ADDR="198.51.100.8"), id_number="110101199003074477").status_code
        == 302
    )


def test_too_many_applications_with_one_identity_number_are_refused(site, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"apply_identity": (1, 86400)}
    assert submit(Client(REMOTE_ADDR="198.51.100.1")).status_code == 302
    refused = submit(Client(REMOTE_ADDR="198.51.100.2"))
    assert refused.status_code == 429 and refused.context["message"]
    assert Application.objects.count() == 1
    other_person = submit(Client(REMOTE_ADDR="198.51.100.3"), id_number="110101199003074477")
    assert other_person.status_code == 302


def test_the_counters_hold_no_address_or_identity_number_in_the_clear(site, settings):
    from django.core.cache import cache

    submit(Client(REMOTE_ADDR="198.51.100.9"))
    keys = " ".join(cache._cache.keys()) if hasattr(cache, "_cache") else ""
    assert "198.51.100.9" not in keys and "11010519491231002X" not in keys
