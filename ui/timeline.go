package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/participants"
	"github.com/callscope/callscope/text"
)

// timelineView draws a call's sessions as bars over its time axis, one row
// per session, with a time cursor and who was in the call at its time.
// Only the rows on screen are drawn.
type timelineView struct {
	base
	rec    int32
	byTime []int32 // the tree's order: by start time
	t0, t1 time.Time

	sort    timelineSort
	filter  string
	typing  bool                   // / is taking the keys: they type the filter
	orders  [timelineSorts][]int32 // each sort's order, on first use
	labels  []string               // each session's row label, clean (sessionLabels)
	arrow   []int32                // where a label that says both ends has its " → ", else -1
	longest int                    // the widest label: the label column's width, within limits
	hay     []string               // labels and verdicts folded, for the filter
	shown   []int32                // the sessions shown, in the sort's order
	list    list

	// The time cursor: at, moved by step or big, and who is in the call
	// then (Presence.At once a step).
	at        time.Time
	step, big time.Duration
	moment    participants.Moment
	presence  *participants.Presence
}

// timelineSort is the timeline's order; s cycles them.
type timelineSort uint8

const (
	byStart timelineSort = iota // the tree's order
	byWorst                     // failed, then problems (most first), then good
	byWho                       // the row's label, ignoring case
	timelineSorts
)

func (s timelineSort) String() string {
	switch s {
	case byWorst:
		return "worst first"
	case byWho:
		return "by name"
	}
	return "by start"
}

func init() {
	registerView(func(k *KeyMap) key.Binding { return k.Timeline }, func(c *Context) Component {
		sel := c.Tree.Selected()
		v := newTimelineView(c, c.Tree, int(sel.Rec))
		if sel.Level >= LevelSession {
			v.moveTo(sel.Se)
		}
		v.startCursor()
		return v
	})
}

func newTimelineView(ctx *Context, t *Tree, rec int) *timelineView {
	r := t.file.Records[rec]
	v := &timelineView{base: base{ctx: ctx}, rec: int32(rec), byTime: t.order[rec], t0: r.Start, t1: r.End}
	for _, s := range r.Sessions { // the call's times, widened to its sessions'
		if !s.Start.IsZero() && (v.t0.IsZero() || s.Start.Before(v.t0)) {
			v.t0 = s.Start
		}
		if s.End.After(v.t1) {
			v.t1 = s.End
		}
	}
	v.shown = v.byTime
	v.list.setSize(len(v.shown), 0)
	v.allLabels()
	if span := v.t1.Sub(v.t0); !v.t0.IsZero() && span > 0 {
		// About 120 steps across the call, 12 big ones, at round intervals.
		v.step, v.big = roundStep(span/120), roundStep(span/12)
		v.presence = ctx.presenceOf(v.rec)
		v.at = v.t0
		v.moment = v.presence.At(v.at)
	}
	return v
}

// stepWords is a step for the footer: "30s", "5m", "1h".
func stepWords(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return strconv.Itoa(int(d/time.Hour)) + "h"
}

// roundStep is the smallest round interval of at least d.
func roundStep(d time.Duration) time.Duration {
	for _, s := range tickSteps {
		if s >= d {
			return s
		}
	}
	return tickSteps[len(tickSteps)-1]
}

// startCursor puts the time cursor at the first step into the session
// under the cursor, or into the call.
func (v *timelineView) startCursor() {
	if v.presence == nil {
		return
	}
	t := v.t0
	if n, ok := v.selected(); ok {
		if s := v.record().Sessions[n.Se].Start; !s.IsZero() {
			t = s
		}
	}
	if up := t.Truncate(v.step); up.Before(t) {
		t = up.Add(v.step)
	}
	v.setAt(t)
}

// setAt moves the time cursor to t, within the call.
func (v *timelineView) setAt(t time.Time) {
	if t.Before(v.t0) {
		t = v.t0
	}
	if t.After(v.t1) {
		t = v.t1
	}
	v.at = t
	v.moment = v.presence.At(t)
}

// stepBy moves the cursor to the next round time d apart: 14:10, 14:15.
func (v *timelineView) stepBy(d time.Duration, dir int) {
	if v.presence == nil {
		return
	}
	t := v.at.Truncate(d)
	if dir > 0 {
		t = t.Add(d)
	} else if !t.Before(v.at) {
		t = t.Add(-d)
	}
	v.setAt(t)
}

func (v *timelineView) record() *data.Record { return v.ctx.File.Records[v.rec] }

