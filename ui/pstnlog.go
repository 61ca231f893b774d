package ui

import (
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
)

// rowsColumnMax caps the table's columns (pstn.Columns), in cells; the
// last takes what is left.
var rowsColumnMax = []int{23, 4, 24, 34, 8, 32, 48}

// rowsTable shows PSTN, Direct Routing, SMS, dial-out or blocked-users
// rows: one line a row under pstn.Columns, failed calls marked ✗; typing
// filters (a case-insensitive substring of the line); enter shows a row's
// details (pstn.Facts), or, in callscope pstn's picker, chooses a Direct
// Routing row whose call record can be opened.
type rowsTable struct {
	keys     KeyMap
	st       styles
	dark     bool
	title    string // what the rows are: "Direct Routing log dr.json (5 rows)"
	warnings []string
	pick     bool // callscope pstn: enter on a row with a call chooses it

	rows   []*pstn.Row
	cells  [][]string // pstn.Cells: cleaned
	hay    []string   // each line in lower case, for the filter
	full   []int      // the columns' widths, capped
	widths []int      // as drawn: narrow screens shrink the user and the numbers

	input          textinput.Model
	shown          []int // rows that pass the filter, in order
	cursor, offset int   // in shown
	w, h           int

	detail int // the row whose details are shown; -1: the table
	scroll int // the details' first line

	chosen *pstn.Row // picked: the program ends
	status string    // the footer's message: why a call did not open
}

func newRowsTable(title string, rows []*pstn.Row, warnings []string, pick bool) *rowsTable {
	t := &rowsTable{keys: DefaultKeyMap(), title: title, rows: rows, warnings: warnings, pick: pick, detail: -1, input: textinput.New()}
	t.input.Prompt = "filter: "
	t.input.Focus()
	t.full = make([]int, len(pstn.Columns))
	for i, c := range pstn.Columns {
		t.full[i] = width(c)
	}
	for _, r := range rows {
		cells := pstn.Cells(r)
		t.cells = append(t.cells, cells)
		t.hay = append(t.hay, strings.ToLower(strings.Join(cells, " ")))
		for i, c := range cells {
			t.full[i] = max(t.full[i], min(width(c), rowsColumnMax[i]))
		}
	}
	t.widths = t.full
	t.filter()
	t.restyle(true)
	return t
}

func (t *rowsTable) restyle(dark bool) {
	t.dark = dark
	t.st = newStyles(theme.New(dark))
	st := textinput.DefaultStyles(dark)
	st.Cursor.Blink = false
	st.Focused.Prompt = theme.New(dark).Label
	t.input.SetStyles(st)
}

// filter keeps the rows whose line holds the input, ignoring case.
func (t *rowsTable) filter() {
	q := strings.ToLower(t.input.Value())
	t.shown = t.shown[:0]
	for i, h := range t.hay {
		if q == "" || strings.Contains(h, q) {
			t.shown = append(t.shown, i)
		}
	}
	t.cursor, t.offset = 0, 0
}

// listH is how many rows fit: a header, the input, the headings and the
// footer take four lines.
func (t *rowsTable) listH() int { return max(t.h-4, 1) }

func (t *rowsTable) move(d int) {
	t.cursor = min(max(t.cursor+d, 0), max(len(t.shown)-1, 0))
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if h := t.listH(); t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
}

// current is the row under the cursor, -1 for none.
func (t *rowsTable) current() int {
	if t.cursor < len(t.shown) {
		return t.shown[t.cursor]
	}
	return -1
}

// callOf is the call record a row opens: a Direct Routing row's
// correlationId; "" for other rows.
func callOf(r *pstn.Row) string {
	if r.DR == nil {
		return ""
	}
	return strings.TrimSpace(r.DR.CorrelationID)
}

func (t *rowsTable) SetSize(w, h int) {
	t.w, t.h = max(w, 0), max(h, 0)
	t.input.SetWidth(max(t.w-10, 1))
	t.widths = shrinkColumns(t.full, t.w)
	t.move(0)
}

