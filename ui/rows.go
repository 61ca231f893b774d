package ui

import (
	"fmt"
	"strings"

	"github.com/callscope/callscope/data"
)

// Marks tell verdicts apart without colour.
const (
	markGood         = "✓"
	markPoor         = "✗"
	markFailure      = "!"
	markUnclassified = "·"
)

// mark is a roll-up's symbol and style: poor first, then failures, then good.
func mark(q data.Rollup, st styles) (string, paint) {
	switch {
	case q.Poor > 0:
		return markPoor, st.poor
	case q.Failures > 0:
		return markFailure, st.failure
	case q.Good > 0:
		return markGood, st.good
	}
	return markUnclassified, st.unclassified
}

// shortID keeps the first block of a GUID: enough to tell calls apart.
// Anything else is cut to 13 cells between characters (the window title,
// the header and the pane titles show it).
func shortID(id string) string {
	id = data.Clean(id)
	if i := strings.IndexByte(id, '-'); i >= 8 {
		id = id[:i]
	}
	if id == "" {
		return "(no id)"
	}
	return data.Cut(id, 13)
}

// rowText is the words of a tree row, without indentation or mark. Every
// piece from the record is cleaned.
func rowText(f *data.File, n Node) (main, extra string) {
	p := resolve(f, n)
	switch n.Level {
	case LevelCall:
		r := p.rec
		parts := []string{"Call " + shortID(r.ID), clean(r.Type)}
		if d := r.Duration(); d >= 0 {
			parts = append(parts, data.FormatSpan(d))
		}
		parts = append(parts, plural(len(r.Sessions), "session"))
		return strings.Join(parts, " · "), ""
	case LevelSession:
		se := p.se
		caller, callee := data.EndpointLabel(&se.Caller), data.EndpointLabel(&se.Callee)
		parts := []string{}
		if len(se.Modalities) > 0 {
			parts = append(parts, data.Clean(strings.Join(se.Modalities, ", ")))
		}
		if d := se.Duration(); d >= 0 {
			parts = append(parts, data.FormatSpan(d))
		}
		if se.Failure != nil {
			parts = append(parts, "failed: "+clean(se.Failure.Stage))
		}
		if q := se.Quality; q.Poor > 0 {
			parts = append(parts, fmt.Sprintf("%d poor of %d", q.Poor, q.Streams()))
		}
		return data.Clean(caller) + " → " + data.Clean(callee), strings.Join(parts, " · ")
	case LevelSegment:
		caller, callee := p.sides()
		parts := []string{}
		if d := p.sg.Duration(); d >= 0 {
			parts = append(parts, data.FormatSpan(d))
		}
		if p.sg.Failure != nil {
			parts = append(parts, "failed: "+clean(p.sg.Failure.Stage))
		}
		if q := p.sg.Quality; q.Poor > 0 {
			parts = append(parts, fmt.Sprintf("%d poor of %d", q.Poor, q.Streams()))
		}
		return data.Clean(data.EndpointLabel(caller)) + " → " + data.Clean(data.EndpointLabel(callee)), strings.Join(parts, " · ")
	case LevelMedia:
		kind := data.KindUnknown
		if len(p.md.Streams) > 0 {
			kind = p.md.Streams[0].Kind
		} else {
			kind = data.MediaKindOf(p.md.Label, "", "")
		}
		return clean(p.md.Label), kind.String() + " · " + plural(len(p.md.Streams), "stream")
	}
	st := p.st
	caller, callee := p.sides()
	from, to := data.EndpointLabel(caller), data.EndpointLabel(callee)
	if strings.EqualFold(st.Direction, "calleeToCaller") {
		from, to = to, from
	}
	parts := []string{}
	if c := codec(st); c != "" {
		parts = append(parts, c)
	}
	if len(st.Quality.Reasons) > 0 {
		parts = append(parts, st.Quality.Reasons[0].Text())
	}
	// Short names: the segment row above says them in full, and the codec
	// and reason must fit.
	return firstWord(from) + " → " + firstWord(to), strings.Join(parts, " · ")
}

// firstWord shortens "Alice Okafor" to "Alice" and "Conference server" to
// "Conference"; a phone number or one word stays whole.
func firstWord(s string) string {
	s = data.Clean(s)
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// codec is the stream's codec that says something ("unknown" says nothing).
func codec(st *data.Stream) string {
	for _, c := range []string{st.AudioCodec, st.VideoCodec} {
		if c != "" && !strings.EqualFold(c, "unknown") {
			return data.Clean(c)
		}
	}
	return ""
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// renderRow draws row i of the tree at width w.
func renderRow(t *Tree, i, w int, selected bool, st styles) string {
	n := t.Row(i)
	indent := strings.Repeat("  ", int(n.Level))
	expander := " "
	if t.ChildCount(n) > 0 {
		expander = "▸"
		if t.IsOpen(n) {
			expander = "▾"
		}
	}
	sym, symStyle := mark(resolve(t.file, n).quality(n.Level), st)
	main, extra := rowText(t.file, n)
	if selected {
		// One style over the whole row: inner colours would end the reverse.
		line := indent + expander + " " + sym + " " + main
		if extra != "" {
			line += "  " + extra
		}
		return st.selected.Render(fit(line, w))
	}
	line := indent + expander + " " + symStyle.Render(sym) + " " + main
	if extra != "" {
		extraStyle := st.muted
		if n.Level == LevelStream && sym == markPoor {
			extraStyle = st.poor // the reason it is poor
		}
		line += "  " + extraStyle.Render(extra)
	}
	return fit(line, w)
}
