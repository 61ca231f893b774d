package ui

import (
	"fmt"
	"io"
	"slices"
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

// The table's columns, as pstn.Columns has them.
const (
	colTime = iota
	colKind
	colUser
	colNumbers
	colDuration
	colResult
	colTrunk
)

// narrowing is how the table gives way on a narrow screen, the least
// missed first: each step shrinks a column to least cells (0 drops it)
// until the trunk, last, has its room. The time loses its " UTC" at 19,
// the result keeps its SIP code at 17; the kind and the duration go, the
// numbers are cut, then the user goes, before the trunk is cut.
var narrowing = []struct{ col, least int }{
	{colUser, 10}, {colTime, 19}, {colResult, 17}, {colKind, 0}, {colDuration, 0},
	{colNumbers, 19}, {colUser, 0},
}

// trunkRoom is what the trunk keeps before other columns give way:
// "sbc2.contoso.com".
const trunkRoom = 16

// rowsTable shows PSTN, Direct Routing, SMS, dial-out or blocked-users
// rows: one line a row under pstn.Columns, failed calls marked ✗; / filters
// (a case-insensitive substring of a column shown); enter shows a row's
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
	hay    []string   // each row's cells in lower case, end to end, for the filter
	ends   []int32    // where each row's cells end in its hay, len(Columns) a row
	full   []int      // the columns' widths, capped
	widths []int      // as drawn (narrowing): 0 for a column dropped

	prompt filterPrompt
	query  string // the filter in force, lower case
	shown  []int  // rows that pass the filter, in order
	cur    list   // the cursor over shown
	w, h   int

	detail int      // the row whose details are shown; -1: the table
	lines  []string // its details at w, built when it opens (and on a resize)
	scroll int      // the details' first line

	chosen *pstn.Row // picked: the program ends
	status string    // the footer's message: why a call did not open
}

func newRowsTable(title string, rows []*pstn.Row, warnings []string, pick bool) *rowsTable {
	t := &rowsTable{keys: DefaultKeyMap(), title: title, rows: rows, warnings: warnings, pick: pick, detail: -1, prompt: filterPrompt{input: textinput.New()}}
	t.prompt.input.Prompt = "/"
	t.prompt.input.Placeholder = "any column shown"
	t.full = make([]int, len(pstn.Columns))
	for i, c := range pstn.Columns {
		t.full[i] = width(c)
	}
	t.cells = make([][]string, 0, len(rows))
	t.hay = make([]string, 0, len(rows))
	t.ends = make([]int32, 0, len(rows)*len(pstn.Columns))
	for _, r := range rows {
		cells := pstn.Cells(r)
		t.cells = append(t.cells, cells)
		var b strings.Builder
		for i, c := range cells {
			b.WriteString(strings.ToLower(c))
			t.ends = append(t.ends, int32(b.Len()))
			t.full[i] = max(t.full[i], min(width(c), rowsColumnMax[i]))
		}
		t.hay = append(t.hay, b.String())
	}
	t.widths = t.full
	t.filter(false)
	t.restyle(true)
	return t
}

func (t *rowsTable) restyle(dark bool) {
	t.dark = dark
	th := theme.New(dark)
	t.st = newStyles(th)
	t.prompt.input.SetStyles(inputStyles(th))
	t.redetail()
}

// matches is whether row i has q in a column shown.
func (t *rowsTable) matches(i int, q string) bool {
	ends := t.ends[i*len(pstn.Columns):][:len(pstn.Columns)]
	from := int32(0)
	for c, end := range ends {
		if t.widths[c] > 0 && strings.Contains(t.hay[i][from:end], q) {
			return true
		}
		from = end
	}
	return false
}

// filter keeps the rows with the query in a column shown, ignoring case;
// keep leaves the cursor on its row when that still shows, else it goes to
// the first.
func (t *rowsTable) filter(keep bool) {
	sel := t.current()
	t.shown = t.shown[:0]
	for i := range t.rows {
		if t.query == "" || t.matches(i, t.query) {
			t.shown = append(t.shown, i)
		}
	}
	at := 0
	if keep {
		at = max(slices.Index(t.shown, sel), 0)
	}
	t.cur.cursor = 0
	t.cur.setSize(len(t.shown), t.listH())
	t.cur.move(at)
}

// setQuery filters by what is typed.
func (t *rowsTable) setQuery(q string) {
	if q = strings.ToLower(text.OneLine(q)); q != t.query {
		t.query = q
		t.filter(false)
	}
}

// listH is how many rows fit: the header, the filter line and the
// headings take three lines, the footer the rest.
func (t *rowsTable) listH() int { return max(t.h-3-len(t.footerLines()), 1) }

// current is the row under the cursor, -1 for none.
func (t *rowsTable) current() int {
	if t.cur.cursor < len(t.shown) {
		return t.shown[t.cur.cursor]
	}
	return -1
}

