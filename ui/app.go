// Package ui is callscope's explorer: a Bubble Tea v2 program over a loaded
// call record. It knows nothing of HTTP or files: it is handed a loader.
package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/theme"
)

// Options configure the explorer.
type Options struct {
	// Source names what is shown while loading: a path, "-" or the demo.
	Source string
	// Size is the source's size in bytes, shown while loading; 0 if unknown.
	Size int64
	// Load reads or fetches the record; it runs outside the UI goroutine,
	// says how far it got through progress, and stops when ctx is done
	// (the user quit while it was loading).
	Load func(ctx context.Context, progress func(string)) (*data.File, error)
	// Dark picks the starting theme; AutoTheme follows the terminal's
	// background once it answers.
	Dark, AutoTheme bool
	// Mouse turns on mouse reporting (off keeps the terminal's selection).
	Mouse bool
	// Local shows the timeline in the local time zone instead of UTC.
	Local bool
	// Getenv reads the environment (TMUX, STY, TERM for the clipboard);
	// nil means os.Getenv.
	Getenv func(string) string
}

type pane uint8

const (
	treePane pane = iota
	detailPane
)

// mode is what the body shows: the tree with its details, or a view.
type mode uint8

const (
	treeMode mode = iota
	peopleMode
	timelineMode
)

type loadedMsg struct {
	file *data.File
	err  error
}

// progressMsg is how far the load got: "sessions page 3, 180 sessions so far".
type progressMsg struct {
	text string
	ch   chan string
}

// Model is the explorer.
type Model struct {
	opts   Options
	keys   KeyMap
	theme  theme.Theme
	st     styles
	help   help.Model
	spin   spinner.Model
	layout Layout

	file *data.File
	tree *Tree
	err  error // a load error: the program quits and Run returns it

	progress string              // the load's last word
	cancel   *context.CancelFunc // stops the load when the user quits early; shared by copies

	focus      pane
	mode       mode
	showHelp   bool
	helpOffset int // the ? screen's first line
	people     *peopleView
	timeline   *timelineView
	// status is the footer's message: "problem 2 of 6", a filter in force.
	status string
	filter string // the filter in force: "problems", a participant's sessions, or ""

	find     search
	raw      bool   // the detail pane shows the row's raw JSON
	copying  bool   // y was pressed: the next key says what to copy
	lastCopy string // for --print-on-exit

	// The detail pane is built once per selection, width and theme.
	detail       block
	detailNode   Node
	detailW      int
	detailDark   bool
	detailValid  bool
	detailOffset int
}

// New makes the explorer; it starts loading in Init.
func New(opts Options) Model {
	m := Model{opts: opts, keys: DefaultKeyMap(), help: help.New(), cancel: new(context.CancelFunc), find: newSearch()}
	m.spin = spinner.New(spinner.WithSpinner(spinner.Dot))
	m.setTheme(opts.Dark)
	return m
}

// Err is the load error, if loading failed.
func (m Model) Err() error { return m.err }

// LastCopy is the last text copied, for printing after the program ends.
func (m Model) LastCopy() string { return m.lastCopy }

func (m *Model) setTheme(dark bool) {
	m.theme = theme.New(dark)
	t := m.theme
	p := newPaint
	m.st = styles{
		good: p(t.Good), poor: p(t.Poor), unclassified: p(t.Unclassified), failure: p(t.Failure), warning: p(t.Warning),
		muted: p(t.Muted), label: p(t.Label), title: p(t.Title), header: p(t.Header), selected: p(t.Selected),
		border: p(t.Border), borderFocused: p(t.BorderFocused), key: p(t.Key), desc: p(t.Desc),
		gaugeFull: p(t.GaugeFull), gaugeEmpty: p(t.GaugeEmpty), match: p(t.Match),
	}
	m.help.Styles = help.DefaultStyles(dark)
	m.help.Styles.ShortKey, m.help.Styles.FullKey = t.Key, t.Key
	m.help.Styles.ShortDesc, m.help.Styles.FullDesc = t.Desc, t.Desc
	m.spin.Style = t.Title
	m.detailValid = false
}

