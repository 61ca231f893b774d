package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/problems"
	"github.com/callscope/callscope/text"
)

// problemsView is the problems list (!): one row per failure, poor stream
// and problem or warning finding of a record (package problems), filtered
// as you type, narrowed, sorted and copied in place. It is built once per
// record, on the first !, and kept: enter opens a row in the tree, and esc
// or ! there comes back to the list as it was left. Only the rows on
// screen are drawn.
type problemsView struct {
	base
	rec    int
	list   *problems.List
	view   problems.View
	shown  []int32 // list.Visible(view): indices into list.Rows
	cur    list    // the cursor over shown
	prompt filterPrompt
	whoW   int // the widest who of the list, worked out once (problemColumns)
}

func init() {
	registerView(func(k *KeyMap) key.Binding { return k.Problems }, func(c *Context) Component {
		return problemsFor(c, int(c.Tree.Selected().Rec))
	})
}

// problemsFor is the record's problems list: built on first use, then the
// same one, where it was left.
func problemsFor(c *Context, rec int) *problemsView {
	if v := c.problems[rec]; v != nil {
		return v
	}
	if c.problems == nil {
		c.problems = map[int]*problemsView{}
	}
	v := newProblemsView(c, rec)
	c.problems[rec] = v
	return v
}

// problemRows are record rec's problems, with what the PSTN and Direct
// Routing logs matched to its legs say.
func (c *Context) problemRows(rec int) []problems.Row {
	r := c.File.Records[rec]
	if pc := c.Tree.pstn.call(int32(rec)); pc != nil {
		return problems.BuildWith(r, pc.Findings())
	}
	return problems.Build(r)
}

func newProblemsView(c *Context, rec int) *problemsView {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "who, what, media, category"
	st := in.Styles()
	st.Cursor.Blink = false // a blink is a redraw a half second
	in.SetStyles(st)
	v := &problemsView{base: base{ctx: c}, rec: rec, list: problems.New(c.problemRows(rec)), prompt: filterPrompt{input: in}}
	v.shown = v.list.Visible(v.view, nil)
	v.cur.setSize(len(v.shown), 0)
	for i := range v.list.Rows {
		v.whoW = max(v.whoW, width(v.list.Rows[i].Who))
	}
	return v
}

// problemsPromptHint follows the filter prompt.
const problemsPromptHint = "  enter keeps · esc clears"

// Init: the footer's status is the tree's; the list says its own.
func (v *problemsView) Init() tea.Cmd {
	v.ctx.Status = ""
	return nil
}

// SetSize: the rows have the box less the title rule, the heading and,
// while open, the prompt.
func (v *problemsView) SetSize(w, h int) {
	v.base.SetSize(w, h)
	v.prompt.input.SetWidth(max(v.w-width(v.prompt.input.Prompt)-width(problemsPromptHint)-1, 1)) // -1: the cursor's cell
	v.cur.setSize(len(v.shown), v.rowsH())
}

func (v *problemsView) rowsH() int {
	h := v.h - 2
	if v.prompt.open {
		h--
	}
	return max(h, 0)
}

// Capturing is whether the prompt takes every key (q is a letter there).
func (v *problemsView) Capturing() bool { return v.prompt.open }

func (v *problemsView) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := v.ctx, v.ctx.Keys
	if v.prompt.open {
		return v.promptKey(msg), true
	}
	c.Status = ""
	switch {
	case v.cur.handleKey(msg, k):
	case key.Matches(msg, k.Search):
		v.prompt.open = true
		v.cur.setSize(len(v.shown), v.rowsH())
		v.prompt.input.SetValue(v.view.Filter)
		v.prompt.input.CursorEnd()
		return v.prompt.input.Focus(), true
	case key.Matches(msg, k.ProblemSeverity):
		v.view.CycleSeverity()
		v.refresh(true)
	case key.Matches(msg, k.ProblemMedia):
		v.view.CycleMedia()
		v.refresh(true)
	case key.Matches(msg, k.ProblemCategory):
		v.view.CycleCategory()
		v.refresh(true)
	case key.Matches(msg, k.SortRows):
		v.view.CycleSort()
		v.refresh(true)
	case key.Matches(msg, k.ProblemClear):
		v.view = problems.View{Sort: v.view.Sort}
		v.refresh(true)
	case key.Matches(msg, k.Copy):
		return v.copy(), true
	case key.Matches(msg, k.Open):
		v.open()
	case key.Matches(msg, k.Back), key.Matches(msg, k.Problems):
		c.Status = c.filterStatus()
		c.closeView()
	default:
		return nil, false
	}
	return nil, true
}

