"""Issue 14 pinyin figures on everyday speech: Reader and plain pypinyin on the Databaker (BZNSYP) labels.

Run: ``.venv/bin/python -m bench.bench_baker [--file PATH] [--errors N] [--errors-list]``. The default file is the
dev half, ``../shared/bench-data/baker/dev.txt`` (never copied into the project: see its NOTICE); pass the
held-back half with ``--file``. Each sentence's labels are the pinyin the speaker said, one syllable per Han
character; sentences whose syllable count does not match (erhua written into the syllable, numbers read out)
are skipped.

Only real reading errors count: a syllable differs, or a tone differs in a way no spoken convention explains. Set
aside and counted separately: 3-3 tone sandhi (ours tone 3, label tone 2, a tone 3 after it: 你好 ni2 hao3), the
tone changes of 一 and 不, and neutral-versus-full tone on the right syllable (个 ge5/ge4, 知识 zhi1 shi5/shi2).

A wrong cut is blamed for an error (``cut`` in the output) when the word jieba made fixes the character to a wrong
reading while the label reading is the word's own only when cut otherwise, i.e. a dictionary word across the cut
that holds the character reads it as labelled (在/干/垃圾桶: 干垃圾 gān), or the character sits inside a word whose
only reading is wrong (还/没到 mòdào).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_pinyin import Reader, plain_pypinyin, reader_engine
from reader.core.chars import is_han
from reader.core.paths import REPO_ROOT, UserPaths
from reader.core.services import Services, build_services

BAKER = REPO_ROOT.parent / "shared" / "bench-data" / "baker" / "dev.txt"
#: How many polyphonic characters the per-character table covers (the issue's 300 most frequent).
FREQUENT = 300
_PROSODY = re.compile(r"#\d")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One labelled sentence: its text and, per Han character (in order), the spoken syllable."""

    ident: str
    text: str
    labels: tuple[str, ...]


def load_baker(path: Path = BAKER) -> tuple[list[Sentence], int]:
    """The usable sentences of a Databaker label file, and how many were skipped (syllable count differs)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    sentences: list[Sentence] = []
    skipped = 0
    for head, labels in zip(lines[0::2], lines[1::2], strict=False):
        ident, _, text = head.partition("\t")
        text = _PROSODY.sub("", text).strip()
        syllables = tuple(labels.split())
        han = sum(1 for char in text if is_han(char))
        if han != len(syllables) or any(not syllable[-1:].isdigit() for syllable in syllables):
            skipped += 1
            continue
        sentences.append(Sentence(ident.strip(), text, syllables))
    return sentences, skipped


#: Two standard readings of one word, the second a spoken variant (Xiandai Hanyu Cidian: 谁 shéi, also shuí; 这 zhè,
#: colloquially zhèi): neither is a reading error.
VARIANTS = {"谁": {"shei2", "shui2"}, "这": {"zhe4", "zhei4"}, "那": {"na4", "nei4"}, "哪": {"na3", "nei3"}}


def classify(char: str, found: str | None, label: str, next_found: str | None, next_label: str | None) -> str:
    """``right``, or why ``found`` differs from the spoken ``label``: ``sandhi33``, ``yi_bu``, ``neutral``,
    ``variant``, ``erhua`` (set aside) or ``real`` (a reading error); ``next_found``/``next_label`` are the next
    syllable's."""
    if found == label:
        return "right"
    if found is None:
        return "real"
    if {found, label} <= VARIANTS.get(char, set()):
        return "variant"
    if char == "儿" and found == "r5" and label[:-1] == "er":
        return "erhua"  # the speaker said the suffix of 鸟儿 as a syllable of its own (niǎo'ér for niǎor)
    base, tone, label_base, label_tone = found[:-1], found[-1], label[:-1], label[-1]
    if base != label_base:
        return "real"
    if char in "一不":
        return "yi_bu"
    if "5" in (tone, label_tone):
        return "neutral"
    # 3-3 sandhi: before a third tone (你好), before a neutral tone that is a third tone (小姐 xiǎojie), or in a
    # run of third tones the speaker raised (展览馆).
    after = {(next_found or "x")[-1], (next_label or "x")[-1]}
    if tone == "3" and label_tone == "2" and after & {"3", "5", "2"} and (next_found or "x")[-1] in "35":
        return "sandhi33"
    return "real"


