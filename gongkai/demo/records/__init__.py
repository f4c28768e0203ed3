"""The demo bureau's records (临沧市民政局, 2025–2026), in the shapes the bureau publishes:
policy documents with their interpretations, notices, news, the 社会救助 and 养老服务 key
areas, the 政府信息公开 columns, a few records that must never reach the portal, and work
waiting in every queue of the console.

Everything except the seed (临民字〔2018〕2号) is invented for the demo — document
numbers, figures, institutions — and says so in its note. No real person is named."""

from gongkai.demo.records.base import Channel, DemoRecord
from gongkai.demo.records.disclosure import DISCLOSURE, IN_PROGRESS, NOT_PUBLIC, SEED, SEED_TEXT
from gongkai.demo.records.key_areas import ELDERLY_CARE, SOCIAL_ASSISTANCE
from gongkai.demo.records.news import NEWS, NOTICES
from gongkai.demo.records.policies import INTERPRETATIONS, POLICIES, SUPERSEDED

RECORDS = [
    SEED,
    *POLICIES,
    *INTERPRETATIONS,
    *NOTICES,
    *NEWS,
    *SOCIAL_ASSISTANCE,
    *ELDERLY_CARE,
    *DISCLOSURE,
    *NOT_PUBLIC,
    *IN_PROGRESS,
]

__all__ = ["RECORDS", "SEED", "SEED_TEXT", "SUPERSEDED", "Channel", "DemoRecord"]
