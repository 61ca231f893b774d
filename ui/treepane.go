package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// treePane is the call tree: a cursor over the Tree's visible rows, drawn
// O(screen) (bubbles' tree redraws every row a key).
type treePane struct {
	base
}

func newTreePane(ctx *Context) *treePane { return &treePane{base{ctx: ctx}} }

func (p *treePane) SetSize(w, h int) {
	p.base.SetSize(w, h)
	if p.ctx.Tree != nil {
		p.ctx.Tree.SetHeight(p.h)
	}
}

// HandleKey moves and opens the tree. The movement keys reach it when the
// details pane did not take them (it takes them when focused).
func (p *treePane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k, t := p.ctx, p.ctx.Keys, p.ctx.Tree
	half := max(p.h/2, 1)
	switch {
	case key.Matches(msg, k.Down):
		t.Move(1)
	case key.Matches(msg, k.Up):
		t.Move(-1)
	case key.Matches(msg, k.PageDown):
		t.Move(half)
	case key.Matches(msg, k.PageUp):
		t.Move(-half)
	case key.Matches(msg, k.Top):
		t.Move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		t.Move(1 << 30)
	case key.Matches(msg, k.Expand):
		t.Expand()
	case key.Matches(msg, k.Collapse):
		t.Collapse()
	case key.Matches(msg, k.ExpandAll):
		t.ExpandAll()
	case key.Matches(msg, k.CollapseAll):
		t.CollapseAll()
	case key.Matches(msg, k.Depth):
		t.ShowDepth(Level(msg.String()[0] - '0'))
	case key.Matches(msg, k.NextProblem), key.Matches(msg, k.PrevProblem):
		dir := 1
		if key.Matches(msg, k.PrevProblem) {
			dir = -1
		}
		c.Focus = focusTree
		if i, n := t.JumpProblem(dir); n > 0 {
			c.Status = fmt.Sprintf("problem %d of %d", i, n)
		} else {
			c.Status = "no problems: no failure, no poor stream, no problem finding"
		}
		return nil, true
	case key.Matches(msg, k.Filter):
		c.toggleProblems() // and a person's sessions, if enter chose some (filters.go)
		return nil, true
	case key.Matches(msg, k.AllPeople):
		c.clearPerson()
		return nil, true
	case key.Matches(msg, k.Back) && c.back != nil:
		return c.openView(c.back), true // back to the list the row was opened from
	case key.Matches(msg, k.Back):
		c.clearFilter() // the last layer esc peels: search and raw go first
		return nil, true
	default:
		return nil, false
	}
	c.Status = c.filterStatus()
	return nil, true
}

func (p *treePane) title() string {
	t := fmt.Sprintf("Tree %d/%d", p.ctx.Tree.Cursor()+1, p.ctx.Tree.Rows())
	if p.ctx.Filter != "" { // which filters are in force, while they are
		t += " · only " + p.ctx.Filter
	}
	return t
}

// View draws the rows on screen only.
func (p *treePane) View() string { return joinLines(p.lines()) }

func (p *treePane) lines() []string {
	out := make([]string, 0, p.h)
	t, st := p.ctx.Tree, p.ctx.St
	for i := t.Offset(); i < t.Rows() && len(out) < p.h; i++ {
		row := renderRow(t, i, p.w, i == t.Cursor(), st)
		if i != t.Cursor() { // the cursor's reverse video stays whole
			row = highlight(row, p.ctx.Query, st.match)
		}
		out = append(out, row)
	}
	return padLines(out, spaces(p.w), p.h)
}

// ShortHelp is what a newcomer needs, fitting 80 columns. The arrows need
// no telling; ? shows the rest.
func (p *treePane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return []key.Binding{short(k.NextProblem, "]", "next problem"), short(k.Expand, "→", "expand"), short(k.Collapse, "←", "collapse")}
}

func (p *treePane) FullHelp() [][]key.Binding { return fullHelp(p.Groups()) }

func (p *treePane) Groups() []Group {
	k := p.ctx.Keys
	return []Group{k.moveGroup(), k.treeGroup(), {"Problems", []key.Binding{k.NextProblem, k.PrevProblem, k.Filter, short(k.Back, "esc", "clear a filter"), k.AllPeople}}}
}