// Init starts the load, its progress reports, and the spinner; the load is
// cancelled if the user quits first.
func (m Model) Init() tea.Cmd {
	load := m.opts.Load
	ctx, cancel := context.WithCancel(context.Background())
	*m.cancel = cancel
	ch := make(chan string, 16)
	report := func(s string) {
		select {
		case ch <- s:
		default: // the screen is behind: this word can go
		}
	}
	cmds := []tea.Cmd{m.spin.Tick, func() tea.Msg {
		f, err := load(ctx, report)
		close(ch)
		return loadedMsg{f, err}
	}, listen(ch)}
	if m.opts.AutoTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m2, cmd := m.update(msg)
	if m2.tree != nil {
		// Rebuild the detail pane here, where the model is kept, so that
		// View only slices it.
		m2.clampDetail()
	}
	return m2, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if m.opts.AutoTheme {
			m.setTheme(msg.IsDark())
		}
	case progressMsg:
		m.progress = msg.text
		return m, listen(msg.ch)
	case loadedMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, tea.Quit
		}
		m.file, m.tree = msg.file, NewTree(msg.file)
		m.resize(m.layout.Width, m.layout.Height)
	case searchDoneMsg:
		m.onSearchDone(msg)
	case spinner.TickMsg:
		if m.file == nil || m.find.busy {
			var cmd tea.Cmd
			m.spin, cmd = m.spin.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.MouseWheelMsg:
		if m.tree != nil {
			d := 3
			if msg.Mouse().Button == tea.MouseWheelUp {
				d = -3
			}
			m.move(d)
		}
	}
	return m, nil
}

func (m *Model) resize(w, h int) {
	m.layout = ComputeLayout(w, h)
	m.help.SetWidth(w)
	if m.tree != nil {
		m.tree.SetHeight(m.layout.TreeH)
	}
	m.sizeViews()
	m.clampDetail()
}

// sizeViews tells the views' lists how many rows fit: the body less the
// title rule and the views' own heading lines.
func (m *Model) sizeViews() {
	body := max(m.layout.Height-3, 0)
	if m.people != nil {
		m.people.list.setSize(len(m.people.people), body-1)
	}
	if m.timeline != nil {
		m.timeline.list.setSize(len(m.timeline.sessions), body-2)
	}
}

// onKey dispatches a key through the key map: keys for every mode first,
// then the mode's own.
func (m Model) onKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.find.prompt && m.tree != nil && msg.String() != "ctrl+c" {
		return m.onPromptKey(msg) // q is a letter here
	}
	switch {
	case key.Matches(msg, k.Quit), m.tree == nil && key.Matches(msg, k.Back):
		if m.tree == nil && *m.cancel != nil {
			(*m.cancel)() // stop fetching
			m.err = errStopped
		}
		return m, tea.Quit
	case key.Matches(msg, k.Suspend):
		return m, tea.Suspend
	case m.tree == nil:
		return m, nil // still loading
	case m.showHelp:
		switch {
		case key.Matches(msg, k.Help) || key.Matches(msg, k.Back):
			m.showHelp = false
		case key.Matches(msg, k.Down):
			m.helpOffset++
		case key.Matches(msg, k.Up):
			m.helpOffset = max(m.helpOffset-1, 0)
		case key.Matches(msg, k.PageDown):
			m.helpOffset += max(m.layout.Height/2, 1)
		case key.Matches(msg, k.Top):
			m.helpOffset = 0
		case key.Matches(msg, k.Bottom):
			m.helpOffset = 1 << 20
		}
		m.helpOffset = min(m.helpOffset, max(len(m.helpLines(m.layout.Width))-(m.layout.Height-3), 0))
		return m, nil
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset, m.copying = true, 0, false
		return m, nil
	}
	if m.copying {
		m.copying = false
		return m, m.copyNode(msg.String())
	}
	switch m.mode {
	case peopleMode:
		m.onPeopleKey(msg)
	case timelineMode:
		m.onTimelineKey(msg)
	default:
		switch {
		case key.Matches(msg, k.Search):
			m.find.prompt = true
			m.find.input.SetValue("")
			return m, m.find.input.Focus()
		case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMatch):
			m.jumpMatch(msg)
			return m, nil
		}
		if key.Matches(msg, k.Copy) {
			m.copying = true
			m.status = "copy: y JSON · p jq path · i id · s pane text · m markdown"
			return m, nil
		}
		m.onTreeKey(msg)
	}
	return m, nil
}