func (t *rowsTable) SetSize(w, h int) {
	t.w, t.h = max(w, 0), max(h, 0)
	t.prompt.input.SetWidth(max(t.w-width(t.prompt.input.Prompt)-width(rowsPromptHint)-1, 1)) // -1: the cursor's cell
	dropped := slices.Index(t.widths, 0) >= 0
	t.widths = narrowColumns(t.full, t.w)
	if t.query != "" && (dropped || slices.Index(t.widths, 0) >= 0) {
		t.filter(true) // the columns the filter looks at changed
	}
	t.relayout()
	t.redetail()
}

// relayout fits the cursor to the rows' height (the footer's message may
// take more lines).
func (t *rowsTable) relayout() { t.cur.setSize(len(t.shown), t.listH()) }

// narrowColumns gives way on a narrow screen (narrowing) so that, with the
// columns before it, the trunk keeps trunkRoom cells in w when it can.
func narrowColumns(full []int, w int) []int {
	ws := slices.Clone(full)
	need := func() int {
		n := min(ws[colTrunk], trunkRoom)
		for _, x := range ws[:colTrunk] {
			if x > 0 {
				n += x + 2
			}
		}
		return n
	}
	for _, c := range narrowing {
		over := need() - w
		if over <= 0 {
			break
		}
		switch {
		case c.least == 0:
			ws[c.col] = 0
		case ws[c.col] > c.least:
			ws[c.col] -= min(over, ws[c.col]-c.least)
		}
	}
	// A column dropped may free more than was missing: the columns cut,
	// the last cut first, have it back.
	for i := len(narrowing) - 1; i >= 0; i-- {
		if c := narrowing[i]; ws[c.col] > 0 {
			ws[c.col] += max(min(w-need(), full[c.col]-ws[c.col]), 0)
		}
	}
	return ws
}

// rowsPromptHint follows the filter prompt.
const rowsPromptHint = "  enter keeps · esc clears"

func (t *rowsTable) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &t.keys
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if t.prompt.open {
		return t.promptKey(msg)
	}
	if t.detail >= 0 {
		switch {
		case key.Matches(msg, k.RowsBack):
			t.detail, t.scroll, t.lines = -1, 0, nil
		case key.Matches(msg, k.RowsOpen) && t.pick && t.rows[t.detail].CallRecordID() != "":
			t.chosen = t.rows[t.detail]
			return tea.Quit
		case key.Matches(msg, k.RowsDown):
			t.scroll = min(t.scroll+1, max(len(t.lines)-(t.h-1), 0))
		case key.Matches(msg, k.RowsUp):
			t.scroll = max(t.scroll-1, 0)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.RowsBack):
		if t.query != "" { // a kept filter goes first
			t.prompt.input.SetValue("")
			t.setQuery("")
			return nil
		}
		return tea.Quit
	case key.Matches(msg, k.RowsOpen):
		i := t.current()
		switch {
		case i < 0:
		case t.pick && t.rows[i].CallRecordID() != "":
			t.chosen = t.rows[i]
			return tea.Quit
		default:
			t.detail, t.scroll = i, 0
			t.redetail()
		}
	case key.Matches(msg, k.FilterRows):
		t.prompt.open = true
		t.prompt.input.CursorEnd()
		t.relayout()
		return t.prompt.input.Focus()
	case key.Matches(msg, k.RowsDown):
		t.cur.move(1)
	case key.Matches(msg, k.RowsUp):
		t.cur.move(-1)
	case key.Matches(msg, k.RowsPageDown):
		t.cur.move(t.cur.h)
	case key.Matches(msg, k.RowsPageUp):
		t.cur.move(-t.cur.h)
	}
	return nil
}

// promptKey types into the filter, which applies as it is typed; enter
// keeps it, esc clears it. Either closes the prompt.
func (t *rowsTable) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	q, closed, cmd := t.prompt.key(msg, &t.keys)
	t.setQuery(q)
	if closed {
		t.relayout()
	}
	return cmd
}

func (t *rowsTable) View() string {
	if t.w <= 0 || t.h <= 0 {
		return ""
	}
	var lines []string
	foot := t.footerLines()
	if t.detail >= 0 {
		lines = t.lines[min(t.scroll, len(t.lines)):]
	} else {
		lines = t.tableLines()
	}
	lines = padLines(lines, spaces(t.w), t.h-len(foot))
	return strings.Join(append(lines, foot...), "\n")
}

// line is a row's cells in their columns, those dropped left out; the
// time loses its " UTC" when its column is narrowed.
func (t *rowsTable) line(cells []string) string {
	var b strings.Builder
	for i, c := range cells {
		switch {
		case i == len(cells)-1:
			b.WriteString(c)
		case t.widths[i] == 0:
		case i == colTime && t.widths[i] < width(c):
			b.WriteString(fit(strings.TrimSuffix(c, " UTC"), t.widths[i]) + "  ")
		default:
			b.WriteString(fit(c, t.widths[i]) + "  ")
		}
	}
	return b.String()
}

