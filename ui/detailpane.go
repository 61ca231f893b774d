package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	find "github.com/callscope/callscope/search"
)

// nodePane is a scrolled pane about the selected row: the details, or its
// raw JSON. It is built once per selection, width, theme and query (in
// sync, from Update), so that View only slices.
type nodePane struct {
	base
	sc    scroller
	build func(f *data.File, n Node, w int, st styles) block

	node         Node
	builtW       int
	dark, valid  bool
	query        string
	lines        block // as built, without the search's marks: y s copies it
	scrollToFind bool  // a search jumped here: show its first match
}

func newNodePane(ctx *Context, build func(*data.File, Node, int, styles) block) nodePane {
	return nodePane{base: base{ctx: ctx}, sc: newScroller(), build: build}
}

func (p *nodePane) SetSize(w, h int) {
	p.base.SetSize(w, h)
	p.sc.setSize(p.w, p.h)
}

func (p *nodePane) Restyle() { p.valid = false }

// sync rebuilds the pane when what it shows changed.
func (p *nodePane) sync() {
	c := p.ctx
	if c.Tree == nil || c.Tree.Rows() == 0 {
		return
	}
	n := c.Tree.Selected()
	if p.valid && n == p.node && p.w == p.builtW && c.Theme.Dark == p.dark && c.Query == p.query && !p.scrollToFind {
		return
	}
	if !p.valid || n != p.node || p.w != p.builtW || c.Theme.Dark != p.dark {
		p.lines = p.build(c.File, n, p.w, c.St)
	}
	shown := p.lines
	if c.Query != "" {
		shown = make(block, len(p.lines))
		for i, l := range p.lines {
			shown[i] = highlight(l, c.Query, c.St.match)
		}
	}
	p.sc.setLines(shown, p.valid && n == p.node)
	p.node, p.builtW, p.dark, p.query, p.valid = n, p.w, c.Theme.Dark, c.Query, true
	if p.scrollToFind {
		p.scrollToFind = false
		p.showMatch()
	}
}

// showMatch scrolls to the first line that holds the query, so the match
// is on screen, not only its row.
func (p *nodePane) showMatch() {
	for i, l := range p.lines {
		if find.ContainsFold(ansi.Strip(l), p.ctx.Query) {
			p.sc.setOffset(max(0, i-2))
			return
		}
	}
}

// scrollKey scrolls when the pane has the focus.
func (p *nodePane) scrollKey(msg tea.KeyPressMsg) bool {
	return p.ctx.Focus == focusDetails && p.h > 0 && p.sc.handleKey(msg, p.ctx.Keys)
}

func (p *nodePane) View() string { return p.sc.view() }

// unwrappedWidth is a width no line of a pane reaches: built at it, a
// pane has no soft wraps, and pair puts the sides one above the other.
const unwrappedWidth = 4096

// unwrapped is the selected row's pane as text to copy (y s): built again
// without soft wraps, so that a long value or reason is one line.
func (p *nodePane) unwrapped() block {
	c := p.ctx
	return p.build(c.File, c.Tree.Selected(), unwrappedWidth, c.St)
}

// span is the title's "(a–b of n)" when the pane scrolls.
func (p *nodePane) span() string {
	n := len(p.lines)
	if n <= p.h || p.h <= 0 {
		return ""
	}
	off := p.sc.offset()
	return fmt.Sprintf(" (%d–%d of %d)", off+1, min(off+p.h, n), n)
}

func (p *nodePane) scrollGroup() Group {
	k := p.ctx.Keys
	return Group{"Scroll", []key.Binding{short(k.Down, "↓/j", "scroll down"), short(k.Up, "↑/k", "scroll up"), k.PageDown, k.PageUp,
		short(k.Top, "g/home", "top"), short(k.Bottom, "G/end", "bottom")}}
}

// detailsPane is the selected row in words: facts, verdicts, findings.
type detailsPane struct{ nodePane }

func newDetailsPane(ctx *Context) *detailsPane {
	return &detailsPane{newNodePane(ctx, func(f *data.File, n Node, w int, st styles) block {
		return buildDetail(f, n, w, st, ctx.Tree.pstn)
	})}
}

func (p *detailsPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if p.scrollKey(msg) {
		return nil, true
	}
	if key.Matches(msg, p.ctx.Keys.Raw) {
		p.ctx.Raw = true
		return nil, true
	}
	return nil, false
}

func (p *detailsPane) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return []key.Binding{short(k.Down, "↓/j", "scroll"), short(k.Raw, "r", "raw JSON")}
}
func (p *detailsPane) FullHelp() [][]key.Binding { return fullHelp(p.Groups()) }
func (p *detailsPane) Groups() []Group {
	return []Group{p.scrollGroup(), {"Details", []key.Binding{p.ctx.Keys.Raw}}}
}

func (p *detailsPane) title() string {
	return detailTitle(p.ctx.File, p.ctx.Tree.Selected()) + p.span()
}