func (m *Model) onTreeKey(msg tea.KeyPressMsg) {
	k := m.keys
	m.status = m.filterStatus()
	switch {
	case key.Matches(msg, k.Focus):
		m.focus = 1 - m.focus
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.PageDown):
		m.move(max(m.paneHeight()/2, 1))
	case key.Matches(msg, k.PageUp):
		m.move(-max(m.paneHeight()/2, 1))
	case key.Matches(msg, k.Top):
		m.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		m.move(1 << 30)
	case key.Matches(msg, k.Expand):
		m.tree.Expand()
	case key.Matches(msg, k.Collapse):
		m.tree.Collapse()
	case key.Matches(msg, k.ExpandAll):
		m.tree.ExpandAll()
	case key.Matches(msg, k.CollapseAll):
		m.tree.CollapseAll()
	case key.Matches(msg, k.Depth):
		m.tree.ShowDepth(Level(msg.String()[0] - '0'))
	case key.Matches(msg, k.NextProblem), key.Matches(msg, k.PrevProblem):
		dir := 1
		if key.Matches(msg, k.PrevProblem) {
			dir = -1
		}
		m.focus = treePane
		if i, n := m.tree.JumpProblem(dir); n > 0 {
			m.status = fmt.Sprintf("problem %d of %d", i, n)
		} else {
			m.status = "no problems: no poor stream, no failure"
		}
	case key.Matches(msg, k.Filter):
		if m.filter == "problems" {
			m.clearFilter()
		} else {
			f := m.file
			m.setFilter("problems", func(n Node) bool { return resolve(f, n).quality(n.Level).Problems() > 0 })
		}
	case key.Matches(msg, k.People):
		m.people = newPeopleView(m.file, int(m.tree.Selected().Rec))
		m.sizeViews()
		m.mode = peopleMode
	case key.Matches(msg, k.Timeline):
		sel := m.tree.Selected()
		m.timeline = newTimelineView(m.tree, int(sel.Rec), m.location())
		m.sizeViews()
		if sel.Level >= LevelSession {
			m.timeline.moveTo(sel.Se)
		}
		m.mode = timelineMode
	case key.Matches(msg, k.Raw):
		m.raw = !m.raw
		m.detailValid = false
	case key.Matches(msg, k.Back):
		// esc peels one layer at a time: search, raw view, filter.
		switch {
		case m.find.query != "" || m.find.busy:
			m.find.stop()
			m.status = m.filterStatus()
		case m.raw:
			m.raw, m.detailValid = false, false
		default:
			m.clearFilter()
		}
	}
}

func (m *Model) onPeopleKey(msg tea.KeyPressMsg) {
	k, v := m.keys, m.people
	switch {
	case m.listMove(msg, &v.list):
	case key.Matches(msg, k.Expand):
		p := v.selected()
		if p == nil {
			return
		}
		rec, sessions := int32(v.rec), map[int32]bool{}
		for _, se := range p.Sessions {
			sessions[int32(se)] = true
		}
		m.setFilter(fmt.Sprintf("%s's %s", data.Clean(p.Name), plural(len(p.Sessions), "session")), func(n Node) bool {
			return n.Level != LevelSession || (n.Rec == rec && sessions[n.Se])
		})
		if m.tree.Rows() > 1 {
			m.tree.MoveTo(1) // their first session, and its findings
		}
		m.mode = treeMode
	case key.Matches(msg, k.Back), key.Matches(msg, k.People):
		m.mode = treeMode
	}
}

