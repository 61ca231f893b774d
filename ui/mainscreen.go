package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// mainScreen is the tree and the pane beside it (the details, or the raw
// JSON), with the search and copy prompts that work on them. It routes a
// key through its components and opens the views.
type mainScreen struct {
	base
	tree    *treePane
	details *detailsPane
	raw     *rawPane
	search  *searchPrompt
	copy    *copyPrompt
	// zoom gives the focused pane the whole screen (z): long reasons
	// and values are cut, or wrapped short, beside the tree.
	zoom bool
}

func newMainScreen(c *Context) *mainScreen {
	s := &mainScreen{base: base{ctx: c}, tree: newTreePane(c), details: newDetailsPane(c), raw: newRawPane(c)}
	s.search = newSearchPrompt(c, &s.details.nodePane)
	c.matches = func() []Node { return s.search.matches }
	s.copy = newCopyPrompt(c, func() block { return s.right().unwrapped() })
	return s
}

func (s *mainScreen) parts() []Component {
	return []Component{s.tree, s.details, s.raw, s.search, s.copy}
}

// right is the pane beside the tree: the details, or the raw JSON.
func (s *mainScreen) right() *nodePane {
	if s.ctx.Raw {
		return &s.raw.nodePane
	}
	return &s.details.nodePane
}

// focused is the pane whose short help the footer shows.
func (s *mainScreen) focused() Component {
	switch {
	case s.ctx.Focus == focusTree:
		return s.tree
	case s.ctx.Raw:
		return s.raw
	}
	return s.details
}

// layout is the screen's layout, or with zoom the focused pane alone on
// the whole screen (drawn as the one-pane layout draws it).
func (s *mainScreen) layout() Layout {
	l := s.ctx.Layout
	if s.zoom {
		l.Arrangement = Single
		l.TreeW, l.DetailW = l.Width, l.Width
		l.TreeH = max(l.Height-3, 0) // header, title rule, footer
		l.DetailH = l.TreeH
	}
	return l
}

// SetSize lays the panes out as the layout says, every one of them.
func (s *mainScreen) SetSize(w, h int) {
	s.base.SetSize(w, h)
	l := s.layout()
	s.tree.SetSize(l.TreeW, l.TreeH)
	s.details.SetSize(l.DetailW, l.DetailH)
	s.raw.SetSize(l.DetailW, l.DetailH)
	s.search.SetSize(l.Width, 1)
}

func (s *mainScreen) Restyle() {
	for _, c := range s.parts() {
		c.Restyle()
	}
}

// Update takes the search's results; after any message the pane beside
// the tree catches up with the selection, so that View only draws.
func (s *mainScreen) Update(msg tea.Msg) tea.Cmd {
	return s.search.Update(msg)
}

func (s *mainScreen) sync() { s.right().sync() }

// HandleKey: the prompts first (an armed y takes the next key), then the
// pane beside the tree (it scrolls when focused, and peels raw before the
// tree's filter on esc), then the tree, then pane switching and the views.
func (s *mainScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := s.ctx, s.ctx.Keys
	for _, x := range []Component{s.copy, s.search} {
		if cmd, ok := x.HandleKey(msg); ok {
			return cmd, true
		}
	}
	c.Status = c.filterStatus()
	if c.Focus == focusDetails && (key.Matches(msg, k.NextProblem) || key.Matches(msg, k.PrevProblem)) {
		// The tree finds the problem; the details pane keeps the focus and
		// shows it from its top: one key a problem, also at 80×24.
		cmd, _ := s.tree.HandleKey(msg)
		c.Focus = focusDetails
		return cmd, true
	}
	var right Component = s.details
	if c.Raw {
		right = s.raw
	}
	for _, x := range []Component{right, s.tree} {
		if cmd, ok := x.HandleKey(msg); ok {
			return cmd, true
		}
	}
	switch {
	case key.Matches(msg, k.Focus):
		c.Focus = 1 - c.Focus
		return nil, true
	case key.Matches(msg, k.Zoom):
		s.zoom = !s.zoom
		s.SetSize(s.w, s.h)
		return nil, true
	}
	for _, v := range views {
		if key.Matches(msg, v.key(k)) {
			return c.openView(v.open(c)), true
		}
	}
	return nil, false
}

