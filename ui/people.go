package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/participants"
	"github.com/callscope/callscope/text"
)

// recordPeople is a record's participants, built on the first p (or t)
// and kept: building them reads every stream (297 ms at 1 GB).
type recordPeople struct {
	list     *participants.List
	presence *participants.Presence // for the timeline's cursor, on first use
	view     *peopleView            // the participants view as the user left it
}

// peopleOf is rec's participants, built on first use.
func (c *Context) peopleOf(rec int32) *recordPeople {
	if c.people == nil {
		c.people = map[int32]*recordPeople{}
	}
	rp := c.people[rec]
	if rp == nil {
		rp = &recordPeople{list: participants.New(participants.Build(c.File.Records[rec]))}
		c.people[rec] = rp
	}
	return rp
}

// presenceOf is rec's sessions indexed by participant, for the timeline's
// header: built once, then one pass over the sessions a cursor step.
func (c *Context) presenceOf(rec int32) *participants.Presence {
	rp := c.peopleOf(rec)
	if rp.presence == nil {
		rp.presence = participants.NewPresence(c.File.Records[rec], rp.list.Rows)
	}
	return rp.presence
}

// peopleView lists a call's participants: who, what kind, how many
// sessions, the worst verdict and audio measurement, the connection, the
// platform and the address; sorted by s, filtered by / as one types.
type peopleView struct {
	base
	rec    int32
	people *participants.List
	choice participants.View // the sort and the filter
	shown  []int32           // the rows choice shows: indices into people.Rows
	typing bool              // / is taking the keys: they type the filter
	list   list
}

func init() {
	registerView(func(k *KeyMap) key.Binding { return k.People }, func(c *Context) Component {
		return c.openPeople(c.Tree.Selected().Rec)
	})
}

// openPeople is rec's participants view: the one the user left, or a new
// one on the first p.
func (c *Context) openPeople(rec int32) *peopleView {
	rp := c.peopleOf(rec)
	if rp.view == nil {
		rp.view = newPeopleView(c, rec)
	}
	rp.view.typing = false
	return rp.view
}

func newPeopleView(ctx *Context, rec int32) *peopleView {
	v := &peopleView{base: base{ctx: ctx}, rec: rec, people: ctx.peopleOf(rec).list}
	v.refresh(false)
	return v
}

// SetSize: the list has the box less the title rule and the heading.
func (v *peopleView) SetSize(w, h int) {
	v.base.SetSize(w, h)
	v.list.setSize(len(v.shown), v.h-2)
}

// Capturing tells the Model that / is taking every key (q is a letter).
func (v *peopleView) Capturing() bool { return v.typing }

func (v *peopleView) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := v.ctx, v.ctx.Keys
	if v.typing {
		return nil, typing(msg, k, &v.typing, v.choice.Filter, v.setFilter, &v.list)
	}
	switch {
	case v.list.handleKey(msg, k):
	case key.Matches(msg, k.Open):
		p := v.selected()
		if p == nil {
			return nil, true
		}
		c.setPerson(p.Name, v.rec, p.Sessions)
		if c.Tree.Rows() > 1 {
			c.Tree.MoveTo(1) // their first session, and its findings
		}
		c.Focus = focusTree
		c.closeView()
	case key.Matches(msg, k.SortRows):
		v.choice.Sort = v.choice.Sort.Next()
		v.refresh(false)
	case key.Matches(msg, k.FilterRows):
		v.typing = true
	case key.Matches(msg, k.Back) && v.choice.Filter != "":
		v.setFilter("") // esc peels the filter first, then leaves
	case key.Matches(msg, k.Back), key.Matches(msg, k.People):
		c.closeView()
	default:
		return nil, false
	}
	return nil, true
}

func (v *peopleView) setFilter(f string) {
	if f == v.choice.Filter {
		return
	}
	v.choice.Filter = f
	v.refresh(true)
}

// refresh works out the rows shown after a sort or a filter. A new sort
// starts at its top (worst first shows the worst); a filter keeps the
// cursor on the same person while they are shown, so that esc after
// finding someone leaves the cursor on them.
func (v *peopleView) refresh(keep bool) {
	cur := int32(-1)
	if len(v.shown) > 0 && keep {
		cur = v.shown[v.list.cursor]
	}
	v.shown = v.people.Visible(v.choice, v.shown)
	v.list.setSize(len(v.shown), v.list.h)
	at := 0
	for i, r := range v.shown {
		if r == cur {
			at = i
			break
		}
	}
	v.list.move(at - v.list.cursor)
}

