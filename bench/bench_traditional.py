"""Issue 15 figures: Reader reading the same everyday sentences in simplified and in traditional characters.

Run: ``.venv/bin/python -m bench.bench_traditional [--file PATH] [--errors N]``. The default file is the dev half of
the Databaker (BZNSYP) labels, ``../shared/bench-data/baker/dev.txt`` (never copied into the project: see its
NOTICE); pass the held-back half with ``--file``. Each sentence is converted to Taiwan (OpenCC ``s2tw``) and Hong
Kong (``s2hk``) traditional characters, one character for one (no vocabulary changes, so the labels still hold:
a sentence whose length would change is counted and skipped), then read by Reader's real path
(:meth:`reader.core.pipeline.Analyzer.tokenize_block`: script detection, simplified view, jieba, pinyin engine).

Only real reading errors count: a syllable differs, or a tone differs in a way no spoken convention explains (3-3
tone sandhi, the tone changes of 一 and 不, neutral versus full tone, and 谁 shuí / 这 zhèi are set aside, as in the
issue 14 benchmark). Segmentation agreement: the share of the simplified text's words (as character spans) that the
traditional text's segmentation has too. Plain pypinyin (one call per jieba word) is measured on both scripts too.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.chars import is_han
from reader.core.model import Block, BlockKind, Sentence
from reader.core.paths import REPO_ROOT, UserPaths
from reader.core.script import ScriptConverter
from reader.core.services import Services, build_services

BAKER = REPO_ROOT.parent / "shared" / "bench-data" / "baker" / "dev.txt"
_PROSODY = re.compile(r"#\d")
#: Spoken variants of one word that are not reading errors (Xiandai Hanyu Cidian lists both).
VARIANTS = {"谁": {"shei2", "shui2"}, "这": {"zhe4", "zhei4"}, "那": {"na4", "nei4"}, "哪": {"na3", "nei3"}}

Reading = Callable[[str], tuple[list[str | None], list[tuple[int, int]]]]


@dataclass(frozen=True, slots=True)
class Labelled:
    """One sentence and the syllable the speaker said for each of its Han characters."""

    text: str
    labels: tuple[str, ...]


def load_labels(path: Path) -> tuple[list[Labelled], int]:
    """The usable sentences of a Databaker label file and how many were skipped (syllable count differs)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    usable: list[Labelled] = []
    skipped = 0
    for head, labels in zip(lines[0::2], lines[1::2], strict=False):
        text = _PROSODY.sub("", head.partition("\t")[2]).strip()
        syllables = tuple(labels.split())
        if sum(1 for char in text if is_han(char)) != len(syllables) or not all(s[-1:].isdigit() for s in syllables):
            skipped += 1
            continue
        usable.append(Labelled(text, syllables))
    return usable, skipped


def is_real_error(char: str, found: str | None, label: str, next_found: str | None) -> bool:
    """True if ``found`` is a real misreading of ``char`` spoken as ``label`` (not a sandhi or neutral-tone matter)."""
    if found == label or {found, label} <= VARIANTS.get(char, set()):
        return False
    if found is None or found[:-1] != label[:-1]:
        return True
    tone, label_tone = found[-1], label[-1]
    if char in "一不" or "5" in (tone, label_tone):
        return False
    return not (tone == "3" and label_tone == "2" and (next_found or "x")[-1] in "35")


def reader_reading(services: Services) -> Reading:
    """Reader's syllables and word spans for a sentence, through the analyser as the app runs it."""

    def read(text: str) -> tuple[list[str | None], list[tuple[int, int]]]:
        block = Block(BlockKind.PARAGRAPH, text, sentences=[Sentence(text, 0)])
        services.analyzer.tokenize_block(block)
        syllables: list[str | None] = []
        spans = []
        for token in block.sentences[0].tokens:
            syllables.extend(token.pinyin if token.pinyin is not None else [None] * len(token.text))
            spans.append((token.start, token.end))
        return syllables, spans

    return read


def pypinyin_reading() -> Reading:
    """Plain pypinyin, one call per jieba word (jieba's own dictionary): the issue's baseline."""
    from bench.bench_pinyin import plain_pypinyin

    read_plain = plain_pypinyin()

    def read(text: str) -> tuple[list[str | None], list[tuple[int, int]]]:
        return read_plain(text), []

    return read


@dataclass
class Tally:
    """Real errors, characters, word spans in agreement, and time, for one script and one reader."""

    characters: int = 0
    real: int = 0
    words: int = 0
    agreed: int = 0
    seconds: float = 0.0
    by_char: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def rate(self) -> float:
        """Real errors per Han character."""
        return self.real / max(self.characters, 1)


