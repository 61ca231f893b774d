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
}

func newMainScreen(c *Context) *mainScreen {
	s := &mainScreen{base: base{ctx: c}, tree: newTreePane(c), details: newDetailsPane(c), raw: newRawPane(c)}
	s.search = newSearchPrompt(c, &s.details.nodePane)
	s.copy = newCopyPrompt(c, func() block { return s.right().lines })
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

// SetSize lays the panes out as the layout says, every one of them.
func (s *mainScreen) SetSize(w, h int) {
	s.base.SetSize(w, h)
	l := s.ctx.Layout
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
	var right Component = s.details
	if c.Raw {
		right = s.raw
	}
	for _, x := range []Component{right, s.tree} {
		if cmd, ok := x.HandleKey(msg); ok {
			return cmd, true
		}
	}
	if key.Matches(msg, k.Focus) {
		c.Focus = 1 - c.Focus
		return nil, true
	}
	for _, v := range views {
		if key.Matches(msg, v.key(k)) {
			return c.openView(v.open(c)), true
		}
	}
	return nil, false
}

// scroll moves the focused pane (the mouse wheel): tree rows or lines.
func (s *mainScreen) scroll(d int) {
	if s.ctx.Focus == focusDetails && s.ctx.Layout.DetailH > 0 {
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
	l := c.Layout
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
		if treeFocus {
			out = append(out, c.rule(s.tree.title()+" · tab: details", l.Width, true))
			out = append(out, s.tree.lines()...)
		} else {
			out = append(out, c.rule(s.rightTitle()+" · tab: tree", l.Width, true))
			out = append(out, s.right().sc.viewLines()...)
		}
	}
	return out[:min(len(out), max(l.Height-2, 0))]
}

// ShortHelp is the focused pane's, and tab.
func (s *mainScreen) ShortHelp() []key.Binding {
	return append(s.focused().ShortHelp(), s.ctx.Keys.Focus)
}

func (s *mainScreen) FullHelp() [][]key.Binding { return fullHelp(s.Groups()) }

// Groups are the main screen's keys, grouped as the README groups them.
func (s *mainScreen) Groups() []Group {
	k := s.ctx.Keys
	return []Group{k.moveGroup(), k.treeGroup(), k.diagnoseGroup(), k.findGroup(), k.searchGroup(), k.copyGroup()}
}
