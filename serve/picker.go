package serve

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// picker is the list a session starts with: the records under --records
// and Graph's recent calls, newest first; typing filters, enter opens.
// (ui's picker runs a program of its own on the process's terminal and
// takes Graph records only, so serve has this small one.) The cursor does
// not blink: a session that shows the picker and gets no key sends nothing.
type picker struct {
	files, calls []item // shared, read-only
	rows         []string
	all          []*item
	shown        []int
	cursor, top  int
	query        string
	w, h         int
	st           pickerStyles

	logs       item   // the PSTN and Direct Routing logs' entry, first when Graph is configured
	logsLabel  string // its words; "" without Graph
	dir        string // --records, "" if none
	filesErr   error
	graph      bool   // Graph is configured
	graphState string // "loading", "" when done, or the error
	status     string // the last open's error, and such
}

// graphListMsg brings Graph's list.
type graphListMsg struct {
	items []item
	err   error
}

// openMsg asks the session to open an item.
type openMsg struct{ it *item }

func newPicker(files []item, filesErr error, dir string, graph bool, logsLabel string) *picker {
	p := &picker{files: files, filesErr: filesErr, dir: dir, graph: graph, st: newPickerStyles(),
		logs: item{logs: true, rel: logsLabel}, logsLabel: logsLabel}
	if graph {
		p.graphState = "loading"
	}
	p.rebuild()
	return p
}

// rebuild merges files and calls, newest first, and filters them.
func (p *picker) rebuild() {
	p.all = p.all[:0]
	if p.logsLabel != "" {
		p.all = append(p.all, &p.logs)
	}
	i, j := 0, 0
	for i < len(p.files) || j < len(p.calls) {
		if j >= len(p.calls) || i < len(p.files) && !p.files[i].when.Before(p.calls[j].when) {
			p.all = append(p.all, &p.files[i])
			i++
		} else {
			p.all = append(p.all, &p.calls[j])
			j++
		}
	}
	p.rows = p.rows[:0]
	for _, it := range p.all {
		p.rows = append(p.rows, itemRow(it))
	}
	p.filter()
}

func (p *picker) filter() {
	q := strings.ToLower(p.query)
	p.shown = p.shown[:0]
	for i, row := range p.rows {
		if q == "" || strings.Contains(strings.ToLower(row), q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.shown)-1, 0))
	p.scroll()
}

func (p *picker) listH() int { return max(p.h-4, 1) }

func (p *picker) scroll() {
	h := p.listH()
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+h {
		p.top = p.cursor - h + 1
	}
	p.top = max(0, min(p.top, len(p.shown)-h))
}

func (p *picker) move(d int) {
	p.cursor = max(0, min(p.cursor+d, len(p.shown)-1))
	p.scroll()
}

func (p *picker) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
		p.scroll()
	case graphListMsg:
		p.calls, p.graphState = msg.items, ""
		if msg.err != nil {
			p.graphState = "Graph's list failed: " + clean(msg.err.Error())
		}
		p.rebuild()
	case tea.KeyPressMsg:
		switch msg.String() {
		case "ctrl+c":
			return tea.Quit
		case "esc":
			if p.query == "" {
				return tea.Quit
			}
			p.query = ""
			p.filter()
		case "enter":
			if len(p.shown) > 0 {
				return func() tea.Msg { return openMsg{p.all[p.shown[p.cursor]]} }
			}
		case "down", "ctrl+n":
			p.move(1)
		case "up", "ctrl+p":
			p.move(-1)
		case "pgdown":
			p.move(p.listH() - 1)
		case "pgup":
			p.move(-(p.listH() - 1))
		case "home":
			p.move(-len(p.shown))
		case "end":
			p.move(len(p.shown))
		case "ctrl+z":
			p.status = "suspend is off over SSH (ssh's own ~^Z suspends your ssh)"
		default:
			if q, ok := editFilter(p.query, msg); ok && len(q) <= 200 {
				p.query = q
				p.filter()
			}
		}
	}
	return nil
}