// shrinkColumns narrows the user's column, then the numbers', so that the
// result (the SIP code) fits w when it can; the trunk, last, is cut.
func shrinkColumns(full []int, w int) []int {
	ws := append([]int(nil), full...)
	need := 0
	for _, x := range ws[:len(ws)-1] {
		need += x + 2
	}
	need += min(ws[len(ws)-1], 16)
	for _, c := range []struct{ col, least int }{{2, 10}, {3, 19}} {
		if over := need - w; over > 0 && c.col < len(ws) {
			cut := min(over, max(ws[c.col]-c.least, 0))
			ws[c.col] -= cut
			need -= cut
		}
	}
	return ws
}

func (t *rowsTable) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &t.keys
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if t.detail >= 0 {
		switch {
		case key.Matches(msg, k.RowsBack):
			t.detail, t.scroll = -1, 0
		case key.Matches(msg, k.RowsOpen) && t.pick && callOf(t.rows[t.detail]) != "":
			t.chosen = t.rows[t.detail]
			return tea.Quit
		case key.Matches(msg, k.RowsDown):
			t.scroll = min(t.scroll+1, max(len(t.detailLines())-(t.h-1), 0))
		case key.Matches(msg, k.RowsUp):
			t.scroll = max(t.scroll-1, 0)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.RowsBack):
		return tea.Quit
	case key.Matches(msg, k.RowsOpen):
		i := t.current()
		switch {
		case i < 0:
		case t.pick && callOf(t.rows[i]) != "":
			t.chosen = t.rows[i]
			return tea.Quit
		default:
			t.detail, t.scroll = i, 0
		}
	case key.Matches(msg, k.RowsDown):
		t.move(1)
	case key.Matches(msg, k.RowsUp):
		t.move(-1)
	case key.Matches(msg, k.RowsPageDown):
		t.move(t.listH())
	case key.Matches(msg, k.RowsPageUp):
		t.move(-t.listH())
	default: // every other key types the filter
		before := t.input.Value()
		var cmd tea.Cmd
		t.input, cmd = t.input.Update(msg)
		if t.input.Value() != before {
			t.filter()
		}
		return cmd
	}
	return nil
}

func (t *rowsTable) View() string {
	if t.w <= 0 || t.h <= 0 {
		return ""
	}
	var lines []string
	if t.detail >= 0 {
		lines = t.detailLines()
		lines = lines[min(t.scroll, len(lines)):]
	} else {
		lines = t.tableLines()
	}
	lines = padLines(lines, spaces(t.w), t.h-1)
	return strings.Join(append(lines, t.footer()), "\n")
}

// line is a row's cells in their columns.
func (t *rowsTable) line(cells []string) string {
	var b strings.Builder
	for i, c := range cells {
		if i == len(cells)-1 {
			b.WriteString(c)
			break
		}
		b.WriteString(fit(c, t.widths[i]) + "  ")
	}
	return b.String()
}

func (t *rowsTable) tableLines() []string {
	st := t.st
	head := st.header.Render("callscope") + st.muted.Render(" · ") + text.Clean(t.title)
	lines := []string{fit(head, t.w), fit(t.input.View(), t.w), fit(st.label.Render(t.line(pstn.Columns)), t.w)}
	if len(t.shown) == 0 {
		what := "no row matches"
		if len(t.rows) == 0 {
			what = "no rows"
		}
		return append(lines, fit(st.muted.Render(what), t.w))
	}
	end := min(t.offset+t.listH(), len(t.shown))
	for j := t.offset; j < end; j++ {
		i := t.shown[j]
		l := t.line(t.cells[i])
		switch {
		case j == t.cursor:
			l = st.selected.Render(fit(l, t.w))
		case t.rows[i].Failed():
			l = st.poor.Render(fit(l, t.w))
		}
		lines = append(lines, fit(l, t.w))
	}
	return lines
}

// hint is the footer's short help.
func (t *rowsTable) hint() string {
	open := "enter details"
	if t.pick {
		open = "enter opens the call (other rows: details)"
	}
	return "type to filter · ↑↓ choose · " + open + " · esc quits"
}

