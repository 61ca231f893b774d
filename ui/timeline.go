package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// timelineView draws a call's sessions as bars over its time axis, one row
// per session in start order. Only the rows on screen are drawn.
type timelineView struct {
	base
	rec      int
	sessions []int32 // the tree's order: by start time
	t0, t1   time.Time
	loc      *time.Location
	list     list
}

func init() {
	registerView(func(k *KeyMap) key.Binding { return k.Timeline }, func(c *Context) Component {
		sel := c.Tree.Selected()
		v := newTimelineView(c, c.Tree, int(sel.Rec), c.Loc)
		if sel.Level >= LevelSession {
			v.moveTo(sel.Se)
		}
		return v
	})
}

func newTimelineView(ctx *Context, t *Tree, rec int, loc *time.Location) *timelineView {
	r := t.file.Records[rec]
	v := &timelineView{base: base{ctx: ctx}, rec: rec, sessions: t.order[rec], t0: r.Start, t1: r.End, loc: loc}
	for _, s := range r.Sessions { // the call's times, widened to its sessions'
		if !s.Start.IsZero() && (v.t0.IsZero() || s.Start.Before(v.t0)) {
			v.t0 = s.Start
		}
		if s.End.After(v.t1) {
			v.t1 = s.End
		}
	}
	v.list.setSize(len(v.sessions), 0)
	return v
}

// SetSize: the list has the box less the title rule and the axis.
func (v *timelineView) SetSize(w, h int) {
	v.base.SetSize(w, h)
	v.list.setSize(len(v.sessions), v.h-3)
}

func (v *timelineView) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := v.ctx, v.ctx.Keys
	switch {
	case v.list.handleKey(msg, k):
	case key.Matches(msg, k.Open):
		if n, ok := v.selected(); ok {
			if !c.Tree.visibleUnderFilter(n) {
				c.clearFilter()
			}
			c.Tree.Reveal(n)
			c.Focus = focusTree
		}
		c.closeView()
	case key.Matches(msg, k.Back), key.Matches(msg, k.Timeline):
		c.closeView()
	default:
		return nil, false
	}
	return nil, true
}

func (v *timelineView) View() string {
	title := v.ctx.rule(v.title()+" · enter opens · esc back", v.w, true)
	return joinLines(append([]string{title}, v.render(v.ctx.File, v.w, v.h-1, v.ctx.St)...)[:v.h])
}

func (v *timelineView) ShortHelp() []key.Binding  { return viewShortHelp(v.ctx.Keys) }
func (v *timelineView) FullHelp() [][]key.Binding { return fullHelp(v.Groups()) }
func (v *timelineView) Groups() []Group {
	k := v.ctx.Keys
	return []Group{k.moveGroup(), {"Timeline", []key.Binding{short(k.Open, "enter/→/l", "open the session in the tree"),
		short(k.Back, "esc", "back to the tree"), short(k.Timeline, "t", "back to the tree")}}}
}

// selected is the session under the cursor, as a tree node.
func (v *timelineView) selected() (Node, bool) {
	if len(v.sessions) == 0 {
		return Node{}, false
	}
	return Node{Level: LevelSession, Rec: int32(v.rec), Se: v.sessions[v.list.cursor]}, true
}

// moveTo puts the cursor on a session.
func (v *timelineView) moveTo(se int32) {
	for i, s := range v.sessions {
		if s == se {
			v.list.move(i - v.list.cursor)
			return
		}
	}
}

// col maps a time to a column of a bar area w wide.
func (v *timelineView) col(t time.Time, w int) int {
	span := v.t1.Sub(v.t0)
	if span <= 0 || w <= 1 {
		return 0
	}
	c := int(float64(t.Sub(v.t0)) / float64(span) * float64(w-1))
	return min(max(c, 0), w-1)
}

// tickFormat fits the labels to the call's length.
func (v *timelineView) tickFormat() string {
	switch span := v.t1.Sub(v.t0); {
	case span < 10*time.Minute:
		return "15:04:05"
	case span < 24*time.Hour:
		return "15:04"
	}
	return "Jan 2 15:04"
}

// tickSteps are the round intervals a timeline's ticks stand at.
var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// axis is two lines: tick labels at round times (every 5 minutes, say),
// and the rule they stand on.
func (v *timelineView) axis(barW int) (labels, rule string) {
	lab := []rune(strings.Repeat(" ", barW))
	rul := []rune(strings.Repeat("─", barW))
	span := v.t1.Sub(v.t0)
	if v.t0.IsZero() || span <= 0 || barW < 8 {
		return string(lab), string(rul)
	}
	format := v.tickFormat()
	// The smallest round step whose ticks leave room for their labels.
	room := float64(len(format)+2) / float64(barW)
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if float64(s)/float64(span) >= room {
			step = s
			break
		}
	}
	first := v.t0.In(v.loc).Truncate(step)
	if first.Before(v.t0) {
		first = first.Add(step)
	}
	for t := first; !t.After(v.t1); t = t.Add(step) {
		c := v.col(t, barW)
		label := []rune(t.In(v.loc).Format(format))
		if c+len(label) > barW {
			break
		}
		copy(lab[c:], label)
		rul[c] = '┬'
	}
	return string(lab), string(rul)
}

func (v *timelineView) render(f *data.File, w, h int, st styles) []string {
	r := f.Records[v.rec]
	labelW := min(max(w/4, 10), 28)
	barW := max(w-labelW-3, 1)
	labels, rule := v.axis(barW)
	pad := strings.Repeat(" ", labelW+3)
	out := []string{fit(pad+st.label.Render(labels), w), fit(pad+st.border.Render(rule), w)}
	if len(v.sessions) == 0 {
		out = append(out, fit(st.muted.Render("no sessions in this record"), w))
	}
	from, to := v.list.visible()
	for i := from; i < to; i++ {
		se := r.Sessions[v.sessions[i]]
		sym, style := mark(se.Quality, st)
		label := fit(text.Clean(r.Names().SessionWho(se)), labelW)
		bar := v.bar(se, barW)
		if i == v.list.cursor {
			out = append(out, st.selected.Render(fit(label+" "+sym+" "+bar, w)))
			continue
		}
		barStyle := style
		if sym == markUnclassified {
			barStyle = st.muted
		}
		out = append(out, fit(label+" "+style.Render(sym)+" "+barStyle.Render(bar), w))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out[:max(h, 0)]
}

// bar is a session's span on the axis: "   ━━━━━━    ", ending in ⊘ when
// it failed.
func (v *timelineView) bar(se *data.Session, w int) string {
	if se.Start.IsZero() || se.End.IsZero() || !v.t1.After(v.t0) {
		return "(no times)"
	}
	a, b := v.col(se.Start, w), v.col(se.End, w)
	cells := []rune(strings.Repeat(" ", w))
	for c := a; c <= b; c++ {
		cells[c] = '━'
	}
	if se.Quality.State() == data.StateFailed {
		cells[b] = []rune(markFailed)[0]
	}
	return strings.TrimRight(string(cells), " ")
}

// title says the axis: "Timeline · 14:00 – 14:35 UTC · 6 sessions".
func (v *timelineView) title() string {
	if v.t0.IsZero() {
		return fmt.Sprintf("Timeline · %s", text.Plural(len(v.sessions), "session"))
	}
	format := v.tickFormat()
	return fmt.Sprintf("Timeline · %s – %s %s · %s", v.t0.In(v.loc).Format(format), v.t1.In(v.loc).Format(format),
		v.t0.In(v.loc).Format("MST"), text.Plural(len(v.sessions), "session"))
}
