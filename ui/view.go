package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/text"
)

// View draws the screen: header, the main screen or a view, footer.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	if m.ctx.Opts.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "callscope"
	if f := m.ctx.File; f != nil && len(f.Records) > 0 {
		v.WindowTitle = "callscope · " + shortID(f.Records[0].ID)
	}
	return v
}

func (m *Model) render() string {
	c := m.ctx
	l := c.Layout
	if l.Width <= 0 || l.Height <= 0 {
		return ""
	}
	if c.Tree == nil || len(c.File.Records) == 0 {
		return m.loadingScreen()
	}
	lines := make([]string, 0, l.Height)
	lines = append(lines, m.header())
	if c.view != nil {
		if body := c.view.View(); l.Height > 2 {
			lines = append(lines, body)
		}
	} else {
		lines = append(lines, m.main.lines()...)
	}
	lines = append(lines, m.footer())
	return strings.Join(lines[:min(len(lines), l.Height)], "\n")
}

func (m *Model) loadingScreen() string {
	c := m.ctx
	l := c.Layout
	what := text.Clean(c.Opts.Source)
	if c.Opts.Size > 0 {
		what += fmt.Sprintf(" (%s)", sizeText(c.Opts.Size))
	}
	line := fit(c.Spin.View()+" Loading "+what+"…", l.Width)
	out := make([]string, l.Height)
	out[0] = line
	if m.progress != "" && len(out) > 1 {
		out[1] = fit("  "+text.Clean(m.progress), l.Width)
	}
	if len(out) > 2 {
		out[len(out)-1] = fit(c.St.muted.Render("esc or q stops"), l.Width)
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
func (m *Model) header() string {
	c := m.ctx
	st := c.St
	r := c.File.Records[c.Tree.Selected().Rec]
	q := r.Quality
	// The streams by verdict, named so, then the failures and the problem
	// findings besides poor streams, in words: a call marked ✗ for its
	// feedback alone shows why, not a bare ✗0. The marks mean what they
	// mean on the rows.
	parts := []string{st.header.Render("callscope"), "Call " + shortID(r.ID),
		"streams " + st.good.Render(fmt.Sprintf("%s%d", markGood, q.Good)) + " " + st.poor.Render(fmt.Sprintf("%s%d", markProblem, q.Poor)) +
			" " + st.unclassified.Render(fmt.Sprintf("%s%d", markUnclassified, q.Unclassified))}
	if q.Failures > 0 {
		parts = append(parts, st.failure.Render(markFailed+text.Plural(q.Failures, "failure")))
	}
	if q.ProblemFindings > 0 {
		parts = append(parts, st.poor.Render(markProblem+text.Plural(q.ProblemFindings, "problem finding")))
	}
	// Most telling first: narrow screens cut from the right.
	parts = append(parts, words("type", r.Type), st.timeText(r.Start))
	if d := r.Duration(); d >= 0 {
		parts = append(parts, text.FormatSpan(d))
	}
	if o := r.OrganizerName(); o != "" {
		parts = append(parts, "organizer "+text.Clean(o))
	}
	if n := len(c.File.Records); n > 1 {
		parts = append(parts, fmt.Sprintf("%d records", n))
	}
	return fit(strings.Join(parts, st.muted.Render(" · ")), c.Layout.Width)
}

// rule is a pane's title line: "── Title ─────", exactly w wide.
func (c *Context) rule(title string, w int, focused bool) string {
	if w <= 0 {
		return ""
	}
	style, tstyle := c.St.border, c.St.muted
	if focused {
		style, tstyle = c.St.borderFocused, c.St.borderFocused
	}
	title = fit(title, min(ansiWidth(title), max(w-4, 0)))
	fill := max(w-4-ansiWidth(title), 0)
	return fit(style.Render("── ")+tstyle.Render(title)+" "+style.Render(strings.Repeat("─", fill)), w)
}

// footer is the status and the focused component's short help, or an open
// prompt. Where they do not fit, the hints go from the end of the
// component's list (its least important), as bubbles' help does; the
// status, ? and q stay, the status cut last.
func (m *Model) footer() string {
	c, k := m.ctx, m.ctx.Keys
	search := m.main.search
	if search.Capturing() {
		return search.View()
	}
	bindings := m.focused().ShortHelp()
	if p, ok := c.view.(interface{ Capturing() bool }); ok && p.Capturing() {
		// A view's prompt takes ? and q as letters: its keys only.
		return fit(m.help.ShortHelpView(bindings), c.Layout.Width)
	}
	pinned := []key.Binding{k.Help, short(k.Quit, "q", "quit")}
	switch {
	case isHelp(c.view):
		pinned = []key.Binding{short(k.Quit, "q", "close")} // ? q closes it
	case m.main.copy.Capturing():
		pinned = []key.Binding{short(k.Quit, "q", "cancel")} // after y, q copies nothing
	}
	status := c.Status
	if search.busy {
		status = search.busyStatus()
	}
	w := c.Layout.Width
	sep := c.St.muted.Render(" • ")
	whole := m.help
	whole.SetWidth(0) // what fits is chosen here: bubbles would cut ? and q
	line := func(status string, n int) string {
		help := whole.ShortHelpView(append(bindings[:n:n], pinned...))
		if status == "" {
			return help
		}
		return c.St.warning.Render(status) + sep + help
	}
	n := len(bindings)
	for n > 0 && width(line(status, n)) > w {
		n--
	}
	l := line(status, n)
	if width(l) > w && status != "" { // ? and q before the status's end
		l = line(text.Cut(status, max(w-width(line("", 0))-width(sep), 1)), 0)
	}
	return fit(l, w)
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

func spaces(w int) string { return strings.Repeat(" ", max(w, 0)) }
