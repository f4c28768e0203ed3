"""Write a CSV of N records in the import layout (docs/import.md).

python -m bench.imports.generate 10000 var/bench-import/10k.csv
"""

import csv
import sys
from datetime import date, timedelta
from pathlib import Path

HEADER = [
    "索引号",
    "标题",
    "发文机关",
    "文号",
    "成文日期",
    "发布日期",
    "主题分类",
    "体裁",
    "栏目",
    "公开属性",
    "正文",
]
BODY = "为进一步规范城乡最低生活保障工作，切实保障困难群众基本生活，现就有关事项通知如下。" * 8


def main() -> None:
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(count):
            written = date(2020, 1, 1) + timedelta(days=n % 1800)
            published = written + timedelta(days=5) if n % 2 else None
            writer.writerow(
                [
                    f"IMP/{written.year}-{n:06d}" if published else "",
                    f"关于做好第{n}批社会救助资金发放工作的通知",
                    "基准测试市民政局",
                    f"基民发〔{written.year}〕{n + 1}号",
                    written.isoformat(),
                    published.isoformat() if published else "",
                    "民政、扶贫、救灾\\社会福利",
                    "通知",
                    "tzgg；shjz",
                    "主动公开",
                    BODY,
                ]
            )


if __name__ == "__main__":
    main()
