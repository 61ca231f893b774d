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

	// The filter: / opens it, what is typed narrows the rows to those that
	// hold it (any case), enter keeps it, esc clears it.
	query  string
	typing bool
	hay    []string // each line in lower case, for the filter
	shown  []int    // the lines that pass it, in order; cursor and top index it
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

func (v *logView) rows() int { return len(v.shown) }

// refilter works out the rows shown, from the first.
func (v *logView) refilter() {
	v.shown = v.shown[:0]
	q := strings.ToLower(v.query)
	for i, h := range v.hay {
		if strings.Contains(h, q) {
			v.shown = append(v.shown, i)
		}
	}
	v.cursor, v.top = 0, 0
	v.move(0)
}

// typeKey is a key typed into the open filter; false for one it does not take.
func (v *logView) typeKey(msg tea.KeyPressMsg) bool {
	switch {
	case msg.String() == "enter":
		v.typing = false
		return true
	case msg.String() == "esc":
		v.typing, v.query = false, ""
	default:
		q, ok := editFilter(v.query, msg)
		if !ok {
			return false
		}
		v.query = q
	}
	v.refilter()
	return true
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
		v.hay = nil
		if v.table != nil {
			v.wide = ansi.StringWidth(v.table.header)
			for _, l := range v.table.lines {
				v.wide = max(v.wide, ansi.StringWidth(l))
				v.hay = append(v.hay, strings.ToLower(ansi.Strip(l)))
			}
		}
		v.refilter()
		if msg.err != nil {
			v.state = "Graph's logs failed: " + clean(msg.err.Error())
		}
		v.move(0)
	case tea.KeyPressMsg:
		v.status = ""
		if msg.String() == "ctrl+c" {
			return tea.Quit
		}
		if v.typing && v.typeKey(msg) {
			return nil
		}
		switch msg.String() {
		case "/":
			v.typing = true
		case "esc", "q":
			if v.query != "" { // a kept filter goes first
				v.query = ""
				v.refilter()
				break
			}
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
			if id := v.table.calls[v.shown[v.cursor]]; id != "" {
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
	fit := func(s string) string { return cut(s, v.w) }
	scrolled := func(s string) string { return ansi.Cut(s, v.left, v.left+max(v.w-2, 1)) } // the columns from ←→'s left
	rows := fmt.Sprintf("%d rows", v.rows())
	if v.query != "" {
		rows = fmt.Sprintf("%d of %d rows", v.rows(), len(v.hay))
	}
	head := fmt.Sprintf(" · %s · %s · ↑↓ choose · ←→ scroll · / filter · enter opens ▸ · esc back", v.label, rows)
	lines := []string{fit(v.st.header.Render("callscope") + v.st.muted.Render(head))}
	switch {
	case v.state == "loading":
		lines = append(lines, "", fit(v.st.muted.Render("asking Graph for the PSTN and Direct Routing logs…")))
	case v.table == nil:
		lines = append(lines, "", fit(v.st.warning.Render(v.state)))
	default:
		lines = append(lines, fit(v.st.label.Render("  "+scrolled(v.table.header))))
		for i := v.top; i < min(v.top+v.listH(), v.rows()); i++ {
			row := fit(logMark(v.table.calls[v.shown[i]]) + scrolled(v.table.lines[v.shown[i]]))
			if i == v.cursor {
				row = v.st.selected.Render(row + strings.Repeat(" ", max(v.w-ansi.StringWidth(row), 0)))
			}
			lines = append(lines, row)
		}
		switch {
		case v.rows() == 0 && v.query != "":
			lines = append(lines, fit(v.st.muted.Render("no row holds “"+v.query+"”: esc clears the filter")))
		case v.rows() == 0:
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
	case v.typing:
		return "filter: " + v.query + "▏" + v.st.muted.Render("  enter keeps it · esc clears it")
	case v.status != "":
		return v.st.warning.Render(v.status)
	case v.table != nil && v.table.failed != "":
		return v.st.warning.Render("one log failed: " + clean(v.table.failed))
	}
	if v.query != "" {
		return v.st.muted.Render("filter: " + v.query + " · esc clears it · ▸ a Direct Routing row: enter opens its call")
	}
	return v.st.muted.Render("▸ a Direct Routing row: enter opens its call · q in the call comes back here")
}