@dataclass
class Tally:
    """What one engine got right and wrong over the corpus."""

    characters: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    real_by_char: Counter[str] = field(default_factory=Counter)
    cut: int = 0
    seconds: float = 0.0
    examples: list[tuple[str, int, str | None, str]] = field(default_factory=list)

    @property
    def real(self) -> int:
        """Real reading errors."""
        return self.kinds["real"]


def _positions(text: str) -> Iterator[int]:
    return (index for index, char in enumerate(text) if is_han(char))


def score(read: Reader, sentences: list[Sentence], services: Services | None = None) -> Tally:
    """Score ``read`` on every Han character; with ``services`` also find the errors a wrong cut made."""
    tally = Tally()
    for sentence in sentences:
        start = time.perf_counter()
        found = read(sentence.text)
        tally.seconds += time.perf_counter() - start
        positions = list(_positions(sentence.text))
        ours = [found[index] for index in positions]
        for order, (index, label) in enumerate(zip(positions, sentence.labels, strict=True)):
            char = sentence.text[index]
            following = ours[order + 1] if order + 1 < len(ours) else None
            next_label = sentence.labels[order + 1] if order + 1 < len(ours) else None
            kind = classify(char, ours[order], label, following, next_label)
            tally.characters += 1
            tally.kinds[kind] += 1
            if kind != "real":
                continue
            tally.real_by_char[char] += 1
            tally.examples.append((sentence.text, index, ours[order], label))
            if services is not None and _cut_caused(services, sentence.text, index, label):
                tally.cut += 1
    return tally


def _cut_caused(services: Services, text: str, index: int, label: str) -> bool:
    """True if jieba's cut made this error (see the module docstring)."""
    dictionary = services.dictionary
    if dictionary is None:
        return False
    offset = 0
    token = ""
    for word in services.segmenter.cut(text):
        if offset <= index < offset + len(word):
            token = word
            break
        offset += len(word)
    inside = index - offset
    readings = [r for r in dictionary.common_readings(token) if len(r) == len(token)] if len(token) > 1 else []
    if readings and all(r[inside][:-1] != label[:-1] for r in readings):
        return True  # 没到 mòdào: the word glued the character to a reading it does not have here
    for start in range(max(0, index - 3), index + 1):
        for end in range(index + 1, min(len(text), start + 4) + 1):
            word = text[start:end]
            if len(word) < 2 or (start >= offset and end <= offset + len(token)):
                continue  # the cut's own word or a piece of it
            found = dictionary.common_readings(word)
            if len(found) == 1 and len(found[0]) == len(word) and found[0][index - start][:-1] == label[:-1]:
                return True
    return False


def polyphonic(char: str) -> bool:
    """True if pypinyin lists more than one reading for ``char`` (tones count)."""
    from pypinyin.constants import PINYIN_DICT

    found = PINYIN_DICT.get(ord(char), "")
    return len(found.split(",")) > 1


def frequent_polyphones(sentences: list[Sentence], count: int = FREQUENT) -> list[tuple[str, int]]:
    """The ``count`` most frequent polyphonic characters of the corpus with their number of occurrences."""
    seen = Counter(char for sentence in sentences for char in sentence.text if is_han(char))
    return [(char, n) for char, n in seen.most_common() if polyphonic(char)][:count]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "–"


