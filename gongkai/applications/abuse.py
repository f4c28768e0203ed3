"""Abuse control of the public application form and of /track/, without outside services
(issue 5 §1): rate limits, a honeypot field, and a challenge that a browser solves by itself
(proof of work) or a person answers (a sum in large print, for visitors without JavaScript).

Rate limits count in Django's cache (fixed windows). Keys are HMACs of the address, the
identity number or the tracking code, so the cache never holds them in the clear. The cache
is the installation's file cache (``GONGKAI_CACHE_DIR``), shared by every worker process on
the machine, so a limit holds whatever the number of workers.

The challenge is a token signed with ``django.core.signing`` (so it cannot be forged and
expires after :data:`CHALLENGE_MAX_AGE`) carrying a random nonce, the difficulty and an HMAC
of the sum's answer (the answer itself is not readable from the page). The browser looks for
a counter such that SHA-256(``nonce:counter``) starts with ``difficulty`` zero bits
(``static/applications/apply.js``); the server checks it with one hash. The nonce is also
the form's one-time submission key: a registration made with it answers every later
submission of the same form, so a solved challenge cannot register a second application.
"""

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from gongkai.audit.context import request_ip

SALT = "gongkai.applications.abuse"
CHALLENGE_MAX_AGE = 3 * 60 * 60  # seconds: time enough to fill the form slowly
DEFAULT_POW_BITS = 16  # about 65 000 hashes: a second or two in a browser
HONEYPOT_FIELD = "website"


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key."""

    name: str
    count: int
    seconds: int


# Defaults; an installation may change any of them with GONGKAI_ABUSE_LIMITS = {name: (n, s)}.
DEFAULT_LIMITS = {
    "apply_ip": (20, 60 * 60),  # form submissions from one address per hour
    "apply_identity": (10, 24 * 60 * 60),  # registrations of one identity number per day
    "track_ip": (20, 60 * 60),  # wrong /track/ guesses from one address per hour
    "track_code": (5, 60 * 60),  # wrong guesses for one tracking code per hour
}


def limit(name: str) -> Limit:
    overrides = getattr(settings, "GONGKAI_ABUSE_LIMITS", {}) or {}
    count, seconds = overrides.get(name, DEFAULT_LIMITS[name])
    return Limit(name, int(count), int(seconds))


def _digest(value: str) -> str:
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:40]


def _key(the_limit: Limit, value: str) -> str:
    return f"gongkai:limit:{the_limit.name}:{_digest(value)}"


def client_ip(request: HttpRequest) -> str:
    """The address the audit trail and the login lockout use (GONGKAI_PROXY_COUNT)."""
    return request_ip(request) or "unknown"


def is_limited(name: str, value: str) -> bool:
    """Whether ``value`` has used up its hits of the limit ``name`` in the current window."""
    the_limit = limit(name)
    return int(cache.get(_key(the_limit, value), 0)) >= the_limit.count


def hit(name: str, value: str) -> bool:
    """Count one hit; True while the count stays within the limit."""
    the_limit = limit(name)
    key = _key(the_limit, value)
    cache.add(key, 0, timeout=the_limit.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=the_limit.seconds)
        count = 1
    return count <= the_limit.count


def honeypot_filled(data: dict[str, str] | object) -> bool:
    """A field people never see (hidden by CSS, skipped by the tab key and screen readers);
    robots that fill every field fill it."""
    value = data.get(HONEYPOT_FIELD, "") if hasattr(data, "get") else ""
    return bool(str(value or "").strip())


# The challenge ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Challenge:
    token: str  # signed: nonce, difficulty, HMAC of the sum's answer
    nonce: str
    bits: int
    left: int
    right: int


@dataclass(frozen=True)
class Solved:
    nonce: str  # the submission key


class ChallengeFailed(Exception):
    """``code``: "expired", "invalid" (forged or damaged token) or "unsolved"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def pow_bits() -> int:
    return int(getattr(settings, "GONGKAI_APPLY_POW_BITS", DEFAULT_POW_BITS))


def _answer_mac(nonce: str, answer: int) -> str:
    return salted_hmac(SALT + ".sum", f"{nonce}:{answer}", algorithm="sha256").hexdigest()


def challenge_issue() -> Challenge:
    nonce = secrets.token_hex(16)
    left, right = 1 + secrets.randbelow(9), 1 + secrets.randbelow(9)
    bits = pow_bits()
    token = signing.dumps(
        {"n": nonce, "b": bits, "a": _answer_mac(nonce, left + right)}, salt=SALT, compress=False
    )
    return Challenge(token=token, nonce=nonce, bits=bits, left=left, right=right)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def proof_holds(nonce: str, counter: str, bits: int) -> bool:
    if not counter.isascii() or not counter.isdigit() or len(counter) > 12:
        return False
    digest = hashlib.sha256(f"{nonce}:{counter}".encode()).digest()
    return leading_zero_bits(digest) >= bits


def _as_number(answer: str) -> int | None:
    text = unicodedata.normalize("NFKC", answer).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else None


def challenge_verify(token: str, *, proof: str = "", answer: str = "") -> Solved:
    """The submission key of a solved challenge: a valid proof of work, or the right sum."""
    try:
        content = signing.loads(token, salt=SALT, max_age=CHALLENGE_MAX_AGE)
        nonce, bits, answer_mac = str(content["n"]), int(content["b"]), str(content["a"])
    except signing.SignatureExpired:
        raise ChallengeFailed("expired") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ChallengeFailed("invalid") from None
    if proof and proof_holds(nonce, proof.strip(), bits):
        return Solved(nonce=nonce)
    number = _as_number(answer)
    if number is not None and hmac.compare_digest(_answer_mac(nonce, number), answer_mac):
        return Solved(nonce=nonce)
    raise ChallengeFailed("unsolved")