func (v *peopleView) View() string {
	title := v.ctx.rule(v.title(), v.w, true)
	return joinLines(append([]string{title}, v.render(v.w, v.h-1, v.ctx.St)...)[:v.h])
}

// title is "Participants · 2/4 of 6 participants · worst first · /wi-fi".
func (v *peopleView) title() string {
	at := 0
	if len(v.shown) > 0 {
		at = v.list.cursor + 1
	}
	t := "Participants · " + participants.Title(at, len(v.shown), len(v.people.Rows)) + " · " + v.choice.Sort.String()
	return t + filterWords(v.choice.Filter, v.typing)
}

// filterWords is a view's filter in its title: " · /wi-fi▏" while typing.
func filterWords(f string, typing bool) string {
	switch {
	case typing:
		return " · /" + text.OneLine(f) + "▏"
	case f != "":
		return " · /" + text.OneLine(f)
	}
	return ""
}

func (v *peopleView) ShortHelp() []key.Binding {
	k := v.ctx.Keys
	if v.typing {
		return typingHelp(k)
	}
	// Most important first: a narrow footer drops the last.
	return []key.Binding{short(k.Open, "enter", "their sessions"), short(k.Back, "esc", "back"),
		short(k.SortRows, "s", "sort"), short(k.FilterRows, "/", "filter")}
}

func (v *peopleView) FullHelp() [][]key.Binding { return fullHelp(v.Groups()) }
func (v *peopleView) Groups() []Group {
	k := v.ctx.Keys
	return []Group{k.moveGroup(), {"Participants", []key.Binding{short(k.Open, "enter/→/l", "show the participant's sessions in the tree"),
		short(k.SortRows, "s", "sort: worst first, name, sessions, worst audio loss, worst round trip, Wi-Fi signal"),
		short(k.FilterRows, "/", "filter as you type: any column (enter keeps it, esc clears it)"),
		short(k.Back, "esc", "clear the filter, else back to the tree"), short(k.People, "p", "back to the tree")}}}
}

// typingHelp is a view's footer while / takes the keys.
func typingHelp(k *KeyMap) []key.Binding {
	return []key.Binding{short(k.SearchRun, "enter", "keep the filter"), short(k.SearchClose, "esc", "clear it"),
		short(k.PickDown, "↓/↑", "move")}
}

// typing handles a key while a view's / filter takes the keys: the filter
// typed (set), done (enter, esc), or the arrows moving the list; false
// for any other key.
func typing(msg tea.KeyPressMsg, k *KeyMap, on *bool, filter string, set func(string), l *list) bool {
	if f, done, ok := typeFilter(msg, k, filter); ok {
		*on = !done
		set(f)
		return true
	}
	return l.handleArrows(msg)
}

// typeFilter is a key typed into a view's filter: the filter after it,
// whether typing is done (enter keeps the filter, esc clears it), and
// whether the key was one of these.
func typeFilter(msg tea.KeyPressMsg, k *KeyMap, f string) (string, bool, bool) {
	switch {
	case key.Matches(msg, k.SearchRun):
		return f, true, true
	case key.Matches(msg, k.SearchClose):
		return "", true, true
	}
	f, ok := EditFilter(f, msg)
	return f, false, ok
}

// handleArrows moves on ↑ and ↓ alone (letters type while filtering).
func (l *list) handleArrows(msg tea.KeyPressMsg) bool {
	switch msg.Code {
	case tea.KeyDown:
		l.move(1)
	case tea.KeyUp:
		l.move(-1)
	default:
		return false
	}
	return true
}

func (v *peopleView) selected() *participants.Row {
	if len(v.shown) == 0 {
		return nil
	}
	return &v.people.Rows[v.shown[v.list.cursor]]
}

// A peopleCol is one column of the participants view.
type peopleCol uint8

const (
	colRole peopleCol = iota
	colSessions
	colMetric
	colConnection
	colPlatform
	colAddress
	peopleCols
)

