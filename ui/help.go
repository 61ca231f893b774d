package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/quality"
)

// helpView is the ? screen: the keys of the component that had the focus
// (its Groups) and the program's, then the marks; two columns when wide,
// scrolled with the movement keys when taller than the screen.
type helpView struct {
	base
	sc     scroller
	of     Component // whose keys; esc or ? goes back to it
	groups []Group
}

func newHelpView(ctx *Context, of Component) *helpView {
	v := &helpView{base: base{ctx: ctx}, sc: newScroller(), of: of}
	v.groups = append(of.Groups(), programGroup(ctx.Keys, of))
	return v
}

func (v *helpView) SetSize(w, h int) {
	v.base.SetSize(w, h)
	v.sc.setSize(v.w, max(v.h-1, 0)) // under the title line
	v.sc.setLines(v.lines(v.w), true)
}

func (v *helpView) Restyle() { v.sc.setLines(v.lines(v.w), true) }

// HandleKey takes every key: ? and esc close, the movement keys scroll.
func (v *helpView) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := v.ctx.Keys
	switch {
	case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
		b := v.back()
		if b != nil {
			b.SetSize(v.w, v.h) // the screen may have changed under the help
		}
		v.ctx.view = b
	default:
		v.sc.handleKey(msg, k)
	}
	return nil, true
}

// back is the view the help was opened from; nil: the main screen.
func (v *helpView) back() Component {
	if _, ok := v.of.(*mainScreen); ok {
		return nil
	}
	return v.of
}

func (v *helpView) View() string {
	if v.h <= 0 {
		return ""
	}
	st, rows, n := v.ctx.St, max(v.h-1, 0), len(v.sc.lines)
	title := st.title.Render("Keys") + st.muted.Render("  (? or esc to close)")
	if n > rows {
		off := v.sc.offset()
		title += st.muted.Render(fmt.Sprintf("  %d–%d of %d · j/k scroll", off+1, min(off+rows, n), n))
	}
	if rows == 0 {
		return fit(title, v.w)
	}
	return fit(title, v.w) + "\n" + v.sc.view()
}

// blocks are the ? screen's blocks, w cells wide: one per key group, and
// the marks.
func (v *helpView) blocks(w int) []block {
	st := v.ctx.St
	var out []block
	for _, g := range v.groups {
		var fields []field
		for _, kb := range g.Keys {
			hp := kb.Help()
			fields = append(fields, field{"  " + hp.Key + strings.Repeat(" ", max(12-width(hp.Key), 0)), st.desc.Render(hp.Desc)})
		}
		out = append(out, section(g.Title, fields, w, st))
	}
	marks := block{fit(st.title.Render("Marks"), w)}
	for _, mk := range markLegend(st) {
		marks = append(marks, fit("  "+mk.style.Render(mk.mark)+"  "+mk.words, w))
	}
	marks = append(marks, paragraph("  A row shows the first that applies below it: ⊘, ✗, ✓, ·. Warnings do not change a row.", w, st.muted)...)
	marks = append(marks, paragraph("  "+quality.CQDSource+". "+quality.CQDCaveat, w, st.muted)...)
	return append(out, marks)
}

// lines is the body: two columns of whole groups when wide.
func (v *helpView) lines(w int) block {
	if w < 120 {
		return join(v.blocks(w)...)
	}
	colW := (w - 3) / 2
	groups := v.blocks(colW)
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
	return columns(join(left...), join(right...), colW, w-3-colW, v.ctx.St)
}

func (v *helpView) ShortHelp() []key.Binding {
	k := v.ctx.Keys
	return []key.Binding{short(k.Down, "↓/j", "down"), short(k.Up, "↑/k", "up"), short(k.Back, "esc/?", "close")}
}
func (v *helpView) FullHelp() [][]key.Binding { return fullHelp(v.Groups()) }
func (v *helpView) Groups() []Group {
	k := v.ctx.Keys
	return []Group{k.moveGroup(), {"Keys", []key.Binding{short(k.Back, "esc", "close"), short(k.Help, "?", "close")}}}
}

// programGroup is the program's keys; tab only where there are panes.
func programGroup(k *KeyMap, of Component) Group {
	if _, ok := of.(*mainScreen); ok {
		return k.programGroup()
	}
	return Group{"Program", []key.Binding{k.Help, k.Quit, k.Suspend}}
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