// promptKey types into the filter, which applies as it is typed; enter
// keeps it, esc clears it. Either closes the prompt.
func (v *problemsView) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	f, closed, cmd := v.prompt.key(msg, v.ctx.Keys)
	v.setFilter(f)
	if closed {
		v.cur.setSize(len(v.shown), v.rowsH())
	}
	return cmd
}

// setFilter filters the rows by what is typed, from the first match.
func (v *problemsView) setFilter(f string) {
	if f == v.view.Filter {
		return
	}
	v.view.Filter = f
	v.refresh(false)
}

// refresh works out the rows shown again; keep leaves the cursor on its
// row if that still shows (a sort or a narrowing), else it goes to the top.
func (v *problemsView) refresh(keep bool) {
	sel := int32(-1)
	if len(v.shown) > 0 {
		sel = v.shown[v.cur.cursor]
	}
	v.shown = v.list.Visible(v.view, v.shown)
	v.cur.setSize(len(v.shown), v.rowsH())
	at := 0
	if keep {
		at = max(slices.Index(v.shown, sel), 0)
	}
	v.cur.move(at - v.cur.cursor)
}

// selected is the row under the cursor.
func (v *problemsView) selected() *problems.Row {
	if len(v.shown) == 0 {
		return nil
	}
	return &v.list.Rows[v.shown[v.cur.cursor]]
}

// open shows the row's node in the tree, its path expanded and selected,
// and remembers the list for esc and ! there.
func (v *problemsView) open() {
	c := v.ctx
	r := v.selected()
	if r == nil {
		return
	}
	at := r.At
	at.Rec = v.rec
	n := nodeOf(at)
	if !c.Tree.visibleUnderFilter(n) {
		c.clearFilter()
	}
	c.Tree.Reveal(n)
	c.Focus = focusTree
	c.closeView()
	c.back = v
	c.Status = "esc or ! goes back to the problems list"
}

// copy puts the rows shown on the clipboard as a markdown table, as the
// copy prompt does with a row (the last copy is kept for --print-on-exit,
// even when it is too big for the terminal's clipboard).
func (v *problemsView) copy() tea.Cmd {
	md := v.list.Markdown(v.shown)
	return v.ctx.copyText(md, "problems markdown", text.Plural(len(v.shown), "problem")+", "+sizeText(int64(len(md))))
}

// title is "12 of 44692 problems · most severe first · problem · audio ·
// “wi-fi”": what is shown, in what order, narrowed how.
func (v *problemsView) title() string {
	parts := []string{problems.Title(len(v.shown), len(v.list.Rows)), v.view.Sort.String()}
	if n := v.view.Narrowed(); n != "" {
		parts = append(parts, n)
	}
	if f := text.OneLine(v.view.Filter); f != "" && !v.prompt.open {
		parts = append(parts, "“"+f+"”")
	}
	return strings.Join(parts, " · ")
}

func (v *problemsView) View() string {
	if v.h <= 0 {
		return ""
	}
	out := make([]string, 0, v.h)
	out = append(out, v.ctx.rule(v.title(), v.w, true))
	out = append(out, v.rows(v.ctx.St)...)
	if v.prompt.open {
		out = append(out, fit(v.prompt.input.View()+v.ctx.St.muted.Render(problemsPromptHint), v.w))
	}
	return joinLines(padLines(out, spaces(v.w), v.h))
}

// problemCols are the widths of who and what, and whether the when, media and
// category columns show: a narrow screen drops category, then media, then
// when; who and what stay.
type problemCols struct {
	who, what             int
	when, media, category bool
}

const (
	markW     = 3  // " ✗ "
	whenW     = 8  // " 1:02:04"
	mediaW    = 15 // " screen sharing"
	categoryW = 9  // " feedback"
	whatW     = 40 // what keeps this much before who grows
)

