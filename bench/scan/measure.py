"""Measure the privacy scanner against ripgrep and Presidio on the corpus of ``generate``.

python -m bench.scan.measure DIR [--runs 3] [--presidio-mb 5] [--big-mb 300]

Everything in one run on one machine, so that the ratios hold on a noisy one (docs/benchmarks.md):

- Gongkai on ``gov.txt`` (a county site's notices), ``sparse.txt`` (ordinary notices, one
  personal item per ~50 KB) and ``lists.txt`` (dense with lists), in this
  process, one core: ``isolated.scan_file`` (what ``scan_file_isolated`` runs in its child; text
  through the compiled line pass when it is built), ``scan_file_isolated`` itself (the forked
  child, as the gate, the sweeps and ``gongkai scan`` run it),
  ``scan_segments(extract_file(...))`` (the Python pass, every line a segment; the findings
  must be the same), and ``extract_file`` alone.
- ripgrep (``rg -j1 --count-matches``, process start included) with the four shapes of the
  planted kinds, ASCII look-around bounds as the scanner has (privacy.md §2); count only, no
  validation, no full-width folding. Both engines: PCRE2 (``-P``) and the default one.
- Presidio (presidio-analyzer, :class:`NoOpNlpEngine`: no spaCy model) with four
  ``PatternRecognizer`` of the same shapes and the scanner's own validators in
  ``validate_result``, called once per line, on the first ``--presidio-mb`` MB.
- Precision and recall per kind against ``gov.truth`` / ``lists.truth`` (a finding overlapping a planted valid
  item of the same kind is a true positive; every other finding of the four kinds is false).
- XLSX (``list.xlsx``) and DOCX (``notice.docx``): time, precision and recall.
- Peak memory (``ru_maxrss`` of a child process) scanning ``gov.txt`` and a file ``--big-mb``
  MB large (``gov.txt`` repeated), to show that it does not grow with the file.
- Bad input through :func:`gongkai.core.privacy.isolated.scan_file_isolated`: what each gives.
"""

import argparse
import collections
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from gongkai.core.privacy import Finding, Segment, scan_segments, scanner
from gongkai.core.privacy.extract import ScanLimits, Unreadable, extract_file
from gongkai.core.privacy.isolated import scan_file, scan_file_isolated
from gongkai.core.privacy.recognizers import card_valid, mobile_valid, ric18_valid, uscc_valid

MB = 1_000_000  # privacy.md §6.1: MB = 10⁶ bytes
ID, MOBILE, CARD, USCC = "cn_resident_id", "cn_mobile", "bank_card", "cn_uscc"
KINDS = (ID, MOBILE, CARD, USCC)

# The shapes of the four kinds, bounded by ASCII look-arounds (never \b: privacy.md §2).
_SHAPES = {
    ID: r"[0-9]{17}[0-9Xx]",
    MOBILE: r"(?:(?:\+|00)?86[ -]?)?1[3-9][0-9]{9}",
    CARD: r"[0-9]{16,19}",
    USCC: r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}",
}
BOUNDED = {kind: rf"(?<![0-9A-Za-z]){shape}(?![0-9A-Za-z])" for kind, shape in _SHAPES.items()}
RG_PATTERN = "(?<![0-9A-Za-z])(?:" + "|".join(_SHAPES.values()) + ")(?![0-9A-Za-z])"
# The default engine has no look-around: ASCII word boundaries instead (privacy.md §6.2 C2).
RG_PATTERN_DEFAULT = r"(?-u:\b)(?:" + "|".join(_SHAPES.values()) + r")(?-u:\b)"