// paneAt is the pane under the cell x, y of the main screen (y = 0 is
// its first line, under the header), and the row of that pane there; ok is
// false over a title rule, the rule between the panes, or below them.
func (s *mainScreen) paneAt(x, y int) (p pane, row int, ok bool) {
	l := s.layout()
	switch l.Arrangement {
	case SideBySide:
		row = y - 1 // under the one title rule
		if row < 0 || row >= l.TreeH {
			return 0, 0, false
		}
		switch {
		case x < l.TreeW:
			return focusTree, row, true
		case x >= l.TreeW+2:
			return focusDetails, row, true
		}
	case Stacked:
		if row = y - 1; row >= 0 && row < l.TreeH {
			return focusTree, row, true
		}
		if row = y - 2 - l.TreeH; row >= 0 && row < l.DetailH {
			return focusDetails, row, true
		}
	default: // one pane: the focused one
		if row = y - 1; row >= 0 && row < l.TreeH {
			return s.ctx.Focus, row, true
		}
	}
	return 0, 0, false
}

// click focuses the pane under the pointer; on the tree it also selects
// the row clicked.
func (s *mainScreen) click(x, y int) {
	p, row, ok := s.paneAt(x, y)
	if !ok {
		return
	}
	s.ctx.Focus = p
	if t := s.ctx.Tree; p == focusTree && t.Offset()+row < t.Rows() {
		t.MoveTo(t.Offset() + row)
		s.ctx.Status = s.ctx.filterStatus()
	}
}

// wheel scrolls the pane under the pointer by d: lines of the details, or
// rows of the tree (the cursor moves with them).
func (s *mainScreen) wheel(x, y, d int) {
	p, _, ok := s.paneAt(x, y)
	if !ok {
		return
	}
	if p == focusDetails {
		s.right().sc.scroll(d)
		return
	}
	s.ctx.Tree.Move(d)
}

func (s *mainScreen) rightTitle() string {
	if s.ctx.Raw {
		return s.raw.title()
	}
	return s.details.title()
}

func (s *mainScreen) View() string { return joinLines(s.lines()) }

// lines are the panes as the layout arranges them.
func (s *mainScreen) lines() []string {
	c := s.ctx
	l := s.layout()
	treeFocus, rightFocus := c.Focus == focusTree, c.Focus == focusDetails
	var out []string
	switch l.Arrangement {
	case SideBySide:
		rule := c.rule(s.tree.title(), l.TreeW, treeFocus) + c.St.border.Render("┬─") + c.rule(s.rightTitle(), l.DetailW, rightFocus)
		out = append(out, rule)
		tl, dl := s.tree.lines(), s.right().sc.viewLines()
		sep := c.St.border.Render("│") + " "
		for i := range l.TreeH {
			out = append(out, tl[i]+sep+dl[i])
		}
	case Stacked:
		out = append(out, c.rule(s.tree.title(), l.Width, treeFocus))
		out = append(out, s.tree.lines()...)
		out = append(out, c.rule(s.rightTitle(), l.Width, rightFocus))
		out = append(out, s.right().sc.viewLines()...)
	default:
		other := " · tab: tree"
		if treeFocus {
			other = " · tab: details"
		}
		if s.zoom {
			other = " · z: back"
		}
		if treeFocus {
			out = append(out, c.rule(s.tree.title()+other, l.Width, true))
			out = append(out, s.tree.lines()...)
		} else {
			out = append(out, c.rule(s.rightTitle()+other, l.Width, true))
			out = append(out, s.right().sc.viewLines()...)
		}
	}
	return out[:min(len(out), max(l.Height-2, 0))]
}

// ShortHelp is the focused pane's, and tab; z where the panes share the
// width (with one pane, zoom changes nothing worth a footer's room).
func (s *mainScreen) ShortHelp() []key.Binding {
	k := s.ctx.Keys
	b := append(s.focused().ShortHelp(), k.Focus)
	if s.zoom || s.ctx.Layout.Arrangement == SideBySide {
		b = append(b, short(k.Zoom, "z", "zoom"))
	}
	return b
}

func (s *mainScreen) FullHelp() [][]key.Binding { return fullHelp(s.Groups()) }

// Groups are the main screen's keys, grouped as the README groups them.
func (s *mainScreen) Groups() []Group {
	k := s.ctx.Keys
	return []Group{k.moveGroup(), k.treeGroup(), k.diagnoseGroup(), k.findGroup(), k.searchGroup(), k.copyGroup()}
}