func (m *Model) onTimelineKey(msg tea.KeyPressMsg) {
	k, v := m.keys, m.timeline
	switch {
	case m.listMove(msg, &v.list):
	case key.Matches(msg, k.Expand):
		if n, ok := v.selected(); ok {
			if !m.tree.visibleUnderFilter(n) {
				m.clearFilter()
			}
			m.tree.Reveal(n)
			m.focus = treePane
		}
		m.mode = treeMode
	case key.Matches(msg, k.Back), key.Matches(msg, k.Timeline):
		m.mode = treeMode
	}
}

// onPromptKey types into the search prompt; enter searches, esc closes.
func (m Model) onPromptKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.find.prompt = false
		m.find.input.Blur()
		return m, nil
	case "enter":
		m.find.prompt = false
		m.find.input.Blur()
		q := strings.TrimSpace(m.find.input.Value())
		if q == "" {
			m.find.stop()
			return m, nil
		}
		m.status = ""
		return m, tea.Batch(m.find.start(m.tree, q), m.spin.Tick)
	}
	var cmd tea.Cmd
	m.find.input, cmd = m.find.input.Update(msg)
	return m, cmd
}

// onSearchDone takes a search's matches, unless a newer search replaced it.
func (m *Model) onSearchDone(msg searchDoneMsg) {
	if msg.gen != m.find.gen {
		return // stale: a newer search or esc came since
	}
	m.find.busy = false
	if msg.err != nil {
		return
	}
	m.find.matches = msg.matches
	if len(msg.matches) == 0 {
		m.status = "no match for “" + data.Clean(msg.query) + "”"
		return
	}
	m.focus = treePane
	i, n := m.tree.Jump(msg.matches, 1)
	m.status = matchStatus(i, n, msg.query)
	m.showMatchInPane()
}

// showMatchInPane scrolls the detail pane to the first line that holds the
// query, so the match is on screen, not only its row.
func (m *Model) showMatchInPane() {
	lines := m.detailLines()
	for i, l := range lines {
		if data.ContainsFold(ansi.Strip(l), m.find.query) {
			m.detailOffset = max(0, i-2)
			m.clampDetail()
			return
		}
	}
}

func (m *Model) jumpMatch(msg tea.KeyPressMsg) {
	if len(m.find.matches) == 0 {
		if m.find.query != "" && !m.find.busy {
			m.status = "no match for “" + data.Clean(m.find.query) + "”"
		}
		return
	}
	dir := 1
	if key.Matches(msg, m.keys.PrevMatch) {
		dir = -1
	}
	m.focus = treePane
	i, n := m.tree.Jump(m.find.matches, dir)
	if n == 0 {
		m.status = "no match shows: esc clears the filter"
		return
	}
	m.status = matchStatus(i, n, m.find.query)
	m.showMatchInPane()
}

func matchStatus(i, n int, q string) string {
	return fmt.Sprintf("match %d of %d for “%s” · n/N · esc clears", i, n, data.Clean(q))
}

// listMove handles the movement keys in a view's list.
func (m *Model) listMove(msg tea.KeyPressMsg, l *list) bool {
	k := m.keys
	switch {
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.PageDown):
		l.move(max(l.h/2, 1))
	case key.Matches(msg, k.PageUp):
		l.move(-max(l.h/2, 1))
	case key.Matches(msg, k.Top):
		l.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		l.move(1 << 30)
	default:
		return false
	}
	return true
}

// setFilter shows only what keep accepts, named for the status line.
func (m *Model) setFilter(name string, keep func(Node) bool) {
	m.filter = name
	m.tree.SetFilter(keep, true)
	m.status = m.filterStatus()
}

func (m *Model) clearFilter() {
	if m.filter == "" {
		return
	}
	m.filter = ""
	m.tree.SetFilter(nil, false)
	m.status = ""
}

func (m *Model) filterStatus() string {
	switch m.filter {
	case "":
		return ""
	case "problems":
		return "only the paths to problems · esc shows all"
	}
	return "only " + m.filter + " · esc shows all"
}

func (m *Model) location() *time.Location {
	if m.opts.Local {
		return time.Local
	}
	return time.UTC
}