// peopleLayout is the columns' widths at a screen width (0: dropped) and
// the name's. The metric, the connection and the sessions come first, then
// room for a whole name; narrow screens drop the address first, then the
// platform and the role (the role, shorter, may still fit; 14 holds
// "Auto attendant").
func peopleLayout(w int) (name int, cols [peopleCols]int) {
	want := [peopleCols]int{colRole: 14, colSessions: 8, colMetric: 20, colConnection: 20, colPlatform: 14, colAddress: 30}
	const gap = 2
	name = 14
	room := w - 3 - name // the mark, and the shortest name
	grow := func(to int) {
		more := max(min(room, to-name), 0)
		name += more
		room -= more
	}
	const wholeName = peopleCols // not a column: room for a whole name first
	for _, c := range []peopleCol{colMetric, colConnection, colSessions, wholeName, colPlatform, colRole, colAddress} {
		if c == wholeName {
			grow(24)
			continue
		}
		if want[c]+gap <= room {
			cols[c] = want[c]
			room -= want[c] + gap
		}
	}
	grow(32)
	// What is left widens the columns that run long.
	for _, c := range []peopleCol{colConnection, colAddress, colPlatform} {
		if cols[c] > 0 && room > 0 {
			more := min(room, 8)
			cols[c] += more
			room -= more
		}
	}
	return name, cols
}

var peopleHeads = [peopleCols]string{colRole: "role", colSessions: "sessions", colMetric: "worst audio",
	colConnection: "connection", colPlatform: "platform", colAddress: "reflexive IP / subnet"}

func (v *peopleView) render(w, h int, st styles) []string {
	nameW, cols := peopleLayout(w)
	heads := peopleHeads
	switch v.choice.Sort {
	case participants.ByLoss:
		heads[colMetric] = "worst loss"
	case participants.ByRoundTrip:
		heads[colMetric] = "worst round trip"
	}
	var hb strings.Builder
	hb.WriteString("   " + fit("participant", nameW))
	for c, cw := range cols {
		if cw > 0 {
			hb.WriteString("  " + cellText(heads[c], cw, peopleCol(c) == colSessions))
		}
	}
	out := []string{fit(st.label.Render(hb.String()), w)}
	if len(v.shown) == 0 {
		why := "   no participants in this record"
		if v.choice.Filter != "" {
			why = "   nobody matches the filter · esc clears it"
		}
		out = append(out, fit(st.muted.Render(why), w))
	}
	from, to := v.list.visible()
	for i := from; i < to; i++ {
		out = append(out, v.row(&v.people.Rows[v.shown[i]], nameW, cols, w, i == v.list.cursor, st))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out[:max(h, 0)]
}

// row is one participant. The value that crossed a limit (the audio
// measurement, a weak Wi-Fi signal) is in its verdict's colour and marked,
// so that it still shows without colour and under the cursor.
func (v *peopleView) row(p *participants.Row, nameW int, cols [peopleCols]int, w int, selected bool, st styles) string {
	sym, style := mark(p.Quality, st)
	if selected {
		style, st.poor, st.warning = paint{}, paint{}, paint{}
	}
	var b strings.Builder
	b.WriteString(" " + style.Render(sym) + " " + fit(p.Name, nameW)) // Row's text is clean already
	for c, cw := range cols {
		if cw == 0 {
			continue
		}
		b.WriteString("  ")
		switch peopleCol(c) {
		case colRole:
			b.WriteString(fit(p.Role, cw))
		case colSessions:
			b.WriteString(cellText(strconv.Itoa(len(p.Sessions)), cw, true))
		case colMetric:
			m := p.Shown(v.choice.Sort)
			switch {
			case m.Words == "":
				b.WriteString(fit("", cw))
			case m.Over:
				b.WriteString(st.poor.Render(fit(markProblem+" "+m.Words, cw)))
			default:
				b.WriteString(fit("  "+m.Words, cw))
			}
		case colConnection:
			if p.WeakWifi() {
				b.WriteString(st.warning.Render(fit(markWarning+" "+p.Connection, cw)))
			} else {
				b.WriteString(fit(p.Connection, cw))
			}
		case colPlatform:
			b.WriteString(fit(p.Platform, cw))
		case colAddress:
			b.WriteString(fit(p.Address(), cw))
		}
	}
	line := fit(b.String(), w)
	if selected {
		return v.ctx.St.selected.Render(line)
	}
	return line
}

// cellText fits s to w cells, on the right for numbers.
func cellText(s string, w int, right bool) string {
	if right && width(s) < w {
		return strings.Repeat(" ", w-width(s)) + s
	}
	return fit(s, w)
}