// itemRow is an item in words, cleaned for the terminal.
func itemRow(it *item) string {
	if it.logs {
		return fmt.Sprintf("%-16s  %-5s %9s  %s", "", "graph", "", it.rel+" · enter shows them")
	}
	if !it.graph {
		when := it.when.Format("2006-01-02 15:04")
		if it.dated && !it.started {
			when = it.when.Format("2006-01-02")
		}
		name := clean(it.rel)
		if it.id != "" && !strings.Contains(strings.ToLower(it.rel), strings.ToLower(it.id)) {
			name += "  " + clean(it.id) // an export's own id: typing it filters to it
		}
		return fmt.Sprintf("%-16s  %-5s %9s  %s", when, "file", sizeText(it.size), name)
	}
	length := "—"
	if it.length >= 0 {
		length = spanText(it.length)
	}
	when := "—"
	if !it.when.IsZero() {
		when = it.when.UTC().Format("2006-01-02 15:04")
	}
	// Padded by display width, not runes: a CJK organizer takes two cells
	// a character.
	return fmt.Sprintf("%-16s  %-5s %9s  ", when, "graph", length) + padTo(typeWords(it.kind), 11) + " " +
		padTo(cut(clean(it.organizer), 24), 24) + " " + clean(it.id)
}

func (p *picker) view() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	fit := func(s string) string { return cut(s, p.w) }
	shown, all := len(p.shown), len(p.all)
	if p.logsLabel != "" { // the logs' entry, first, is no record
		all--
		if shown > 0 && p.all[p.shown[0]].logs {
			shown--
		}
	}
	head := fmt.Sprintf(" · %d of %d records · type to filter · ↑↓ choose · enter opens · esc quits", shown, all)
	lines := []string{
		fit(p.st.header.Render("callscope") + p.st.muted.Render(head)),
		fit("filter: " + clean(p.query) + "▏"),
		fit(p.st.label.Render(fmt.Sprintf("%-16s  %-5s %9s  %s", "start (UTC)", "from", "size/len", "record"))),
	}
	for i := p.top; i < min(p.top+p.listH(), len(p.shown)); i++ {
		row := fit(p.rows[p.shown[i]])
		if i == p.cursor {
			row = p.st.selected.Render(row + strings.Repeat(" ", max(p.w-ansi.StringWidth(row), 0)))
		}
		lines = append(lines, row)
	}
	if len(p.shown) == 0 {
		lines = append(lines, fit(p.st.muted.Render(p.emptyText())))
	}
	for len(lines) < p.h-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:min(len(lines), p.h-1)], fit(p.footer()))
	return strings.Join(lines, "\n")
}

func (p *picker) emptyText() string {
	switch {
	case len(p.all) > 0:
		return "no record matches"
	case p.dir == "" && !p.graph:
		return "no records: the server has no --records folder and no Graph credentials"
	case p.graphState == "loading":
		return "no files; asking Graph for recent calls…"
	}
	return "no records yet"
}

func (p *picker) footer() string {
	var parts []string
	if p.status != "" {
		return p.st.warning.Render(p.status)
	}
	if p.filesErr != nil {
		parts = append(parts, "the records folder cannot be read: "+clean(p.filesErr.Error()))
	}
	switch {
	case p.graphState == "loading":
		parts = append(parts, "asking Graph for recent calls…")
	case p.graphState != "":
		parts = append(parts, p.graphState)
	case !p.graph:
		parts = append(parts, "no Graph credentials on the server: files only")
	}
	if len(parts) == 0 {
		return p.st.muted.Render("q in a record comes back here · ssh -t host CALLID opens one directly")
	}
	return p.st.warning.Render(strings.Join(parts, " · "))
}

// padTo fills s with spaces to w cells.
func padTo(s string, w int) string { return s + strings.Repeat(" ", max(w-cells(s), 0)) }