// move moves the cursor of the focused pane: tree rows, or detail lines.
func (m *Model) move(d int) {
	if m.focus == detailPane && m.layout.DetailH > 0 {
		m.detailOffset += d
		m.clampDetail()
		return
	}
	m.tree.Move(d)
}

func (m *Model) paneHeight() int {
	if m.focus == detailPane {
		return m.layout.DetailH
	}
	return m.layout.TreeH
}

// detailLines builds the detail pane when the selection, width or theme
// changed since it was last built.
func (m *Model) detailLines() block {
	if m.tree == nil || m.tree.Rows() == 0 {
		return nil
	}
	n := m.tree.Selected()
	if !m.detailValid || n != m.detailNode || m.layout.DetailW != m.detailW || m.theme.Dark != m.detailDark {
		if n != m.detailNode {
			m.detailOffset = 0
		}
		if m.raw {
			m.detail = rawLines(rawText(m.file, n), m.layout.DetailW, m.st)
		} else {
			m.detail = buildDetail(m.file, n, m.layout.DetailW, m.st)
		}
		m.detailNode, m.detailW, m.detailDark, m.detailValid = n, m.layout.DetailW, m.theme.Dark, true
	}
	return m.detail
}

func (m *Model) clampDetail() {
	lines := m.detailLines()
	m.detailOffset = max(0, min(m.detailOffset, len(lines)-m.layout.DetailH))
}

// View draws the screen: header, panes, footer.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	if m.opts.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "callscope"
	if m.file != nil && len(m.file.Records) > 0 {
		v.WindowTitle = "callscope · " + shortID(m.file.Records[0].ID)
	}
	return v
}

func (m Model) render() string {
	l := m.layout
	if l.Width <= 0 || l.Height <= 0 {
		return ""
	}
	if m.tree == nil || len(m.file.Records) == 0 {
		return m.loadingScreen()
	}
	lines := make([]string, 0, l.Height)
	lines = append(lines, m.header())
	switch {
	case m.showHelp:
		lines = append(lines, m.helpScreen(l.Height-2)...)
	case m.mode == peopleMode:
		lines = append(lines, m.view("Participants · enter shows one's sessions · esc back", func(w, h int) []string { return m.people.render(w, h, m.st) })...)
	case m.mode == timelineMode:
		lines = append(lines, m.view(m.timeline.title()+" · enter opens · esc back", func(w, h int) []string { return m.timeline.render(m.file, w, h, m.st) })...)
	default:
		lines = append(lines, m.body()...)
	}
	lines = append(lines, m.footer())
	return strings.Join(lines[:min(len(lines), l.Height)], "\n")
}