def report(sentences: list[Sentence], skipped: int, ours: Tally, theirs: Tally, errors: int) -> list[str]:
    """The Markdown tables for bench/RESULTS.md."""
    total = ours.characters
    lines = [
        f"{len(sentences)} sentences ({skipped} skipped: syllable count differs), {total} Han characters.",
        "",
        "| | Reader | plain pypinyin |",
        "| --- | --- | --- |",
        f"| **real reading errors** | **{ours.real} ({_percent(ours.real, total)})** | "
        f"{theirs.real} ({_percent(theirs.real, total)}) |",
        f"| Reader's errors / pypinyin's | {ours.real / max(theirs.real, 1):.0%} | |",
    ]
    aside = (("sandhi33", "3-3 sandhi"), ("yi_bu", "一/不 sandhi"), ("neutral", "neutral vs full tone"))
    variants = (("variant", "spoken variant (谁 shuí, 这 zhèi)"), ("erhua", "erhua said as a syllable (鸟儿 niǎo'ér)"))
    for kind, name in (*aside, *variants):
        lines.append(f"| set aside: {name} | {ours.kinds[kind]} | {theirs.kinds[kind]} |")
    lines.append(f"| real errors a wrong cut made | {ours.cut} ({_percent(ours.cut, ours.real)}) | |")
    lines.append(
        f"| ms per sentence (segment + pinyin) | {1000 * ours.seconds / len(sentences):.2f} | "
        f"{1000 * theirs.seconds / len(sentences):.2f} |"
    )
    chars = sorted(set(ours.real_by_char) | set(theirs.real_by_char), key=lambda c: -ours.real_by_char[c])
    shown = [c for c in chars if ours.real_by_char[c]][:errors]
    lines += ["", f"Reader's real errors by character (the {len(shown)} most frequent):", ""]
    lines += ["| char | Reader | pypinyin | char | Reader | pypinyin | char | Reader | pypinyin |"]
    lines += ["| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    lines += _columns([(c, ours.real_by_char[c], theirs.real_by_char[c]) for c in shown], 3)
    frequent = frequent_polyphones(sentences)
    worse = [c for c, _ in frequent if ours.real_by_char[c] > theirs.real_by_char[c]]
    lines += [
        "",
        f"The {len(frequent)} most frequent polyphonic characters (pypinyin lists several readings): real errors, "
        f"Reader / pypinyin. Characters where Reader is worse: {''.join(worse) or 'none'}.",
        "",
        "| char (n) | R / p | char (n) | R / p | char (n) | R / p | char (n) | R / p | char (n) | R / p |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    cells = [(f"{c} ({n})", ours.real_by_char[c], theirs.real_by_char[c]) for c, n in frequent]
    lines += _columns(cells, 5, joined=True)
    return lines


def _columns(cells: list[tuple[str, int, int]], width: int, *, joined: bool = False) -> list[str]:
    rows = []
    for start in range(0, len(cells), width):
        chunk = cells[start : start + width]
        parts = [f"{c} | {r} / {p}" if joined else f"{c} | {r} | {p}" for c, r, p in chunk]
        rows.append("| " + " | ".join(parts) + " |")
    return rows


def main() -> None:
    """Print the tables (and, with ``--errors-list``, Reader's real errors one per line on stderr)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=BAKER, help="a Databaker label file (default: the dev half)")
    parser.add_argument("--errors", type=int, default=30, help="characters in the by-character table")
    parser.add_argument("--errors-list", action="store_true", help="print Reader's real errors on stderr")
    parser.add_argument("--home", type=Path, help="data folder to use (default: a temporary one)")
    args, _ = parser.parse_known_args()
    if not args.file.exists():
        print(f"bench_baker: {args.file} is missing (see the module docstring); skipped", file=sys.stderr)
        return
    import tempfile

    home = args.home or Path(tempfile.mkdtemp(prefix="reader-bench-baker-"))
    services = build_services(UserPaths(home))
    services.initialize()
    sentences, skipped = load_baker(args.file)
    ours = reader_engine(services)
    ours(sentences[0].text)  # load the model
    mine = score(ours, sentences, services)
    theirs = score(plain_pypinyin(), sentences)
    print("\n".join(report(sentences, skipped, mine, theirs, args.errors)))
    if args.errors_list:
        for text, index, found, label in mine.examples:
            marked = f"{text[:index]}【{text[index]}】{text[index + 1 :]}"
            print(f"{text[index]}\t{found}\t{label}\t{marked}", file=sys.stderr)


if __name__ == "__main__":
    main()
