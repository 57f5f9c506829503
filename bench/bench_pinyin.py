"""Issue 3 pinyin figures: polyphone accuracy on CPP and on Reader's everyday set, cost per sentence, CLI run.

Run: ``.venv/bin/python -m bench.bench_pinyin [--split test|dev] [--cli]``. Reader's engine and plain pypinyin
(one ``lazy_pinyin`` call per jieba word, jieba's own dictionary) are measured side by side in the same run.
CPP: one polyphonic character per line marked between two U+2581 marks, labels in tone numbers (``u:`` for ü, 5
for the neutral tone). Tune on ``dev``; report ``test``. Reader's everyday sets: ``everyday`` is the held-out test
(tests/data/everyday_polyphones.tsv), ``everyday_dev`` the set the rules are tuned on.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypedDict

from reader.core.paths import REPO_ROOT, UserPaths
from reader.core.pinyin.engine import plain_reading
from reader.core.pinyin.styles import apply_citation_tones
from reader.core.services import Services, build_services

CPP = REPO_ROOT.parent / "shared" / "bench-data" / "cpp"
EVERYDAY = REPO_ROOT / "tests" / "data" / "everyday_polyphones.tsv"
EVERYDAY_DEV = REPO_ROOT / "tests" / "data" / "everyday_polyphones_dev.tsv"
MARK = "\u2581"

Sample = tuple[str, int, str]  # sentence, index of the marked character, reading
Reader = Callable[[str], list[str | None]]
Score = dict[str, float | int]  # what ``score`` and ``run_cli`` report


class SetFigures(TypedDict, total=False):
    """The figures of one set of sentences in the JSON output."""

    reader: Score
    pypinyin: Score
    reader_citation_tones: Score
    reader_warm_ms_per_sentence: float
    cli: Score
    cli_citation_tones: Score


def load_cpp(split: str) -> list[Sample]:
    """The CPP sentences of ``split`` with the marked character's index and its label (ü as v)."""
    sentences = (CPP / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (CPP / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    return [_unmark(line, label.replace("u:", "v")) for line, label in zip(sentences, labels, strict=True)]


def load_everyday(path: Path = EVERYDAY) -> list[Sample]:
    """Reader's own everyday set: the held-out test (default) or the dev set the rules were tuned on."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            marked, reading = line.split("\t")
            rows.append(_unmark(marked, reading))
    return rows


def _unmark(marked: str, reading: str) -> Sample:
    index = marked.index(MARK)
    return marked[:index] + marked[index + 1] + marked[index + 3 :], index, reading


def reader_engine(services: Services, *, citation: bool = False) -> Reader:
    """Reader's reading of a sentence: its segmenter (with dictionary words), then its pinyin engine; with
    ``citation`` the display option that gives every character its own tone (知识 zhi1 shi2, CPP's convention)."""

    def read(sentence: str) -> list[str | None]:
        tokens = services.segmenter.cut(sentence)
        readings = services.pinyin.annotate(tokens)
        if citation:
            readings = apply_citation_tones(tokens, readings, services.pinyin.char_readings)
        syllables: list[str | None] = []
        for token, found in zip(tokens, readings, strict=True):
            syllables.extend(found if found is not None else [None] * len(token))
        return syllables

    return read


def plain_pypinyin() -> Reader:
    """pypinyin once per jieba word (jieba's own dictionary), as the issue's baseline."""
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()

    def read(sentence: str) -> list[str | None]:
        syllables: list[str | None] = []
        for word in tokenizer.lcut(sentence):
            syllables.extend(plain_reading(word))  # the same pypinyin call the engine compares itself with
        return syllables

    return read


def score(read: Reader, samples: list[Sample]) -> Score:
    """Accuracy on the marked characters, milliseconds per sentence, and the neutral-tone disagreements."""
    right = 0
    neutral = 0
    wrong: Counter[str] = Counter()
    start = time.perf_counter()
    for sentence, index, reading in samples:
        found = read(sentence)[index]
        if found == reading:
            right += 1
            continue
        wrong[sentence[index]] += 1
        if found and found[:-1] == reading[:-1] and found.endswith("5"):
            neutral += 1  # the dictionary writes a neutral tone where the label has a full one (知识 zhīshi)
    seconds = time.perf_counter() - start
    return {
        "accuracy": right / len(samples),
        "errors": len(samples) - right,
        "neutral_tone_errors": neutral,
        "ms_per_sentence": 1000 * seconds / len(samples),
        "sentences": len(samples),
    }


def run_cli(samples: list[Sample], home: Path, options: Sequence[str] = ()) -> Score:
    """The same sentences through ``reader annotate --keep-lines --json --no-translate --pinyin-style numbers -``
    (and ``options``)."""
    text = "\n".join(sentence for sentence, _, _ in samples) + "\n"
    env = dict(os.environ, READER_HOME=str(home))
    command = [sys.executable, "-m", "reader.cli", "annotate", "--keep-lines", "--json", "--no-translate"]
    command += ["--pinyin-style", "numbers", *options, "-"]
    start = time.perf_counter()
    result = subprocess.run(command, input=text, capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - start
    blocks = [block for article in json.loads(result.stdout)["articles"] for block in article["blocks"]]
    right = unaligned = 0
    by_text: dict[str, list[str | None]] = {}
    for block in blocks:
        syllables: list[str | None] = []
        for sentence in block["sentences"]:
            for token in sentence["tokens"]:
                syllables.extend(token["pinyin"] if token["pinyin"] is not None else [None] * len(token["text"]))
        by_text[block["text"]] = syllables
    for sentence, index, reading in samples:
        line = by_text.get(sentence.strip())
        offset = len(sentence) - len(sentence.lstrip())
        if line is None or len(line) != len(sentence.strip()):
            unaligned += 1  # the line was normalised or merged; not counted as right
            continue
        right += line[index - offset] == reading
    return {"accuracy": right / len(samples), "unaligned_lines": unaligned, "seconds": seconds}


def _is_usual(services: Services, row: Sample) -> bool:
    """True if the marked reading is the character's usual reading on its own (the dictionary's first)."""
    sentence, index, reading = row
    readings = services.dictionary.common_readings(sentence[index]) if services.dictionary else ()
    return bool(readings) and readings[0][0] == reading


def main() -> None:
    """Print the figures as JSON (and a summary line per set)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--cli", action="store_true", help="also run the CPP split through `reader annotate`")
    parser.add_argument("--home", type=Path, help="data folder to use (default: a temporary one)")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="reader-bench-pinyin-"))
    services = build_services(UserPaths(home))
    services.initialize()
    ours = reader_engine(services)
    citation = reader_engine(services, citation=True)
    baseline = plain_pypinyin()
    cpp = load_cpp(args.split)
    everyday = load_everyday()
    everyday_dev = load_everyday(EVERYDAY_DEV)
    ours(cpp[0][0])  # load the model
    usual = [row for row in everyday if _is_usual(services, row)]
    other = [row for row in everyday if not _is_usual(services, row)]
    results: dict[str, SetFigures | int] = {
        f"cpp_{args.split}": {"reader": score(ours, cpp), "pypinyin": score(baseline, cpp)},
        "everyday": {"reader": score(ours, everyday), "pypinyin": score(baseline, everyday)},
        "everyday_characters": len({s[i] for s, i, _ in everyday}),
        "everyday_usual_reading": {"reader": score(ours, usual), "pypinyin": score(baseline, usual)},
        "everyday_other_reading": {"reader": score(ours, other), "pypinyin": score(baseline, other)},
        "everyday_dev": {"reader": score(ours, everyday_dev), "pypinyin": score(baseline, everyday_dev)},
    }
    # The per-set figures (the same dicts, so additions show in ``results``), without the character count.
    sets = {name: figures for name, figures in results.items() if not isinstance(figures, int)}
    # The citation-tone display option: CPP's convention (知识 zhi1 shi2); the everyday sets use CC-CEDICT's.
    sets[f"cpp_{args.split}"]["reader_citation_tones"] = score(citation, cpp)
    sets["everyday"]["reader_citation_tones"] = score(citation, everyday)
    # Warm: the same sentences again (per-word plans and model decisions cached).
    sets[f"cpp_{args.split}"]["reader_warm_ms_per_sentence"] = score(ours, cpp)["ms_per_sentence"]
    if args.cli:
        sets[f"cpp_{args.split}"]["cli"] = run_cli(cpp, home)
        sets[f"cpp_{args.split}"]["cli_citation_tones"] = run_cli(cpp, home, ["--citation-tones"])
    print(json.dumps(results, indent=1))
    names = (f"cpp_{args.split}", "everyday", "everyday_usual_reading", "everyday_other_reading", "everyday_dev")
    for name in names:
        mine, theirs = sets[name]["reader"], sets[name]["pypinyin"]
        print(
            f"{name}: Reader {mine['accuracy']:.2%} ({mine['errors']} errors, {mine['neutral_tone_errors']} of them "
            f"neutral-tone convention), {mine['ms_per_sentence']:.2f} ms/sentence; "
            f"pypinyin {theirs['accuracy']:.2%}, {theirs['ms_per_sentence']:.2f} ms/sentence",
            file=sys.stderr,
        )
        if "reader_citation_tones" in sets[name]:
            cited = sets[name]["reader_citation_tones"]
            print(
                f"{name}: Reader with citation tones {cited['accuracy']:.2%} ({cited['errors']} errors)",
                file=sys.stderr,
            )
    if args.home is None:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