func (m Model) loadingScreen() string {
	l := m.layout
	what := data.Clean(m.opts.Source)
	if m.opts.Size > 0 {
		what += fmt.Sprintf(" (%s)", sizeText(m.opts.Size))
	}
	line := fit(m.spin.View()+" Loading "+what+"…", l.Width)
	out := make([]string, l.Height)
	out[0] = line
	if m.progress != "" && len(out) > 1 {
		out[1] = fit("  "+data.Clean(m.progress), l.Width)
	}
	if len(out) > 2 {
		out[len(out)-1] = fit(m.st.muted.Render("esc or q stops"), l.Width)
	}
	return strings.Join(out, "\n")
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// header is the call's key facts on one line.
func (m Model) header() string {
	w := m.layout.Width
	r := m.file.Records[m.tree.Selected().Rec]
	q := r.Quality
	counts := m.st.good.Render(fmt.Sprintf("%s%d", markGood, q.Good)) + " " + m.st.poor.Render(fmt.Sprintf("%s%d", markPoor, q.Poor)) +
		" " + m.st.unclassified.Render(fmt.Sprintf("%s%d", markUnclassified, q.Unclassified))
	if q.Failures > 0 {
		counts += " " + m.st.failure.Render(fmt.Sprintf("%s%d", markFailure, q.Failures))
	}
	// Most telling first: narrow screens cut from the right.
	parts := []string{m.st.header.Render("callscope"), "Call " + shortID(r.ID), counts, clean(r.Type), data.TimeText(r.Start)}
	if d := r.Duration(); d >= 0 {
		parts = append(parts, data.FormatSpan(d))
	}
	if o := r.OrganizerName(); o != "" {
		parts = append(parts, "organizer "+data.Clean(o))
	}
	if n := len(m.file.Records); n > 1 {
		parts = append(parts, fmt.Sprintf("%d records", n))
	}
	return fit(strings.Join(parts, m.st.muted.Render(" · ")), w)
}

// rule is a pane's title line: "── Title ─────", exactly w wide.
func (m Model) rule(title string, w int, focused bool) string {
	if w <= 0 {
		return ""
	}
	style, tstyle := m.st.border, m.st.muted
	if focused {
		style, tstyle = m.st.borderFocused, m.st.borderFocused
	}
	title = fit(title, min(ansiWidth(title), max(w-4, 0)))
	fill := max(w-4-ansiWidth(title), 0)
	return fit(style.Render("── ")+tstyle.Render(title)+" "+style.Render(strings.Repeat("─", fill)), w)
}

func (m Model) treeTitle() string {
	return fmt.Sprintf("Tree %d/%d", m.tree.Cursor()+1, m.tree.Rows())
}

func (m Model) detailTitle() string {
	t := detailTitle(m.file, m.tree.Selected())
	if m.raw {
		t = "Raw JSON · " + t + " · " + nodePath(m.file, m.tree.Selected())
	}
	lines := len(m.detail)
	if h := m.layout.DetailH; lines > h && h > 0 {
		t += fmt.Sprintf(" (%d–%d of %d)", m.detailOffset+1, min(m.detailOffset+h, lines), lines)
	}
	return t
}

func (m Model) treeLines(h, w int) []string {
	out := make([]string, 0, h)
	t := m.tree
	for i := t.Offset(); i < t.Rows() && len(out) < h; i++ {
		row := renderRow(t, i, w, i == t.Cursor(), m.st)
		if i != t.Cursor() { // the cursor's reverse video stays whole
			row = highlight(row, m.find.query, m.st.match)
		}
		out = append(out, row)
	}
	for len(out) < h {
		out = append(out, strings.Repeat(" ", max(w, 0)))
	}
	return out
}

func (m Model) detailView(h, w int) []string {
	lines := m.detailLinesCached()
	out := make([]string, 0, h)
	for i := m.detailOffset; i < len(lines) && len(out) < h; i++ {
		out = append(out, highlight(lines[i], m.find.query, m.st.match)) // built at this width: see detailLines
	}
	for len(out) < h {
		out = append(out, strings.Repeat(" ", max(w, 0)))
	}
	return out
}

// detailLinesCached is detailLines for View, which has a value receiver:
// the cache lives in Update's copy, so View rebuilds only if it is stale.
func (m Model) detailLinesCached() block {
	if m.detailValid && m.detailNode == m.tree.Selected() && m.detailW == m.layout.DetailW && m.detailDark == m.theme.Dark {
		return m.detail
	}
	return m.detailLines()
}

func (m Model) body() []string {
	l := m.layout
	m.detail = m.detailLinesCached()
	var out []string
	switch l.Arrangement {
	case SideBySide:
		rule := m.rule(m.treeTitle(), l.TreeW, m.focus == treePane) + m.st.border.Render("┬─") +
			m.rule(m.detailTitle(), l.DetailW, m.focus == detailPane)
		out = append(out, rule)
		tl, dl := m.treeLines(l.TreeH, l.TreeW), m.detailView(l.DetailH, l.DetailW)
		sep := m.st.border.Render("│") + " "
		for i := range l.TreeH {
			out = append(out, tl[i]+sep+dl[i])
		}
	case Stacked:
		out = append(out, m.rule(m.treeTitle(), l.Width, m.focus == treePane))
		out = append(out, m.treeLines(l.TreeH, l.Width)...)
		out = append(out, m.rule(m.detailTitle(), l.Width, m.focus == detailPane))
		out = append(out, m.detailView(l.DetailH, l.Width)...)
	default:
		if m.focus == treePane {
			out = append(out, m.rule(m.treeTitle()+" · tab: details", l.Width, true))
			out = append(out, m.treeLines(l.TreeH, l.Width)...)
		} else {
			out = append(out, m.rule(m.detailTitle()+" · tab: tree", l.Width, true))
			out = append(out, m.detailView(l.DetailH, l.Width)...)
		}
	}
	return out[:min(len(out), max(l.Height-2, 0))]
}

// errStopped ends the program when the user stops a load: a script must
// be able to tell that nothing was shown.
var errStopped = errors.New("stopped before the call record was loaded")

// listen waits for the load's next word.
func listen(ch chan string) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{s, ch}
	}
}

