package serve

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// logView shows Graph's PSTN and Direct Routing logs as `callscope pstn`
// prints them, newest first; enter on a Direct Routing row opens its call
// (the row's correlationId is the call record's id).
type logView struct {
	label             string // "PSTN and Direct Routing calls (last 24h)"
	table             *logTable
	state             string // "loading", "" when shown, or why it failed
	status            string // the last key's answer
	cursor, top, left int
	wide              int // the table's widest line
	w, h              int
	st                pickerStyles
}

// Messages of the log view.
type (
	logsMsg struct {
		table *logTable
		err   error
	}
	closeLogsMsg struct{}            // back to the picker
	openCallMsg  struct{ id string } // open this call record
)

func newLogView(label string, w, h int) *logView {
	return &logView{label: label, state: "loading", w: w, h: h, st: newPickerStyles()}
}

func (v *logView) rows() int {
	if v.table == nil {
		return 0
	}
	return len(v.table.lines)
}

func (v *logView) listH() int { return max(v.h-4, 1) }

func (v *logView) move(d int) {
	v.cursor = max(0, min(v.cursor+d, v.rows()-1))
	h := v.listH()
	if v.cursor < v.top {
		v.top = v.cursor
	}
	if v.cursor >= v.top+h {
		v.top = v.cursor - h + 1
	}
	v.top = max(0, min(v.top, v.rows()-h))
}

func (v *logView) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		v.w, v.h = msg.Width, msg.Height
		v.move(0)
	case logsMsg:
		v.table, v.state = msg.table, ""
		if v.table != nil {
			v.wide = ansi.StringWidth(v.table.header)
			for _, l := range v.table.lines {
				v.wide = max(v.wide, ansi.StringWidth(l))
			}
		}
		if msg.err != nil {
			v.state = "Graph's logs failed: " + clean(msg.err.Error())
		}
		v.move(0)
	case tea.KeyPressMsg:
		v.status = ""
		switch msg.String() {
		case "ctrl+c":
			return tea.Quit
		case "esc", "q":
			return func() tea.Msg { return closeLogsMsg{} }
		case "down", "j", "ctrl+n":
			v.move(1)
		case "up", "k", "ctrl+p":
			v.move(-1)
		case "pgdown", "space":
			v.move(v.listH() - 1)
		case "pgup":
			v.move(-(v.listH() - 1))
		case "home", "g":
			v.move(-v.rows())
		case "end", "G":
			v.move(v.rows())
		case "right", "l":
			v.left = max(min(v.left+8, v.wide-(v.w-2)), 0) // no further than the last column's end
		case "left", "h":
			v.left = max(v.left-8, 0)
		case "enter":
			if v.rows() == 0 {
				break
			}
			if id := v.table.calls[v.cursor]; id != "" {
				return func() tea.Msg { return openCallMsg{id} }
			}
			v.status = "only a Direct Routing row names its call (correlationId): this one opens nothing"
		case "ctrl+z":
			v.status = "suspend is off over SSH (ssh's own ~^Z suspends your ssh)"
		}
	}
	return nil
}

// logMark marks the rows enter opens.
func logMark(call string) string {
	if call != "" {
		return "▸ "
	}
	return "  "
}

func (v *logView) view() string {
	if v.w <= 0 || v.h <= 0 {
		return ""
	}
	fit := func(s string) string {
		if ansi.StringWidth(s) > v.w {
			return ansi.Truncate(s, v.w, "…")
		}
		return s
	}
	cut := func(s string) string { return ansi.Cut(s, v.left, v.left+max(v.w-2, 1)) }
	head := fmt.Sprintf(" · %s · %d rows · ↑↓ choose · ←→ scroll · enter opens ▸ · esc back", v.label, v.rows())
	lines := []string{fit(v.st.header.Render("callscope") + v.st.muted.Render(head))}
	switch {
	case v.state == "loading":
		lines = append(lines, "", fit(v.st.muted.Render("asking Graph for the PSTN and Direct Routing logs…")))
	case v.table == nil:
		lines = append(lines, "", fit(v.st.warning.Render(v.state)))
	default:
		lines = append(lines, fit(v.st.label.Render("  "+cut(v.table.header))))
		for i := v.top; i < min(v.top+v.listH(), v.rows()); i++ {
			row := fit(logMark(v.table.calls[i]) + cut(v.table.lines[i]))
			if i == v.cursor {
				row = v.st.selected.Render(row + strings.Repeat(" ", max(v.w-ansi.StringWidth(row), 0)))
			}
			lines = append(lines, row)
		}
		if v.rows() == 0 {
			lines = append(lines, fit(v.st.muted.Render("no PSTN or Direct Routing calls in this time")))
		}
	}
	for len(lines) < v.h-1 {
		lines = append(lines, "")
	}
	return strings.Join(append(lines[:min(len(lines), v.h-1)], fit(v.footer())), "\n")
}

func (v *logView) footer() string {
	switch {
	case v.status != "":
		return v.st.warning.Render(v.status)
	case v.table != nil && v.table.failed != "":
		return v.st.warning.Render("one log failed: " + clean(v.table.failed))
	}
	return v.st.muted.Render("▸ a Direct Routing row: enter opens its call · q in the call comes back here")
}