func (t *rowsTable) tableLines() []string {
	st := t.st
	head := st.header.Render("callscope") + st.muted.Render(" · ") + text.Clean(t.title)
	lines := []string{fit(head, t.w), t.filterLine(), fit(st.label.Render(t.line(pstn.Columns)), t.w)}
	if len(t.shown) == 0 {
		what := "no row matches: esc clears the filter"
		if len(t.rows) == 0 {
			what = "no rows"
		}
		return append(lines, fit(st.muted.Render(what), t.w))
	}
	from, to := t.cur.visible()
	for j := from; j < to; j++ {
		i := t.shown[j]
		l := fit(t.line(t.cells[i]), t.w)
		switch {
		case j == t.cur.cursor:
			// One style over the whole row: inner colours would end the reverse.
			lines = append(lines, st.selected.Render(l))
			continue
		case t.rows[i].Failed():
			// The match's mark ends in a reset: the row's colour follows it again.
			l = highlight(st.poor.Render(l), t.query, paint{st.match.pre, st.match.post + st.poor.pre})
		default:
			l = highlight(l, t.query, st.match)
		}
		lines = append(lines, l)
	}
	return lines
}

// filterLine is the open prompt, the filter in force, or how to filter.
func (t *rowsTable) filterLine() string {
	st := t.st
	switch {
	case t.prompt.open:
		return fit(t.prompt.input.View()+st.muted.Render(rowsPromptHint), t.w)
	case t.query != "":
		return fit(st.label.Render("filter ")+"“"+text.OneLine(t.prompt.input.Value())+"”"+st.muted.Render(" · / changes it · esc clears it"), t.w)
	}
	return fit(st.muted.Render("/ filters the rows (any column shown)"), t.w)
}

// hint is the footer's short help.
func (t *rowsTable) hint() string {
	if t.prompt.open {
		return "type to filter · enter keeps the filter · esc clears it"
	}
	open := "enter details"
	if t.pick {
		open = "enter opens the call (others: details)"
	}
	quit := "esc quits"
	if t.query != "" {
		quit = "esc clears the filter"
	}
	return "/ filter · ↑↓ choose · " + open + " · " + quit
}

// redetail builds the details of the row shown, once when it opens and
// again when the size or the theme changes: scrolling only moves over them.
func (t *rowsTable) redetail() {
	t.lines = nil
	if t.detail >= 0 && t.w > 0 {
		t.lines = t.detailLines()
		t.scroll = min(t.scroll, max(len(t.lines)-(t.h-1), 0))
	}
}

// detailLines are the details of the row shown: its facts (pstn.Facts),
// and the call record it opens.
func (t *rowsTable) detailLines() []string {
	st := t.st
	r := t.rows[t.detail]
	cells := t.cells[t.detail]
	title := r.Kind.String() + " row · " + cells[colTime] + " · " + cells[colNumbers]
	var b block
	b = append(b, fit(st.header.Render("callscope")+st.muted.Render(" · ")+text.Clean(title), t.w), "")
	if r.Failed() {
		b = append(b, fit(st.poor.Render(cells[colResult]), t.w)) // marked ✗
	}
	b = append(b, section("Row", factFields(r, "", "", st), t.w, st)...)
	if id := r.CallRecordID(); id != "" {
		say := "Its call record: callscope --id " + id + " (call records are kept 30 days, the logs a year)"
		if t.pick {
			say = "enter opens its call record " + id + " (call records are kept 30 days, the logs a year)"
		}
		b = append(b, "")
		b = append(b, paragraph(text.Clean(say), t.w, st.muted)...)
	}
	return b
}

// footerLines are the last lines: a message (why a call did not open, the
// file's first warning) wrapped whole, so that what to do, at its end,
// shows on a narrow screen too; else the count and the keys.
func (t *rowsTable) footerLines() []string {
	st := t.st
	if t.detail >= 0 {
		return []string{fit(st.muted.Render("esc back to the rows · ↑↓ scroll · ctrl+c quits"), t.w)}
	}
	msg := ""
	switch {
	case t.prompt.open:
	case t.status != "":
		msg = text.OneLine(t.status)
	case len(t.warnings) > 0:
		msg = markWarning + " " + text.OneLine(t.warnings[0])
	}
	if msg != "" && t.w > 0 {
		lines := paragraph(msg, t.w, st.warning)
		// At most half the screen: the rows keep the rest.
		return lines[:min(len(lines), max(t.h/2, 1))]
	}
	return []string{fit(st.muted.Render(fmt.Sprintf("%d of %s · ", len(t.shown), text.Plural(len(t.rows), "row"))+t.hint()), t.w)}
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

func (a rowsProgram) View() tea.View { return fullScreen(a.t.View()) }

func runRows(t *rowsTable, output io.Writer, profile *colorprofile.Profile) error {
	_, err := tea.NewProgram(rowsProgram{t}, programOptions(output, profile)...).Run()
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
func (p *PSTNPicker) SetStatus(s string) {
	p.t.status = s
	p.t.relayout()
}

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