// view is a full-width view under its title rule.
func (m Model) view(title string, render func(w, h int) []string) []string {
	l := m.layout
	h := max(l.Height-3, 0)
	return append([]string{m.rule(title, l.Width, true)}, render(l.Width, h)...)[:max(l.Height-2, 0)]
}

func (m Model) footer() string {
	if m.find.prompt {
		return fit(m.find.input.View()+m.st.muted.Render("  enter searches · esc closes"), m.layout.Width)
	}
	bindings := m.keys.ShortHelp()
	if m.mode != treeMode { // the views' own keys
		bindings = []key.Binding{m.keys.Down, m.keys.Up, short(m.keys.Expand, "enter", "open"), m.keys.Back, m.keys.Help, short(m.keys.Quit, "q", "quit")}
	}
	help := m.help.ShortHelpView(bindings)
	status := m.status
	if m.find.busy {
		status = m.spin.View() + " searching “" + data.Clean(m.find.query) + "”… esc stops"
	}
	if status != "" {
		help = m.st.warning.Render(status) + m.st.muted.Render(" • ") + help
	}
	return fit(help, m.layout.Width)
}

// helpGroups are the ? screen's blocks, w cells wide: one per key group,
// and the marks.
func (m Model) helpGroups(w int) []block {
	var groups []block
	for _, g := range m.keys.Groups() {
		var fields []field
		for _, kb := range g.Keys {
			hp := kb.Help()
			fields = append(fields, field{"  " + hp.Key + strings.Repeat(" ", max(12-width(hp.Key), 0)), m.st.desc.Render(hp.Desc)})
		}
		groups = append(groups, section(g.Title, fields, w, m.st))
	}
	marks := block{fit(m.st.title.Render("Marks"), w),
		fit("  "+m.st.poor.Render(markPoor)+" poor   "+m.st.failure.Render(markFailure)+" failed   "+
			m.st.good.Render(markGood)+" good   "+m.st.unclassified.Render(markUnclassified)+" unclassified", w)}
	marks = append(marks, paragraph("  "+data.CQDSource, w, m.st.muted)...)
	return append(groups, marks)
}

// helpLines is the ? screen's body: two columns of whole groups when wide.
func (m Model) helpLines(w int) block {
	if w < 120 {
		return join(m.helpGroups(w)...)
	}
	colW := (w - 3) / 2
	groups := m.helpGroups(colW)
	total := len(join(groups...))
	var left, right []block
	n := 0
	for _, g := range groups {
		if n < total/2 {
			left = append(left, g)
			n += len(g) + 1
		} else {
			right = append(right, g)
		}
	}
	return columns(join(left...), join(right...), colW, w-3-colW, m.st)
}

// helpScreen is the ? screen: the keys in two columns when wide, scrolled
// with the movement keys when taller than the screen.
func (m Model) helpScreen(h int) []string {
	w := m.layout.Width
	body := m.helpLines(w)
	rows := max(h-1, 0)
	off := max(0, min(m.helpOffset, len(body)-rows))
	title := m.st.title.Render("Keys") + m.st.muted.Render("  (? or esc to close)")
	if len(body) > rows {
		title += m.st.muted.Render(fmt.Sprintf("  %d–%d of %d · j/k scroll", off+1, min(off+rows, len(body)), len(body)))
	}
	out := []string{fit(title, w)}
	out = append(out, body[off:min(off+rows, len(body))]...)
	for len(out) < h {
		out = append(out, "")
	}
	return out[:max(h, 0)]
}
