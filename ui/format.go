package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
)

// fit cuts a styled line to w cells with text.Cut (between graphemes, wide
// characters counted as lipgloss counts them) and pads it with spaces to
// exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := width(s)
	if n > w {
		s = text.Cut(s, w)
		n = width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// pad pads s with spaces to w cells, as fmt's %-*s does for runes; longer
// text stays whole.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-width(s), 0))
}

// width is ansi.StringWidth with a fast path: ASCII, escape sequences and
// the narrow symbols callscope draws are counted directly; anything else
// (CJK, emoji, combining marks) gets the full grapheme rules.
func width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1
			continue
		case c == 0x1b:
			return ansi.StringWidth(s)
		case c < 0x80:
			if c >= 0x20 && c != 0x7f {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return ansi.StringWidth(s)
		}
		n++
		i += size
	}
	return n
}

// narrow is true for runes known to take one cell and to combine with
// nothing (TestNarrowRunesAreOneCell): Latin-1 but the soft hyphen (no
// cell, by lipgloss's measure), general punctuation, arrows, box drawing,
// blocks, geometric shapes but the two that are emoji (◽ ◾), and the check
// and ballot marks.
func narrow(r rune) bool {
	return (r >= 0xa0 && r < 0x300 && r != 0xad) || (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x205e) ||
		(r >= 0x2190 && r <= 0x21ff) || (r >= 0x2500 && r <= 0x25ff && r != 0x25fd && r != 0x25fe) || r == 0x2713 || r == 0x2717
}

// clean makes record text safe and visible: "—" when empty.
func clean(s string) string {
	if s = text.Clean(s); s == "" {
		return "—"
	}
	return s
}

const dash = "—"

// words is a Graph enum value in the words people read (data.Words):
// "2.4 GHz", not frequency24GHz; "—" when empty.
func words(property, value string) string {
	if value == "" {
		return dash
	}
	return clean(data.Words(property, value))
}

func optInt(o data.Opt[int64], unit string) string {
	if !o.OK {
		return dash
	}
	if unit == "" {
		return fmt.Sprint(o.V)
	}
	return fmt.Sprintf("%d %s", o.V, unit)
}

func optFloat(o data.Opt[float64], prec int, unit string) string {
	if !o.OK {
		return dash
	}
	s := text.TrimFloat(o.V, prec)
	if unit != "" {
		s += " " + unit
	}
	return s
}

func optMillis(o data.Opt[time.Duration]) string {
	if !o.OK {
		return dash
	}
	return text.FormatMillis(o.V)
}

func optPercent(o data.Opt[float64]) string {
	if !o.OK {
		return dash
	}
	return text.FormatPercent(o.V)
}

func optBool(o data.Opt[bool]) string {
	if !o.OK {
		return dash
	}
	if o.V {
		return "yes"
	}
	return "no"
}

// bitrate shows bits per second in the unit people read: "54 Mbit/s".
func bitrate(o data.Opt[int64]) string {
	if !o.OK {
		return dash
	}
	if o.V == 4294967295 {
		return "unknown"
	}
	v := float64(o.V)
	switch {
	case v >= 1e9:
		return text.TrimFloat(v/1e9, 1) + " Gbit/s"
	case v >= 1e6:
		return text.TrimFloat(v/1e6, 1) + " Mbit/s"
	case v >= 1e3:
		return text.TrimFloat(v/1e3, 1) + " kbit/s"
	}
	return fmt.Sprintf("%d bit/s", o.V)
}

// styles is the theme as the renderers use it: each style painted once into
// the escape sequences around a text, so drawing a row is concatenation.
// lipgloss.Style.Render measures and lays out on every call, which was most
// of a frame's time.
type styles struct {
	good, poor, unclassified, failure, warning, muted, label, title, header paint
	selected, border, borderFocused, key, desc, gaugeFull, gaugeEmpty       paint
	match                                                                   paint
	// zone is the time zone every time on screen is shown in: UTC, or the
	// local zone with --local (nil: UTC). It rides with the paints because
	// every renderer is handed them; timeText is the one way to show a time.
	zone *time.Location
	// reportHint is Options.ReportHint: a pane that lists only part of
	// something names the command that lists it all.
	reportHint string
}

// timeText is a time as the explorer shows it, in the zone of --local:
// "2026-02-17 14:00:02 UTC"; "—" for a time the record lacks.
func (s styles) timeText(t time.Time) string {
	if s.zone == nil || s.zone == time.UTC || t.IsZero() {
		return text.TimeText(t)
	}
	return t.In(s.zone).Format("2006-01-02 15:04:05 MST")
}

// clock is a time in the zone of --local, in a short layout ("15:04"):
// the timeline's ticks, title and cursor.
func (s styles) clock(t time.Time, layout string) string {
	z := s.zone
	if z == nil {
		z = time.UTC
	}
	return t.In(z).Format(layout)

}

// newStyles paints a theme.
func newStyles(t theme.Theme) styles {
	p := newPaint
	return styles{
		good: p(t.Good), poor: p(t.Poor), unclassified: p(t.Unclassified), failure: p(t.Failure), warning: p(t.Warning),
		muted: p(t.Muted), label: p(t.Label), title: p(t.Title), header: p(t.Header), selected: p(t.Selected),
		border: p(t.Border), borderFocused: p(t.BorderFocused), key: p(t.Key), desc: p(t.Desc),
		gaugeFull: p(t.GaugeFull), gaugeEmpty: p(t.GaugeEmpty), match: p(t.Match),
	}
}

// paint is a simple style (colours, bold, reverse) as the sequences before
// and after a text.
type paint struct{ pre, post string }

func newPaint(s lipgloss.Style) paint {
	const mark = "\x00"
	out := s.Render(mark)
	i := strings.Index(out, mark)
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+len(mark):]}
}

// Render paints a text that has no line breaks.
func (p paint) Render(s ...string) string {
	t := strings.Join(s, "")
	if t == "" {
		return ""
	}
	return p.pre + t + p.post
}

func ansiWidth(s string) int { return ansi.StringWidth(s) }