// SetSize: the list has the box less the title rule, the cursor's line
// and the axis.
func (v *timelineView) SetSize(w, h int) {
	v.base.SetSize(w, h)
	v.list.setSize(len(v.shown), v.h-4)
}

// Capturing tells the Model that / is taking every key (q is a letter).
func (v *timelineView) Capturing() bool { return v.typing }

func (v *timelineView) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := v.ctx, v.ctx.Keys
	if v.typing {
		return nil, typing(msg, k, &v.typing, v.filter, v.setFilter, &v.list)
	}
	c.Status = "" // the tree's words are not the timeline's
	switch {
	case v.list.handleKey(msg, k):
	case key.Matches(msg, k.NextProblem), key.Matches(msg, k.PrevProblem):
		v.jumpProblem(dir(msg, k.PrevProblem))
	case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMatch):
		v.jumpMatch(dir(msg, k.PrevMatch))
	// The time cursor before Open: → and l move it here.
	case key.Matches(msg, k.StepBack):
		v.stepBy(v.step, -1)
	case key.Matches(msg, k.StepOn):
		v.stepBy(v.step, 1)
	case key.Matches(msg, k.BigStepBack):
		v.stepBy(v.big, -1)
	case key.Matches(msg, k.BigStepOn):
		v.stepBy(v.big, 1)
	case key.Matches(msg, k.Open):
		if n, ok := v.selected(); ok {
			if !c.Tree.visibleUnderFilter(n) {
				c.clearFilter()
			}
			c.Tree.Reveal(n)
			c.Focus = focusTree
		}
		c.closeView()
	case key.Matches(msg, k.SortRows):
		v.sort = (v.sort + 1) % timelineSorts
		v.refresh(false)
	case key.Matches(msg, k.FilterRows):
		v.typing = true
	case key.Matches(msg, k.Back) && v.filter != "":
		v.setFilter("") // esc peels the filter first, then leaves
	case key.Matches(msg, k.Back), key.Matches(msg, k.Timeline):
		c.closeView()
		c.Status = c.filterStatus()
	default:
		return nil, false
	}
	return nil, true
}

// Init: the footer's status is the tree's; the timeline says its own.
func (v *timelineView) Init() tea.Cmd {
	v.ctx.Status = ""
	return nil
}

// dir is -1 on the key that goes back, else 1.
func dir(msg tea.KeyPressMsg, back key.Binding) int {
	if key.Matches(msg, back) {
		return -1
	}
	return 1
}

// jumpProblem moves to the next (dir 1) or previous (-1) session shown
// that is marked ⊘ or ✗, in the rows' order, wrapping around, as ] and [
// walk the problems in the tree.
func (v *timelineView) jumpProblem(dir int) {
	r := v.record()
	i, n := v.jump(dir, func(se int32) bool { return r.Sessions[se].Quality.State() >= data.StateProblem })
	switch {
	case n > 0:
		v.ctx.Status = fmt.Sprintf("problem %d of %d", i, n)
	case v.filter != "":
		v.ctx.Status = "no problem shows: esc clears the filter"
	default:
		v.ctx.Status = "no problems: no failure, no poor stream, no problem finding"
	}
}

// jumpMatch moves to the next or previous session shown that holds a
// match of the tree's search (/ there), as n and N walk them in the tree.
// Here / filters the rows: without a search, n says where to start one.
func (v *timelineView) jumpMatch(dir int) {
	c := v.ctx
	var matches []Node
	if c.matches != nil {
		matches = c.matches()
	}
	if c.Query == "" || len(matches) == 0 {
		c.Status = "no search: esc, then / searches the tree; / here filters"
		if c.Query != "" {
			c.Status = "no match for “" + text.Clean(c.Query) + "”"
		}
		return
	}
	has := make(map[int32]bool)
	for _, m := range matches {
		if m.Rec == v.rec && m.Level >= LevelSession {
			has[m.Se] = true
		}
	}
	i, n := v.jump(dir, func(se int32) bool { return has[se] })
	switch {
	case n > 0:
		c.Status = fmt.Sprintf("session %d of %d with a match for “%s” · n/N", i, n, text.Clean(c.Query))
	case len(has) > 0:
		c.Status = "no session with a match shows: esc clears the filter"
	default:
		c.Status = "no session of this call holds a match for “" + text.Clean(c.Query) + "”"
	}
}

