"""Helpers of the sweep tests: records published through the services, then a leak planted
in what the public already reads (as old data, or an import of historic records, would be)."""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile

from gongkai.documents import services
from gongkai.documents.models import Attachment, Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish

ID_NUMBER = "11010519491231002X"
MOBILE = "13812345678"
LEAKY_BODY = f"<p>申请人张三，身份证号码：{ID_NUMBER}，联系电话：{MOBILE}。</p>"
LATER = NOW + timedelta(days=1)
EVEN_LATER = NOW + timedelta(days=2)


def published(cast, title="临沧市最低生活保障实施细则", **data):
    record = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, title=title, **data),
        now=NOW,
    )
    return publish(cast, record)


def plant_in_body(record, body=LEAKY_BODY):
    Record.objects.filter(pk=record.pk).update(body=body)
    record.refresh_from_db()
    return record


def plant_file(record, name, data: bytes):
    attachment = Attachment(
        record=record,
        original_name=name,
        kind="csv",
        content_type="text/csv",
        extension="." + name.rsplit(".", 1)[-1],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        position=record.attachments.count(),
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment


def csv_list() -> bytes:
    rows = ["序号,姓名,身份证号码,联系电话", f"1,张三,{ID_NUMBER},{MOBILE}"]
    return ("\n".join(rows) + "\n").encode()
