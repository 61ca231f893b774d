package ui

import (
	"fmt"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
)

// Marks tell states apart without colour, one meaning each, everywhere:
// tree rows, header, findings, legend. Colours add to them.
const (
	markFailed       = "⊘" // a failureInfo
	markProblem      = "✗" // a poor stream or a problem finding
	markWarning      = "!" // a warning finding, a loading warning
	markGood         = "✓"
	markUnclassified = "·" // nothing to judge
	markInfo         = "i" // an information finding
)

// mark is a roll-up's symbol and style; data.Rollup.State decides it.
func mark(q data.Rollup, st styles) (string, paint) {
	switch q.State() {
	case data.StateFailed:
		return markFailed, st.failure
	case data.StateProblem:
		return markProblem, st.poor
	case data.StateGood:
		return markGood, st.good
	}
	return markUnclassified, st.unclassified
}

// findingMark is a finding's symbol and style: a failure is marked as one,
// the rest by severity.
func findingMark(f data.Finding, st styles) (string, paint) {
	switch {
	case f.Failure:
		return markFailed, st.failure
	case f.Severity == data.Problem:
		return markProblem, st.poor
	case f.Severity == data.Warning:
		return markWarning, st.warning
	}
	return markInfo, st.muted
}

// shortID keeps the first block of a GUID: enough to tell calls apart.
// Anything else is cut to 13 cells between characters (the window title,
// the header and the pane titles show it).
func shortID(id string) string {
	id = text.Clean(id)
	if i := strings.IndexByte(id, '-'); i >= 8 {
		id = id[:i]
	}
	if id == "" {
		return "(no id)"
	}
	return text.Cut(id, 13)
}

// rowText is the words of a tree row, without indentation or mark. Every
// piece from the record is cleaned.
func rowText(f *data.File, n Node) (main, extra string) {
	p := resolve(f, n)
	switch n.Level {
	case LevelCall:
		r := p.rec
		parts := []string{"Call " + shortID(r.ID), words("type", r.Type)}
		if d := r.Duration(); d >= 0 {
			parts = append(parts, text.FormatSpan(d))
		}
		parts = append(parts, text.Plural(len(r.Sessions), "session"))
		return strings.Join(parts, " · "), ""
	case LevelSession:
		se := p.se
		parts := []string{}
		if len(se.Modalities) > 0 {
			parts = append(parts, clean(data.ModalityWords(se.Modalities)))
		}
		if d := se.Duration(); d >= 0 {
			parts = append(parts, text.FormatSpan(d))
		}
		if se.Failure != nil {
			parts = append(parts, "at "+words("failureStage", se.Failure.Stage))
		}
		if q := se.Quality; q.Poor > 0 {
			parts = append(parts, fmt.Sprintf("%d poor of %d", q.Poor, q.Streams()))
		}
		return failedWord(se.Quality) + sessionEnds(p.rec.Names(), se), strings.Join(parts, " · ")
	case LevelSegment:
		caller, callee := p.sides()
		parts := []string{}
		if d := p.sg.Duration(); d >= 0 {
			parts = append(parts, text.FormatSpan(d))
		}
		if p.sg.Failure != nil {
			parts = append(parts, "at "+words("failureStage", p.sg.Failure.Stage))
		}
		if q := p.sg.Quality; q.Poor > 0 {
			parts = append(parts, fmt.Sprintf("%d poor of %d", q.Poor, q.Streams()))
		}
		names := p.rec.Names()
		return failedWord(p.sg.Quality) + text.Clean(names.Label(caller)) + " → " + text.Clean(names.Label(callee)), strings.Join(parts, " · ")
	case LevelMedia:
		kind := data.KindUnknown
		if len(p.md.Streams) > 0 {
			kind = p.md.Streams[0].Kind
		} else {
			kind = quality.MediaKindOf(p.md.Label, "", "")
		}
		return clean(p.md.Label), kind.String() + " · " + text.Plural(len(p.md.Streams), "stream")
	}
	st := p.st
	caller, callee := p.sides()
	names := p.rec.Names()
	from, to := names.Label(caller), names.Label(callee)
	if strings.EqualFold(st.Direction, "calleeToCaller") {
		from, to = to, from
	}
	parts := []string{}
	if c := st.CodecWords(); c != "" {
		parts = append(parts, c)
	}
	if len(st.Quality.Reasons) > 0 {
		parts = append(parts, st.Quality.Reasons[0].Text())
	}
	// Short names: the segment row above says them in full, and the codec
	// and reason must fit.
	return firstWord(from) + " → " + firstWord(to), strings.Join(parts, " · ")
}

// sessionEnds is a session's row name in the tree: its caller and callee,
// "+14255550142 → Contoso Main Line", clean. The timeline says it too.
func sessionEnds(names *data.Names, se *data.Session) string {
	return text.Clean(names.Label(&se.Caller)) + endsArrow + text.Clean(names.Label(&se.Callee))
}

const endsArrow = " → "

// failedWord starts a failed session's or segment's row, before the
// names, so that a narrow tree still says it.
func failedWord(q data.Rollup) string {
	if q.State() == data.StateFailed {
		return "failed · "
	}
	return ""
}

// firstWord shortens "Alice Okafor" to "Alice" and "Conference server" to
// "Conference"; a phone number or one word stays whole.
func firstWord(s string) string {
	s = text.Clean(s)
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
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
	main = t.pstn.rowMain(n, main) // a PSTN leg's SIP code, first
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
		if n.Level == LevelStream && sym == markProblem {
			extraStyle = st.poor // the reason it is poor
		}
		line += "  " + extraStyle.Render(extra)
	}
	return fit(line, w)
}