def median_time(runs: int, job: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        result = None  # the last run's results are freed before the clock starts
        started = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def segments(path: Path, limits: ScanLimits) -> Iterator[Segment]:
    for item in extract_file(path, limits=limits):
        if isinstance(item, Unreadable):
            raise SystemExit(f"{path}: unreadable: {item.reason}")
        yield item


Located = tuple[object, int, int, str]


def gongkai(path: Path, limits: ScanLimits) -> list[Finding | Unreadable]:
    """``scan_file``: what ``scan_file_isolated`` runs in its child for ``gongkai scan``, every
    result kept as a caller keeps them (the timed part; scoring is done afterwards)."""
    return list(scan_file(path, limits=limits))


def composed(path: Path, limits: ScanLimits) -> list[Finding]:
    """``scan_segments(extract_file(...))``: every line a segment, all in Python (the compiled
    pass left out): the reference the fast path must equal, and its baseline."""
    compiled = scanner._scan_lines, scanner._scan_digits
    scanner._scan_lines = scanner._scan_digits = None
    try:
        return list(scan_segments(segments(path, limits)))
    finally:
        scanner._scan_lines, scanner._scan_digits = compiled


def located(path: Path, results: list[Finding | Unreadable], key: str = "line") -> list[Located]:
    """(where, start, end, kind) of the findings of the four scored kinds."""
    found: list[Located] = []
    for result in results:
        if isinstance(result, Unreadable):
            raise SystemExit(f"{path}: unreadable: {result.reason}")
        if result.kind in KINDS:
            found.append((result.where[key], result.start, result.end, result.kind))
    return found


def isolated_findings(path: Path, limits: ScanLimits) -> int:
    """Findings of ``scan_file_isolated``: the product's path (a forked child, its findings
    pickled back through a pipe in batches)."""
    items = scan_file_isolated(path, seconds=600, memory_bytes=4 << 30, limits=limits)
    return sum(1 for item in items if isinstance(item, Finding))


def extract_only(path: Path, limits: ScanLimits) -> int:
    return sum(1 for _ in segments(path, limits))


def score(
    truth: dict[object, list[tuple[int, int, str]]], found: list[tuple[object, int, int, str]]
) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per kind; a planted item is found
    when a finding of its kind overlaps it."""
    hit: set[tuple[object, int]] = set()
    tp: collections.Counter[str] = collections.Counter()
    fp: collections.Counter[str] = collections.Counter()
    for where, start, end, kind in found:
        match = None
        for index, (a, b, k) in enumerate(truth.get(where, ())):
            if k == kind and start < b and a < end:
                match = index
                break
        if match is None:
            fp[kind] += 1
        else:
            tp[kind] += 1
            hit.add((where, match))
    planted = collections.Counter(k for spans in truth.values() for _, _, k in spans)
    recalled = collections.Counter(truth[w][i][2] for w, i in hit)
    return {kind: (tp[kind], fp[kind], planted[kind] - recalled[kind]) for kind in KINDS}


def read_truth(path: Path) -> dict[object, list[tuple[int, int, str]]]:
    truth: dict[object, list[tuple[int, int, str]]] = collections.defaultdict(list)
    with path.open(encoding="ascii") as lines:
        for row in lines:
            line, start, end, kind = row.split()
            truth[int(line)].append((int(start), int(end), kind))
    return truth


def ripgrep(path: Path, pattern: str, pcre: bool) -> int:
    command = ["rg", "-j1", "--count-matches", "--no-filename", "--no-config", "-e", pattern]
    if pcre:
        command.insert(1, "-P")
    out = subprocess.run([*command, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip() or 0)


def presidio_engine() -> tuple[object, Callable[[str], int]]:
    import warnings

    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    class Validated(PatternRecognizer):
        def __init__(self, kind: str, validator: Callable[[str], bool]) -> None:
            super().__init__(
                supported_entity=kind,
                supported_language="zh",
                patterns=[Pattern(kind, BOUNDED[kind], 0.5)],
                global_regex_flags=0,
            )
            self.validator = validator

        def validate_result(self, pattern_text: str) -> bool:
            compact = pattern_text.replace(" ", "").replace("-", "").upper()
            return self.validator(compact.removeprefix("+").removeprefix("00").removeprefix("86"))

    registry = RecognizerRegistry(supported_languages=["zh"])
    for kind, validator in (
        (ID, ric18_valid),
        (MOBILE, mobile_valid),
        (CARD, card_valid),
        (USCC, uscc_valid),
    ):
        registry.add_recognizer(Validated(kind, validator))
    nlp = NoOpNlpEngine(models=[{"lang_code": "zh", "model_name": "no_op"}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["zh"])

    def analyze(text: str) -> int:
        count = 0
        for line in text.split("\n"):
            if line.strip():
                count += len(engine.analyze(line, language="zh", score_threshold=0.6))
        return count

    return engine, analyze


def xlsx_truth(path: Path) -> dict[object, list[tuple[int, int, str]]]:
    truth: dict[object, list[tuple[int, int, str]]] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        cell, kind = line.split("\t")
        truth[cell] = [(0, 1 << 30, kind)]
    return truth


def docx_score(findings: list[Finding], truth_path: Path) -> dict[str, tuple[int, int, int]]:
    """By (kind, masked preview): the DOCX extractor's offsets are its own."""
    planted = collections.Counter(
        tuple(line.split("\t")) for line in truth_path.read_text(encoding="utf-8").splitlines()
    )
    found = collections.Counter((f.kind, f.masked) for f in findings if f.kind in KINDS)
    result = {}
    for kind in KINDS:
        tp = sum(min(n, planted[key]) for key, n in found.items() if key[0] == kind)
        fp = sum(max(0, n - planted[key]) for key, n in found.items() if key[0] == kind)
        fn = sum(max(0, n - found[key]) for key, n in planted.items() if key[0] == kind)
        result[kind] = (tp, fp, fn)
    return result


def rss_child(path: Path) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, findings) of a fresh process scanning path with scan_file,
    the findings counted and dropped as they come (as ``gongkai scan`` prints them)."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked parent.
    code = (
        "import re, sys, time\n"
        "from gongkai.core.privacy.extract import ScanLimits\n"
        "from gongkai.core.privacy.isolated import scan_file\n"
        "t = time.perf_counter()\n"
        "n = sum(1 for _ in scan_file(sys.argv[1], limits=ScanLimits(max_bytes=1 << 40)))\n"
        "status = open('/proc/self/status').read()\n"
        "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
        "print(time.perf_counter() - t, hwm, n)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    seconds, rss, count = out.stdout.split()
    return float(seconds), int(rss) // 1024, int(count)


def bad_inputs(folder: Path) -> list[tuple[str, str, float]]:
    """Files that must each give an ``unreadable`` finding, and what they give."""
    bad = folder / "bad"
    if bad.exists():
        shutil.rmtree(bad)
    bad.mkdir()
    docx = (folder / "notice.docx").read_bytes()
    (bad / "truncated.docx").write_bytes(docx[: len(docx) // 2])
    (bad / "corrupt.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(200_000))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (bad / "password.docx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(4096))
    with zipfile.ZipFile(bad / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"0" * (150 * 1024 * 1024))
    with zipfile.ZipFile(bad / "encrypted.zip", "w") as archive:
        archive.writestr("名单.txt", "x")
    data = bytearray((bad / "encrypted.zip").read_bytes())
    data[6] |= 1  # the encryption flag, in the local header …
    data[data.find(b"PK\x01\x02") + 8] |= 1  # … and in the central directory
    (bad / "encrypted.zip").write_bytes(bytes(data))
    with (bad / "huge.txt").open("wb") as sparse:
        sparse.truncate(2 * 1024**3)  # a 2 GB file (sparse: no disk used)
    (bad / "junk.txt").write_bytes(random.Random(4).randbytes(1_000_000))
    (bad / "list.pdf").write_bytes((folder / "list.xlsx").read_bytes())  # a wrong extension
    results = []
    for path in sorted(bad.iterdir()):
        started = time.perf_counter()
        kinds = collections.Counter(
            f"unreadable: {item.reason}" if isinstance(item, Unreadable) else item.kind
            for item in scan_file_isolated(path, seconds=30.0, memory_bytes=1 << 30)
        )
        summary = "; ".join(f"{n} × {kind}" for kind, n in sorted(kinds.items())) or "nothing"
        results.append((path.name, summary, time.perf_counter() - started))
    shutil.rmtree(bad)
    return results


def out_scores(title: str, scores: dict[str, tuple[int, int, int]]) -> None:
    print(f"{title}: precision / recall per kind (target: recall 100%, precision >= 99%)")
    for kind, (tp, fp, fn) in scores.items():
        if tp + fp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"  {kind:<15} planted {tp + fn:7,}  found {tp:7,}  missed {fn:5,}  false {fp:5,}  "
            f"P {precision:8.3%}  R {recall:8.3%}"
        )


def sample_of(path: Path, megabytes: float) -> Path:
    sample = path.with_suffix(".sample.txt")
    with path.open("rb") as whole:
        head = whole.read(int(megabytes * MB))
    sample.write_bytes(head[: head.rfind(b"\n") + 1])
    return sample


def measure_text(path: Path, runs: int, presidio_mb: float, analyze: Callable[[str], int]) -> None:
    size = path.stat().st_size
    limits = ScanLimits(max_bytes=size + 1)
    truth = read_truth(path.with_suffix(".truth"))

    def rate(seconds: float, nbytes: int = size) -> float:
        return nbytes / MB / seconds

    scan_s, results = median_time(runs, lambda: gongkai(path, limits))
    composed_s, results_composed = median_time(runs, lambda: composed(path, limits))
    # Every finding of every kind, with its rule, severity and masked preview.
    assert results == results_composed, "scan_file and scan_segments(extract_file) differ"
    found = located(path, results)
    del results, results_composed
    extract_s, _ = median_time(runs, lambda: extract_only(path, limits))
    isolated_s, isolated_count = median_time(runs, lambda: isolated_findings(path, limits))
    rg_s, rg_count = median_time(runs, lambda: ripgrep(path, RG_PATTERN, pcre=True))
    rg2_s, rg2_count = median_time(runs, lambda: ripgrep(path, RG_PATTERN_DEFAULT, pcre=False))
    sample = sample_of(path, presidio_mb)
    sample_size, sample_text = sample.stat().st_size, sample.read_text(encoding="utf-8")
    presidio_s, presidio_count = median_time(runs, lambda: analyze(sample_text))
    sample_s, _ = median_time(runs, lambda: gongkai(sample, limits))
    sample.unlink()
    assert isinstance(found, list)
    gk = rate(scan_s)
    rows = [
        (
            "Gongkai scan_file (extract + scan, 1 process)",
            gk,
            f"{len(found):,} findings of the 4 kinds",
        ),
        (
            "Gongkai scan_file_isolated (gate, sweeps, command)",
            rate(isolated_s),
            f"forked child, findings piped back: {isolated_count:,} of all kinds",
        ),
        ("Gongkai scan_segments(extract_file(...))", rate(composed_s), "same findings, Python"),
        ("extract_file only (every line a segment)", rate(extract_s), "no scanning"),
        ("ripgrep -P -j1 --count-matches", rate(rg_s), f"{rg_count:,} matches, not validated"),
        ("ripgrep -j1 --count-matches (default engine)", rate(rg2_s), f"{rg2_count:,} matches"),
        (
            f"Presidio no_op, per line, first {sample_size / MB:.1f} MB",
            rate(presidio_s, sample_size),
            f"{presidio_count:,} results",
        ),
        ("Gongkai scan_file, same sample", rate(sample_s, sample_size), ""),
    ]
    print(f"\n{path.name}: {size / MB:.1f} MB, median of {runs} runs, one core")
    print(f"  {'method':<50} {'MB/s':>7}  notes")
    for name, mbps, note in rows:
        print(f"  {name:<50} {mbps:7.1f}  {note}")
    print(
        f"  Gongkai {gk:.1f} MB/s (target >= 100); / ripgrep -P = {gk / rate(rg_s):.2f} "
        f"(target >= 0.25); / ripgrep default = {gk / rate(rg2_s):.2f}; "
        f"/ Presidio = {rate(sample_s, sample_size) / rate(presidio_s, sample_size):.1f}x "
        "on the same sample (target >= 30x)"
    )
    out_scores(path.name, score(truth, found))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presidio-mb", type=float, default=5)
    parser.add_argument("--big-mb", type=int, default=300)
    args = parser.parse_args()
    folder: Path = args.folder
    print(f"compiled line pass: {'built' if scanner.COMPILED else 'NOT built (Python pass only)'}")

    _engine, analyze = presidio_engine()
    # As the scanning child does (isolated._child): what was loaded before the work (Presidio,
    # its models and patterns) is not walked again by every collection made during it.
    gc.freeze()
    analyze("户主张三，身份证号码11010519491231002X\n")  # warm up both
    list(scan_file(folder / "notice.docx"))

    for name in ("gov.txt", "sparse.txt", "lists.txt"):
        if (folder / name).exists():
            measure_text(folder / name, args.runs, args.presidio_mb, analyze)

    xlsx = folder / "list.xlsx"
    xlsx_s, xlsx_found = median_time(1, lambda: list(scan_file(xlsx)))
    assert isinstance(xlsx_found, list)
    located = [
        (f.where["cell"], f.start, f.end, f.kind)
        for f in xlsx_found
        if isinstance(f, Finding) and f.kind in KINDS
    ]
    rows = sum(1 for _ in (folder / "list.truth").open()) // 3
    isolated_s, isolated_found = median_time(
        1, lambda: list(scan_file_isolated(xlsx, seconds=600, memory_bytes=4 << 30))
    )
    assert isinstance(isolated_found, list) and len(isolated_found) == len(xlsx_found)
    command = [sys.executable, "-m", "gongkai", "scan", str(xlsx)]
    env = os.environ | {"GONGKAI_DEBUG": "1", "GONGKAI_SECRET_KEY": "bench"}
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
    command_s = time.perf_counter() - start
    assert done.returncode == 1, f"gongkai scan exited {done.returncode}"  # 1: findings
    print(
        f"\n{xlsx.name}: {xlsx.stat().st_size / MB:.1f} MB, about {rows:,} rows x 10 columns "
        f"(target < 10 s), {len(xlsx_found):,} findings:\n"
        f"  scan_file in this process, all findings kept  {xlsx_s:5.1f} s\n"
        f"  scan_file_isolated (the gate, sweeps, command) {isolated_s:5.1f} s\n"
        f"  `gongkai scan list.xlsx > /dev/null`, a process {command_s:5.1f} s"
    )
    out_scores(xlsx.name, score(xlsx_truth(folder / "list.truth"), located))

    docx = folder / "notice.docx"
    docx_s, docx_found = median_time(1, lambda: list(scan_file(docx)))
    assert isinstance(docx_found, list)
    print(f"\n{docx.name}: scan_file {docx_s:.2f} s, {len(docx_found):,} findings")
    findings = [f for f in docx_found if isinstance(f, Finding)]
    out_scores(docx.name, docx_score(findings, folder / "notice.truth"))

    print("\npeak memory of a fresh process running scan_file on one file:")
    text = folder / "gov.txt"
    big = folder / "big.txt"
    with big.open("wb") as target:
        for _ in range(max(1, round(args.big_mb * MB / text.stat().st_size))):
            with text.open("rb") as source:
                shutil.copyfileobj(source, target, 16 * 1024 * 1024)
    for path in (text, big, xlsx):
        seconds, rss, count = rss_child(path)
        size = path.stat().st_size / MB
        print(
            f"  {path.name:<10} {size:7.1f} MB  {seconds:6.1f} s  {rss:4d} MB  {count:,} findings"
        )
    big.unlink()

    print("\nbad input, scan_file_isolated (30 s and 1 GiB per file):")
    for name, summary, seconds in bad_inputs(folder):
        print(f"  {name:<15} {seconds:5.2f} s  {summary}")


if __name__ == "__main__":
    main()