// problemColumns lays the columns out at width w for a list whose widest
// who is whoW: who as wide as that, as long as what keeps 40 cells of what
// the mark, when, media and category leave, or three fifths of it on a
// narrow screen ("PSTN leg +14255550142 via sbc1.contoso.com" fits at 120
// columns); what the rest.
func problemColumns(w, whoW int) problemCols {
	c := problemCols{when: w >= 50, media: w >= 100, category: w >= 120}
	rest := w - markW
	for _, col := range []struct {
		on bool
		w  int
	}{{c.when, whenW}, {c.media, mediaW}, {c.category, categoryW}} {
		if col.on {
			rest -= col.w
		}
	}
	c.who = max(min(whoW, max(rest-1-whatW, rest*2/5)), len("who"))
	c.what = max(rest-c.who-1, 0)
	return c
}

// rows are the heading and the rows on screen, rowsH of them.
func (v *problemsView) rows(st styles) []string {
	w := v.w
	cols := problemColumns(w, v.whoW)
	head := spaces(markW) + fit("who", cols.who) + " " + fit("what", cols.what)
	if cols.media {
		head += " " + fit("media", mediaW-1)
	}
	if cols.category {
		head += " " + fit("category", categoryW-1)
	}
	if cols.when {
		head += " " + cellText("when", whenW-1, true)
	}
	out := []string{fit(st.label.Render(head), w)}
	if len(v.shown) == 0 {
		msg := "   no problems: no failure, no poor stream, no problem or warning finding"
		if len(v.list.Rows) > 0 {
			msg = "   no problem shows: x clears the filter and the narrowing"
		}
		out = append(out, fit(st.muted.Render(msg), w))
	}
	from, to := v.cur.visible()
	for i := from; i < to; i++ {
		r := &v.list.Rows[v.shown[i]]
		rest := fit(r.Who, cols.who) + " " + fit(r.What, cols.what)
		if cols.media {
			rest += " " + fit(r.Media.String(), mediaW-1)
		}
		if cols.category {
			rest += " " + fit(r.Category.String(), categoryW-1)
		}
		if cols.when {
			rest += " " + cellText(r.When(), whenW-1, true)
		}
		if i == v.cur.cursor {
			// One style over the whole row: inner colours would end the reverse.
			out = append(out, st.selected.Render(fit(" "+r.Severity.Mark()+" "+rest, w)))
			continue
		}
		line := fit(" "+severityStyle(r.Severity, st).Render(r.Severity.Mark())+" "+rest, w)
		out = append(out, highlight(line, text.OneLine(v.view.Filter), st.match))
	}
	return padLines(out, "", v.rowsH()+1)
}

// severityStyle is the verdict colour of a severity, as the tree colours
// its marks.
func severityStyle(s problems.Severity, st styles) paint {
	switch s {
	case problems.Failed:
		return st.failure
	case problems.Problem:
		return st.poor
	}
	return st.warning
}

// ShortHelp is the footer: the narrowing keys say the narrowing in force.
func (v *problemsView) ShortHelp() []key.Binding {
	k := v.ctx.Keys
	if v.prompt.open {
		return []key.Binding{short(k.SearchRun, "enter", "keep the filter"), short(k.SearchClose, "esc", "clear it")}
	}
	narrow := func(b key.Binding, what string, m problems.Mask, name func() string) key.Binding {
		if m == 0 {
			return short(b, b.Help().Key, what)
		}
		return short(b, b.Help().Key, what+": "+name())
	}
	only := problems.View{Severities: v.view.Severities}
	sev := narrow(k.ProblemSeverity, "severity", v.view.Severities, only.Narrowed)
	only = problems.View{Media: v.view.Media}
	media := narrow(k.ProblemMedia, "media", v.view.Media, only.Narrowed)
	only = problems.View{Categories: v.view.Categories}
	cat := narrow(k.ProblemCategory, "category", v.view.Categories, only.Narrowed)
	// Most important first: a narrow footer drops from the end.
	return []key.Binding{short(k.Open, "enter", "open"), short(k.Back, "esc", "back"), short(k.Search, "/", "filter"), sev, media, cat,
		short(k.SortRows, "s", "sort"), short(k.Copy, "y", "copy")}
}

func (v *problemsView) FullHelp() [][]key.Binding { return fullHelp(v.Groups()) }

func (v *problemsView) Groups() []Group {
	k := v.ctx.Keys
	// s is the lists' one sort key; here it says the list's orders.
	g := k.problemsGroup()
	g.Keys = slices.Insert(g.Keys, 4, short(k.SortRows, "s", "next sort: most severe first, by who, by time"))
	return []Group{k.moveGroup(), g, {"Filter prompt", []key.Binding{
		short(k.SearchRun, "enter", "keep the filter"), short(k.SearchClose, "esc", "clear the filter")}}}
}