// jump moves the cursor to the next (dir 1) or previous (-1) row after
// it whose session is, wrapping around; it returns that row's place among
// those that are (1-based) and how many there are, 0, 0 if none.
func (v *timelineView) jump(dir int, is func(se int32) bool) (int, int) {
	var at []int // the rows that are
	for i, se := range v.shown {
		if is(se) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return 0, 0
	}
	cur := v.list.cursor
	j := 0 // wrap to the first
	if dir > 0 {
		if k, _ := slices.BinarySearch(at, cur+1); k < len(at) {
			j = k
		}
	} else {
		k, _ := slices.BinarySearch(at, cur) // the first at or after the cursor
		j = (k - 1 + len(at)) % len(at)      // the one before, or the last
	}
	v.list.move(at[j] - cur)
	return j + 1, len(at)
}

func (v *timelineView) setFilter(f string) {
	if f == v.filter {
		return
	}
	v.filter = f
	v.refresh(true)
}

// label is session se's row label, cleaned.
func (v *timelineView) label(se int32) string {
	v.allLabels()
	return v.labels[se]
}

// allLabels works out every row's label once, when the view opens: a
// label is told apart from the others only among them all.
func (v *timelineView) allLabels() {
	if v.labels != nil {
		return
	}
	r := v.record()
	v.labels, v.arrow = sessionLabels(r)
	v.hay = make([]string, len(r.Sessions))
	v.longest = 0
	for i, se := range r.Sessions {
		v.hay[i] = strings.ToLower(v.labels[i] + "\t" + se.Quality.State().String())
		v.longest = max(v.longest, width(v.labels[i]))
	}
}

// sessionLabels are a record's row labels: each session by its person
// (data.Names.SessionWho), except where two sessions of one person have
// different other ends (a caller's two calls, to an auto attendant and to
// a call queue): those say both ends, as the tree names the session
// (sessionEnds). A meeting's rejoins, every one to the conference server,
// keep the short label. arrow[i] is where the " → " of such a label is,
// else -1: a narrow column cuts the caller, not the callee that tells the
// rows apart.
func sessionLabels(r *data.Record) (labels []string, arrow []int32) {
	names := r.Names()
	labels = make([]string, len(r.Sessions))
	arrow = make([]int32, len(r.Sessions))
	count := map[string]int{}
	for i, se := range r.Sessions {
		labels[i] = text.Clean(names.SessionWho(se))
		arrow[i] = -1
		count[labels[i]]++
	}
	ends := make([]string, len(r.Sessions))
	first := map[string]string{} // a repeated label's first ends
	differ := map[string]bool{}  // the labels whose sessions' ends differ
	for i, se := range r.Sessions {
		if count[labels[i]] < 2 {
			continue
		}
		ends[i] = sessionEnds(names, se)
		if f, ok := first[labels[i]]; !ok {
			first[labels[i]] = ends[i]
		} else if f != ends[i] {
			differ[labels[i]] = true
		}
	}
	for i, se := range r.Sessions {
		if differ[labels[i]] {
			labels[i] = ends[i]
			arrow[i] = int32(len(text.Clean(names.Label(&se.Caller))))
		}
	}
	return labels, arrow
}

// fitLabel is row se's label in w cells; a label with both ends cut
// keeps room for the callee.
func (v *timelineView) fitLabel(se int32, w int) string {
	l := v.label(se)
	a := v.arrow[se]
	if a < 0 || width(l) <= w {
		return fit(l, w)
	}
	caller, callee := l[:a], l[int(a)+len(endsArrow):]
	room := max(w-width(endsArrow), 0)
	cw := max(room-width(callee), room/3) // the callee gets two thirds, or what it needs
	return fit(text.Cut(caller, cw)+endsArrow+callee, w)
}

// sorted is the sessions in the sort's order.
func (v *timelineView) sorted() []int32 {
	if v.sort == byStart {
		return v.byTime
	}
	if o := v.orders[v.sort]; o != nil {
		return o
	}
	r := v.record()
	rank := make([]int32, len(r.Sessions)) // position by start: the tie-break
	for pos, se := range v.byTime {
		rank[se] = int32(pos)
	}
	o := slices.Clone(v.byTime)
	switch v.sort {
	case byWorst:
		slices.SortStableFunc(o, func(a, b int32) int {
			qa, qb := r.Sessions[a].Quality, r.Sessions[b].Quality
			return cmp.Or(cmp.Compare(qb.State(), qa.State()), cmp.Compare(qb.Problems(), qa.Problems()))
		})
	case byWho:
		folded := make([]string, len(v.labels))
		for i, l := range v.labels {
			folded[i] = strings.ToLower(l)
		}
		slices.SortStableFunc(o, func(a, b int32) int { return strings.Compare(folded[a], folded[b]) })
	}
	v.orders[v.sort] = o
	return o
}