// detailLines are the details of the row shown: its facts (pstn.Facts),
// and the call record it opens.
func (t *rowsTable) detailLines() []string {
	st := t.st
	r := t.rows[t.detail]
	cells := t.cells[t.detail]
	title := r.Kind.String() + " row · " + cells[0] + " · " + cells[3]
	var b block
	b = append(b, fit(st.header.Render("callscope")+st.muted.Render(" · ")+text.Clean(title), t.w), "")
	if r.Failed() {
		b = append(b, fit(st.poor.Render(cells[5]), t.w)) // marked ✗
	}
	b = append(b, section("Row", factFields(r, "", ""), t.w, st)...)
	if id := callOf(r); id != "" {
		say := "Its call record: callscope --id " + id + " (call records are kept 30 days, the logs a year)"
		if t.pick {
			say = "enter opens its call record " + id + " (call records are kept 30 days, the logs a year)"
		}
		b = append(b, "")
		b = append(b, paragraph(text.Clean(say), t.w, st.muted)...)
	}
	return b
}

func (t *rowsTable) footer() string {
	st := t.st
	if t.detail >= 0 {
		return fit(st.muted.Render("esc back to the rows · ↑↓ scroll · ctrl+c quits"), t.w)
	}
	switch {
	case t.status != "":
		return fit(st.warning.Render(text.OneLine(t.status)), t.w)
	case len(t.warnings) > 0:
		return fit(st.warning.Render(markWarning+" "+text.OneLine(t.warnings[0])), t.w)
	}
	return fit(st.muted.Render(fmt.Sprintf("%d of %s · ", len(t.shown), text.Plural(len(t.rows), "row"))+t.hint()), t.w)
}

// rowsProgram runs the table as a Bubble Tea program.
type rowsProgram struct{ t *rowsTable }

func (a rowsProgram) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (a rowsProgram) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.t.SetSize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		a.t.restyle(msg.IsDark())
	case tea.KeyPressMsg:
		return a, a.t.HandleKey(msg)
	}
	return a, nil
}

func (a rowsProgram) View() tea.View {
	v := tea.NewView(a.t.View())
	v.AltScreen = true
	v.WindowTitle = "callscope"
	return v
}

func runRows(t *rowsTable, output io.Writer, profile *colorprofile.Profile) error {
	var popts []tea.ProgramOption
	if profile != nil {
		popts = append(popts, tea.WithColorProfile(*profile))
	}
	if output != nil {
		popts = append(popts, tea.WithOutput(output))
	}
	_, err := tea.NewProgram(rowsProgram{t}, popts...).Run()
	return err
}

// ShowLog shows a saved log's rows (callscope FILE on a PSTN, Direct
// Routing, SMS, dial-out or blocked-users log) until the user quits.
// output is the terminal to draw on (nil: standard output).
func ShowLog(log *pstn.Log, output io.Writer, profile *colorprofile.Profile) error {
	return runRows(newRowsTable(log.Title(), log.Rows, log.Warnings, false), output, profile)
}

// PSTNPicker is callscope pstn's picker: the rows of a time range, enter
// on a Direct Routing row chooses its call. It keeps its filter and cursor
// from one Pick to the next, so that the caller can come back to it after
// showing the call.
type PSTNPicker struct{ t *rowsTable }

// NewPSTNPicker shows rows in the order given under a title.
func NewPSTNPicker(title string, rows []*pstn.Row) *PSTNPicker {
	return &PSTNPicker{newRowsTable(title, rows, nil, true)}
}

// SetStatus is the footer's message until the next: why a call did not
// open. Cleaned when drawn.
func (p *PSTNPicker) SetStatus(s string) { p.t.status = s }

// Pick shows the rows until the user chooses a Direct Routing row with a
// call record (returned) or quits (nil).
func (p *PSTNPicker) Pick(profile *colorprofile.Profile) (*pstn.Row, error) {
	p.t.chosen = nil
	err := runRows(p.t, nil, profile)
	return p.t.chosen, err
}

// Rows are the picker's rows in the order shown, the filter aside.
func (p *PSTNPicker) Rows() []*pstn.Row { return p.t.rows }

// Status is the footer's message (SetStatus).
func (p *PSTNPicker) Status() string { return p.t.status }