def score(read: Reading, texts: list[str], labelled: list[Labelled], reference: list[list[tuple[int, int]]]) -> Tally:
    """Score ``read`` on ``texts`` (one per labelled sentence); ``reference`` holds the simplified word spans."""
    tally = Tally()
    for index, (text, item) in enumerate(zip(texts, labelled, strict=True)):
        started = time.perf_counter()
        found, spans = read(text)
        tally.seconds += time.perf_counter() - started
        positions = [i for i, char in enumerate(text) if is_han(char)]
        ours = [found[i] for i in positions]
        for order, (position, label) in enumerate(zip(positions, item.labels, strict=True)):
            following = ours[order + 1] if order + 1 < len(ours) else None
            tally.characters += 1
            if is_real_error(item.text[position], ours[order], label, following):
                tally.real += 1
                tally.by_char[text[position]] += 1
                tally.examples.append(
                    f"{text[:position]}【{text[position]}】{text[position + 1 :]}\t{ours[order]}\t{label}"
                )
        if spans and reference:
            words = set(reference[index])
            tally.words += len(words)
            tally.agreed += len(words & set(spans))
    return tally


def convert_all(converter: ScriptConverter, labelled: list[Labelled], region: str) -> tuple[list[str], int]:
    """Every sentence in ``region``'s traditional characters, and how many changed length (none expected)."""
    converted = [converter.to_traditional(item.text, region) for item in labelled]
    return converted, sum(1 for item, text in zip(labelled, converted, strict=True) if len(text) != len(item.text))


def _pct(value: float) -> str:
    return f"{100 * value:.2f} %"


def main() -> None:
    """Print the Markdown table for bench/RESULTS.md (``--errors-list`` prints Reader's traditional errors)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=BAKER, help="a Databaker label file (default: the dev half)")
    parser.add_argument("--errors", type=int, default=20, help="characters listed with the most extra errors")
    parser.add_argument("--errors-list", action="store_true", help="print Reader's Taiwan-script errors on stderr")
    parser.add_argument("--home", type=Path, help="data folder (default: a temporary one)")
    args, _ = parser.parse_known_args()
    if not args.file.exists():
        print(f"bench_traditional: {args.file} is missing (see the module docstring); skipped", file=sys.stderr)
        return
    services = build_services(UserPaths(args.home or Path(tempfile.mkdtemp(prefix="reader-bench-trad-"))))
    services.initialize()
    labelled, skipped = load_labels(args.file)
    converter = ScriptConverter()
    started = time.perf_counter()
    taiwan, changed_tw = convert_all(converter, labelled, "tw")
    hong_kong, changed_hk = convert_all(converter, labelled, "hk")
    conversion = time.perf_counter() - started
    keep = [i for i in range(len(labelled)) if len(taiwan[i]) == len(hong_kong[i]) == len(labelled[i].text)]
    labelled = [labelled[i] for i in keep]
    taiwan, hong_kong = [taiwan[i] for i in keep], [hong_kong[i] for i in keep]
    simplified = [item.text for item in labelled]
    ours = reader_reading(services)
    ours(simplified[0])  # load the model before timing
    reference = [ours(text)[1] for text in simplified]
    rows = {
        "simplified": score(ours, simplified, labelled, reference),
        "Taiwan (s2tw)": score(ours, taiwan, labelled, reference),
        "Hong Kong (s2hk)": score(ours, hong_kong, labelled, reference),
    }
    plain = pypinyin_reading()
    baseline = {name: score(plain, texts, labelled, []) for name, texts in (("simplified", simplified), ("tw", taiwan))}
    base = rows["simplified"]
    changed_chars = sum(1 for a, b in zip("".join(simplified), "".join(taiwan), strict=True) if a != b)
    print(
        f"{len(labelled)} sentences ({skipped} skipped: syllable count differs; {changed_tw} + {changed_hk} "
        f"would change length), {base.characters} Han characters; s2tw changes {changed_chars} of them "
        f"({_pct(changed_chars / max(base.characters, 1))}); both conversions took {conversion:.2f} s.\n"
    )
    print("| script | Reader real errors | ratio to simplified | word segmentation agreement | ms per sentence |")
    print("| --- | --- | --- | --- | --- |")
    for name, tally in rows.items():
        agreement = _pct(tally.agreed / tally.words) if tally.words else "–"
        print(
            f"| {name} | {tally.real} ({_pct(tally.rate())}) | {tally.rate() / max(base.rate(), 1e-9):.3f}× | "
            f"{agreement} | {1000 * tally.seconds / len(labelled):.2f} |"
        )
    print(
        f"| plain pypinyin, simplified / Taiwan | {baseline['simplified'].real} ({_pct(baseline['simplified'].rate())})"
        f" / {baseline['tw'].real} ({_pct(baseline['tw'].rate())}) | "
        f"{baseline['tw'].rate() / max(baseline['simplified'].rate(), 1e-9):.3f}× | | |"
    )
    extra = Counter(
        {c: n - base.by_char.get(converter.to_simplified(c), 0) for c, n in rows["Taiwan (s2tw)"].by_char.items()}
    )
    worst = [f"{c} +{n}" for c, n in extra.most_common(args.errors) if n > 0]
    print(f"\nCharacters with more errors in Taiwan script than in simplified: {', '.join(worst) or 'none'}.")
    if args.errors_list:
        print("\n".join(rows["Taiwan (s2tw)"].examples), file=sys.stderr)


if __name__ == "__main__":
    main()