// refresh works out the rows shown after a sort or a filter. A new sort
// starts at its top; a filter keeps the cursor on the same session while
// it is shown.
func (v *timelineView) refresh(keep bool) {
	cur, had := v.selected()
	had = had && keep
	order := v.sorted()
	if v.filter == "" {
		v.shown = order
	} else {
		needle := strings.ToLower(text.OneLine(v.filter))
		v.shown = make([]int32, 0, len(order))
		for _, se := range order {
			if strings.Contains(v.hay[se], needle) {
				v.shown = append(v.shown, se)
			}
		}
	}
	v.list.setSize(len(v.shown), v.list.h)
	v.list.move(-v.list.cursor)
	if had {
		v.moveTo(cur.Se)
	}
}

func (v *timelineView) View() string {
	title := v.ctx.rule(v.title()+" · enter opens", v.w, true)
	return joinLines(append([]string{title}, v.render(v.w, v.h-1, v.ctx.St)...)[:v.h])
}

// ShortHelp is the footer, most important first: a narrow footer drops
// from the end.
func (v *timelineView) ShortHelp() []key.Binding {
	k := v.ctx.Keys
	if v.typing {
		return typingHelp(k)
	}
	out := []key.Binding{short(k.NextProblem, "]", "next problem")}
	if v.ctx.Query != "" {
		out = append(out, short(k.NextMatch, "n", "next match"))
	}
	if v.presence == nil {
		return append(out, short(k.Open, "enter", "open"), short(k.Back, "esc", "back"), short(k.SortRows, "s", "sort"), short(k.FilterRows, "/", "filter"))
	}
	// The steps in the footer: "←/→ ±30s • shift+←/→ ±5m".
	return append(out, short(k.StepOn, "←/→", "±"+stepWords(v.step)), short(k.Back, "esc", "back"),
		short(k.SortRows, "s", "sort"), short(k.FilterRows, "/", "filter"), short(k.BigStepOn, "shift+←/→", "±"+stepWords(v.big)))
}

func (v *timelineView) FullHelp() [][]key.Binding { return fullHelp(v.Groups()) }
func (v *timelineView) Groups() []Group {
	k := v.ctx.Keys
	return []Group{k.moveGroup(), {"Timeline", []key.Binding{short(k.Open, "enter", "open the session in the tree"),
		k.StepBack, k.StepOn, k.BigStepBack, k.BigStepOn,
		short(k.SortRows, "s", "sort: by start, worst first, by name"),
		short(k.FilterRows, "/", "filter as you type: names, verdicts (enter keeps it, esc clears it)"),
		short(k.NextProblem, "]", "next session marked ⊘ or ✗"), short(k.PrevProblem, "[", "previous one"),
		short(k.NextMatch, "n", "next session with a match of the tree's search (/ there)"), short(k.PrevMatch, "N", "previous one"),
		short(k.Back, "esc", "clear the filter, else back to the tree"), short(k.Timeline, "t", "back to the tree")}}}
}

// selected is the session under the cursor, as a tree node.
func (v *timelineView) selected() (Node, bool) {
	if len(v.shown) == 0 {
		return Node{}, false
	}
	return Node{Level: LevelSession, Rec: v.rec, Se: v.shown[v.list.cursor]}, true
}

