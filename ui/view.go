package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
)

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
	what := text.Clean(m.opts.Source)
	if m.opts.Size > 0 {
		what += fmt.Sprintf(" (%s)", sizeText(m.opts.Size))
	}
	line := fit(m.spin.View()+" Loading "+what+"…", l.Width)
	out := make([]string, l.Height)
	out[0] = line
	if m.progress != "" && len(out) > 1 {
		out[1] = fit("  "+text.Clean(m.progress), l.Width)
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
	// The streams by verdict, then the failures: the marks mean what they
	// mean on the rows.
	counts := m.st.good.Render(fmt.Sprintf("%s%d", markGood, q.Good)) + " " + m.st.poor.Render(fmt.Sprintf("%s%d", markProblem, q.Poor)) +
		" " + m.st.unclassified.Render(fmt.Sprintf("%s%d", markUnclassified, q.Unclassified))
	if q.Failures > 0 {
		counts += " " + m.st.failure.Render(fmt.Sprintf("%s%d", markFailed, q.Failures))
	}
	// Most telling first: narrow screens cut from the right.
	parts := []string{m.st.header.Render("callscope"), "Call " + shortID(r.ID), counts, clean(r.Type), text.TimeText(r.Start)}
	if d := r.Duration(); d >= 0 {
		parts = append(parts, text.FormatSpan(d))
	}
	if o := r.OrganizerName(); o != "" {
		parts = append(parts, "organizer "+text.Clean(o))
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
		bindings = []key.Binding{short(m.keys.Down, "↓/j", "down"), short(m.keys.Up, "↑/k", "up"), short(m.keys.Expand, "enter", "open"),
			short(m.keys.Back, "esc", "back"), m.keys.Help, short(m.keys.Quit, "q", "quit")}
	}
	help := m.help.ShortHelpView(bindings)
	status := m.status
	if m.find.busy {
		status = m.spin.View() + " searching “" + text.Clean(m.find.query) + "”… esc stops"
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
	marks := block{fit(m.st.title.Render("Marks"), w)}
	for _, mk := range markLegend(m.st) {
		marks = append(marks, fit("  "+mk.style.Render(mk.mark)+"  "+mk.words, w))
	}
	marks = append(marks, paragraph("  A row shows the first that applies below it: ⊘, ✗, ✓, ·. Warnings do not change a row.", w, m.st.muted)...)
	marks = append(marks, paragraph("  "+quality.CQDSource+". "+quality.CQDCaveat, w, m.st.muted)...)
	return append(groups, marks)
}

// legendMark is one line of the marks' legend.
type legendMark struct {
	mark, words string
	style       paint
}

// markLegend is every mark with its one meaning; the README says the same.
func markLegend(st styles) []legendMark {
	return []legendMark{
		{markFailed, "failed (failureInfo)", st.failure},
		{markProblem, "poor stream, or a problem finding", st.poor},
		{markWarning, "warning: a finding worth a look, or what the file lacks", st.warning},
		{markGood, "good", st.good},
		{markUnclassified, "unclassified: nothing to judge", st.unclassified},
		{markInfo, "information finding", st.muted},
	}
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
