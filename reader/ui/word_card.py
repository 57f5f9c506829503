"""A word's dictionary card as Qt rich text: what the pop-up and the word panel show.

:func:`reader.core.usecases.lookup.look_up` gathers the facts; :func:`card_html` writes them as HTML for a QLabel
or QTextBrowser.
"""

from __future__ import annotations

import html

from reader.core.dictionary.entries import CharacterInfo, hsk_label
from reader.core.pinyin.styles import PinyinStyle, format_syllable, tone_of
from reader.core.usecases.lookup import WordCard
from reader.ui.theme import Colors

#: Senses shown per reading before "and N more".
MAX_SENSES = 8


def pinyin_html(syllables: list[str] | tuple[str, ...], colors: Colors, style: PinyinStyle, tone_colors: bool) -> str:
    """Syllables in ``style``, each in its tone's colour."""
    parts = []
    for syllable in syllables:
        text = html.escape(format_syllable(syllable.lower(), style))
        if tone_colors:
            color = colors.tones[tone_of(syllable) - 1].name()
            parts.append(f"<span style='color:{color}'>{text}</span>")
        else:
            parts.append(text)
    return " ".join(parts)


def card_html(card: WordCard, colors: Colors, style: PinyinStyle, tone_colors: bool, font_family: str) -> str:
    """The card as rich text."""
    muted = colors.muted.name()
    out = [
        f"<div style='font-family:\"{font_family}\"; font-size:26pt'>{html.escape(card.word)}"
        + (
            f" <span style='font-size:16pt; color:{muted}'>({html.escape(card.other_form)})</span>"
            if card.other_form
            else ""
        )
        + "</div>"
    ]
    if card.reading:
        out.append(f"<div style='font-size:14pt'>{pinyin_html(card.reading, colors, style, tone_colors)}</div>")
    facts = [label for label in (hsk_label(card.hsk_level),) if label]
    if card.frequency_rank:
        facts.append(f"frequency #{card.frequency_rank:,}")
    if card.deck_entries:
        facts.append("in your deck (" + ", ".join(e.status.value for e in card.deck_entries) + ")")
    elif card.status in ("known", "ignored"):
        facts.append("marked " + card.status)
    if facts:
        out.append(f"<div style='color:{muted}'>{html.escape(' · '.join(facts))}</div>")
    if not card.found:
        out.append(f"<p style='color:{muted}'>Not in the dictionary.</p>")
    for index, group in enumerate(card.groups):
        label = pinyin_html(group.syllables, colors, style, tone_colors)
        here = f" <span style='color:{muted}'>— as read here</span>" if index == 0 and card.reading else ""
        out.append(f"<p style='margin-top:8px; margin-bottom:2px'><b>{label}</b>{here}</p>")
        senses = group.senses
        items = "".join(f"<li>{html.escape(sense)}</li>" for sense in senses[:MAX_SENSES])
        more = f"<li style='color:{muted}'>and {len(senses) - MAX_SENSES} more</li>" if len(senses) > MAX_SENSES else ""
        out.append(f"<ol style='margin-top:0; margin-bottom:0'>{items}{more}</ol>")
    if len(card.characters) > 1 or (card.characters and not card.found):
        out.append(f"<p style='margin-top:10px; margin-bottom:2px; color:{muted}'>Characters</p><table cellspacing=2>")
        for info in card.characters:
            out.append(_character_row(info, colors, style, tone_colors, font_family))
        out.append("</table>")
    elif len(card.characters) == 1 and card.characters[0].decomposition is not None:
        decomposition = card.characters[0].decomposition
        parts = " + ".join(decomposition.components)
        out.append(f"<p style='color:{muted}'>Made of {html.escape(parts)} ({decomposition.layout})</p>")
    return "".join(out)


def _character_row(info: CharacterInfo, colors: Colors, style: PinyinStyle, tone_colors: bool, family: str) -> str:
    reading = pinyin_html([info.reading], colors, style, tone_colors) if info.reading else ""
    group = next((g for g in info.readings if info.reading and g.pinyin_numbers.lower() == info.reading.lower()), None)
    group = group or (info.readings[0] if info.readings else None)
    gloss = html.escape("; ".join(group.senses[:3])) if group else ""
    others = [g for g in info.readings if g is not group]
    if others:
        other_text = ", ".join(format_syllable(g.syllables[0].lower(), style) for g in others if g.syllables)
        gloss += f" <span style='color:{colors.muted.name()}'>(also {html.escape(other_text)})</span>"
    return (
        f"<tr><td style='font-family:\"{family}\"; font-size:15pt'>{html.escape(info.char)}</td>"
        f"<td style='padding-left:6px'>{reading}</td><td style='padding-left:6px'>{gloss}</td></tr>"
    )