// moveTo puts the cursor on a session.
func (v *timelineView) moveTo(se int32) {
	for i, s := range v.shown {
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

// cursorFormat says the cursor's time to its step: seconds when it steps
// by less than a minute.
func (v *timelineView) cursorFormat() string {
	f := "15:04"
	if v.step < time.Minute {
		f = "15:04:05"
	}
	if v.t1.Sub(v.t0) >= 24*time.Hour {
		f = "Jan 2 " + f
	}
	return f
}

// tickSteps are the round intervals a timeline's ticks stand at.
var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// axis is two lines: tick labels at round times (every 5 minutes, say),
// and the rule they stand on, with ▼ over the time cursor.
func (v *timelineView) axis(barW int, st styles) (labels, rule string) {
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
	first := v.t0.Truncate(step)
	if first.Before(v.t0) {
		first = first.Add(step)
	}
	for t := first; !t.After(v.t1); t = t.Add(step) {
		c := v.col(t, barW)
		label := []rune(st.clock(t, format))
		if c+len(label) > barW {
			break
		}
		copy(lab[c:], label)
		rul[c] = '┬'
	}
	if v.presence != nil {
		c := v.col(v.at, barW)
		return string(lab), st.border.Render(string(rul[:c])) + st.title.Render("▼") + st.border.Render(string(rul[c+1:]))
	}
	return string(lab), st.border.Render(string(rul))
}

// header is the time cursor's line: "14:10 UTC · 5 in the call · 4 with
// problems".
func (v *timelineView) header(st styles) string {
	if v.presence == nil {
		return "no session has both a start and an end: no time cursor"
	}
	return st.clock(v.at, v.cursorFormat()+" MST") + " · " + v.moment.Words()
}

// labelW is the label column's width: the widest label, between 10
// cells and a third of the screen (40 at most), so that the bars keep
// two thirds.
func (v *timelineView) labelW(w int) int {
	return max(min(v.longest, w/3, 40), 10)
}

func (v *timelineView) render(w, h int, st styles) []string {
	r := v.record()
	labelW := v.labelW(w)
	barW := max(w-labelW-3, 1)
	labels, rule := v.axis(barW, st)
	pad := strings.Repeat(" ", labelW+3)
	out := []string{fit(pad+st.title.Render(v.header(st)), w), fit(pad+st.label.Render(labels), w), fit(pad+rule, w)}
	if len(v.shown) == 0 {
		why := "no sessions in this record"
		if v.filter != "" {
			why = "no session matches the filter · esc clears it"
		}
		out = append(out, fit(st.muted.Render(why), w))
	}
	cursor := -1
	if v.presence != nil {
		cursor = v.col(v.at, barW)
	}
	from, to := v.list.visible()
	for i := from; i < to; i++ {
		se := r.Sessions[v.shown[i]]
		sym, style := mark(se.Quality, st)
		label := v.fitLabel(v.shown[i], labelW)
		bar, timed := v.bar(se, barW)
		if timed && cursor >= 0 {
			bar = withMarker(bar, cursor)
		}
		if i == v.list.cursor {
			out = append(out, st.selected.Render(fit(label+" "+sym+" "+string(bar), w)))
			continue
		}
		barStyle := style
		if sym == markUnclassified || !timed {
			barStyle = st.muted
		}
		line := label + " " + style.Render(sym) + " "
		if timed && cursor >= 0 {
			line += barStyle.Render(string(bar[:cursor])) + st.title.Render(string(bar[cursor])) + barStyle.Render(string(bar[cursor+1:]))
		} else {
			line += barStyle.Render(string(bar))
		}
		out = append(out, fit(line, w))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out[:max(h, 0)]
}

// withMarker is a bar with the time cursor's column c drawn over it: ┿
// on the bar, │ off it.
func withMarker(bar []rune, c int) []rune {
	for len(bar) <= c {
		bar = append(bar, ' ')
	}
	switch bar[c] {
	case '━':
		bar[c] = '┿'
	case ' ':
		bar[c] = '│'
	}
	return bar
}

// bar is a session's span on the axis: "   ━━━━━━", ending in ⊘ when it
// failed; "(no times)", and false, when it lacks them.
func (v *timelineView) bar(se *data.Session, w int) ([]rune, bool) {
	if se.Start.IsZero() || se.End.IsZero() || !v.t1.After(v.t0) {
		return []rune("(no times)"), false
	}
	a, b := v.col(se.Start, w), v.col(se.End, w)
	cells := []rune(strings.Repeat(" ", b+1))
	for c := a; c <= b; c++ {
		cells[c] = '━'
	}
	if se.Quality.State() == data.StateFailed {
		cells[b] = []rune(markFailed)[0]
	}
	return cells, true
}

// title says the axis and the rows: "Timeline · 14:00 – 14:35 UTC · 2/6
// of 6 sessions · by start".
func (v *timelineView) title() string {
	at := 0
	if len(v.shown) > 0 {
		at = v.list.cursor + 1
	}
	rows := fmt.Sprintf("%d/%d of %s · %s", at, len(v.shown), text.Plural(len(v.byTime), "session"), v.sort)
	rows += filterWords(v.filter, v.typing)
	if v.t0.IsZero() {
		return "Timeline · " + rows
	}
	st, format := v.ctx.St, v.tickFormat()
	return fmt.Sprintf("Timeline · %s – %s · %s", st.clock(v.t0, format), st.clock(v.t1, format+" MST"), rows)
}
