package ui

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	blist "charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
)

// ListRow is one call record of a list, in words.
func ListRow(r *data.Record) string {
	dur := "—"
	if d := r.Duration(); d >= 0 {
		dur = text.FormatSpan(d)
	}
	// Padded by display width, not runes: a CJK organizer takes two cells
	// a character.
	return pad(text.TimeText(r.Start), 23) + " " + strings.Repeat(" ", max(8-width(dur), 0)) + dur + "  " + pad(words("type", r.Type), 11) + " " +
		pad(text.Clean(strings.Join(r.Modalities, ",")), 28) + " " + pad(clean(r.OrganizerName()), 24) + " " + text.Clean(r.ID)
}

// picker lets the user choose a call record: type to filter, enter picks.
// A bubbles list (paging, the cursor) drawn with callscope's theme; the
// filter is callscope's own input and a case-insensitive substring match.
// The newest record comes first; the one under the cursor has its whole id
// on the last line (a row cuts it on a narrow terminal).
type picker struct {
	base
	keys    KeyMap
	records []*data.Record // newest first
	input   textinput.Model
	list    blist.Model
	chosen  string
	note    string // what went wrong opening the last record chosen
}

// PickOptions are where the picker starts, when it shows again after a
// record failed to open: on that record, saying why.
type PickOptions struct {
	Selected string // the id of the record under the cursor
	Err      error  // why it did not open
}

// newestFirst is records by start, the newest first; records without a
// start last, in their order.
func newestFirst(records []*data.Record) []*data.Record {
	out := slices.Clone(records)
	slices.SortStableFunc(out, func(a, b *data.Record) int {
		switch {
		case a.Start.IsZero() && b.Start.IsZero():
			return 0
		case a.Start.IsZero():
			return 1
		case b.Start.IsZero():
			return -1
		}
		return b.Start.Compare(a.Start)
	})
	return out
}

// pickerItem is one record's row.
type pickerItem struct {
	rec int
	row string // ListRow: what the filter searches
}

func (i pickerItem) FilterValue() string { return i.row }

func newPicker(records []*data.Record, o PickOptions) *picker {
	records = newestFirst(records)
	p := &picker{records: records, keys: DefaultKeyMap(), input: textinput.New()}
	if o.Err != nil {
		p.note = "could not open " + text.OneLine(o.Selected) + ": " + text.OneLine(o.Err.Error())
	}
	p.ctx = &Context{Keys: &p.keys}
	p.input.Prompt = "filter: "
	p.input.Focus()
	items := make([]blist.Item, len(records))
	for i, r := range records {
		items[i] = pickerItem{i, ListRow(r)}
	}
	p.list = blist.New(items, pickerDelegate{p}, 0, 0)
	p.list.SetShowTitle(false)
	p.list.SetShowStatusBar(false)
	p.list.SetShowHelp(false)
	p.list.SetShowFilter(false)
	p.list.SetShowPagination(false)
	p.list.DisableQuitKeybindings() // its keys never reach it: the key map drives it
	p.list.Filter = substringFilter
	p.restyle(true)
	if i := slices.IndexFunc(records, func(r *data.Record) bool { return r.ID == o.Selected }); i >= 0 && o.Selected != "" {
		p.list.Select(i)
	}
	return p
}

// substringFilter keeps the rows holding term, ignoring case, in order
// (the list's default is fuzzy and sorted by score).
func substringFilter(term string, targets []string) []blist.Rank {
	q := strings.ToLower(term)
	var out []blist.Rank
	for i, t := range targets {
		if strings.Contains(strings.ToLower(t), q) {
			out = append(out, blist.Rank{Index: i})
		}
	}
	return out
}

// restyle paints the picker in the dark or light theme: the list's own
// styles are dark whatever the terminal.
func (p *picker) restyle(dark bool) {
	p.ctx.Theme = theme.New(dark)
	p.ctx.St = newStyles(p.ctx.Theme)
	p.list.Styles = blist.DefaultStyles(dark)
	p.input.SetStyles(inputStyles(p.ctx.Theme))
}

// inputStyles are the pickers' and the log table's input in theme th: the
// prompt as a label, a cursor that does not blink (a blink is a redraw
// every half second).
func inputStyles(th theme.Theme) textinput.Styles {
	st := textinput.DefaultStyles(th.Dark)
	st.Cursor.Blink = false
	st.Focused.Prompt = th.Label
	return st
}

// programOptions are how the pickers and the log table run: on output
// (nil: standard output) in profile (nil: the terminal's).
func programOptions(output io.Writer, profile *colorprofile.Profile) []tea.ProgramOption {
	var popts []tea.ProgramOption
	if profile != nil {
		popts = append(popts, tea.WithColorProfile(*profile))
	}
	if output != nil {
		popts = append(popts, tea.WithOutput(output))
	}
	return popts
}

// fullScreen is a picker's or the log table's frame: the alternate screen,
// titled callscope.
func fullScreen(s string) tea.View {
	v := tea.NewView(s)
	v.AltScreen = true
	v.WindowTitle = "callscope"
	return v
}

func (p *picker) Restyle() { p.restyle(p.ctx.Theme.Dark) }

// SetSize: a header, the input and the column heading over the rows, the
// chosen record's id (or why it did not open) under them.
func (p *picker) SetSize(w, h int) {
	p.base.SetSize(w, h)
	p.input.SetWidth(max(p.w-10, 1))
	p.list.SetSize(max(p.w, 1), max(p.h-5, 1))
	p.list.Select(p.list.Index()) // keep the cursor's page
}

// Init asks the terminal's background: the picker starts dark.
func (p *picker) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (p *picker) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.BackgroundColorMsg); ok {
		p.restyle(msg.IsDark())
	}
	return nil
}

func (p *picker) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &p.keys
	switch {
	case key.Matches(msg, k.PickQuit):
		return tea.Quit, true
	case key.Matches(msg, k.PickOpen):
		it, ok := p.list.SelectedItem().(pickerItem)
		if !ok { // no row matches: nothing to open, the picker stays
			p.note = "no record to open: change the filter, or esc quits"
			return nil, true
		}
		p.chosen = p.records[it.rec].ID
		return tea.Quit, true
	case key.Matches(msg, k.PickDown):
		p.list.CursorDown()
	case key.Matches(msg, k.PickUp):
		p.list.CursorUp()
	case key.Matches(msg, k.PickPageDown):
		p.list.NextPage()
	case key.Matches(msg, k.PickPageUp):
		p.list.PrevPage()
	default: // every other key types the filter
		p.note = ""
		before := p.input.Value()
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		if v := p.input.Value(); v != before {
			if v == "" {
				p.list.ResetFilter()
			} else {
				p.list.SetFilterText(v)
			}
		}
		return cmd, true
	}
	return nil, true
}

func (p *picker) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	st := p.ctx.St
	shown := len(p.list.VisibleItems())
	lines := []string{
		fit(st.header.Render("callscope")+st.muted.Render(fmt.Sprintf(" · %d of %d call records · ", shown, len(p.records))+
			p.hint()), p.w),
		fit(p.input.View(), p.w),
		fit(st.label.Render(fmt.Sprintf("%-23s %8s  %-11s %-28s %-24s %s", "start", "length", "type", "modalities", "organizer", "id")), p.w),
	}
	if shown == 0 {
		lines = append(lines, fit(st.muted.Render("no call record matches"), p.w))
	} else {
		lines = append(lines, strings.Split(p.list.View(), "\n")...)
	}
	var foot []string
	switch it, ok := p.list.SelectedItem().(pickerItem); {
	case p.note != "":
		// Wrapped, so that its remedy at the end shows; at most half the
		// screen, the rows keep the rest.
		foot = paragraph(p.note, p.w, st.failure)
		foot = foot[:min(len(foot), max(p.h/2, 1))]
	case ok:
		foot = []string{fit(st.label.Render("id ")+text.Clean(p.records[it.rec].ID), p.w)}
	}
	lines = append(padLines(lines, spaces(p.w), max(p.h-max(len(foot), 1), 0)), foot...)
	return strings.Join(lines[:min(len(lines), p.h)], "\n")
}

// hint is the header's short help, from the key map.
func (p *picker) hint() string {
	var parts []string
	for _, b := range p.ShortHelp() {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return "type to filter · " + strings.Join(parts, " · ")
}

func (p *picker) ShortHelp() []key.Binding {
	k := &p.keys
	return []key.Binding{short(k.PickDown, "↑↓", "choose"), short(k.PickOpen, "enter", "opens"), short(k.PickQuit, "esc", "quits")}
}
func (p *picker) FullHelp() [][]key.Binding { return fullHelp(p.Groups()) }
func (p *picker) Groups() []Group           { return []Group{p.keys.pickerGroup()} }

// pickerDelegate draws a row: the ListRow, the cursor's in reverse video.
type pickerDelegate struct{ p *picker }

func (d pickerDelegate) Height() int                          { return 1 }
func (d pickerDelegate) Spacing() int                         { return 0 }
func (d pickerDelegate) Update(tea.Msg, *blist.Model) tea.Cmd { return nil }
func (d pickerDelegate) Render(w io.Writer, m blist.Model, index int, item blist.Item) {
	row := fit(item.(pickerItem).row, m.Width())
	if index == m.Index() {
		row = d.p.ctx.St.selected.Render(row)
	}
	io.WriteString(w, row)
}

// pickerProgram runs the picker as a Bubble Tea program.
type pickerProgram struct{ p *picker }

func (a pickerProgram) Init() tea.Cmd { return a.p.Init() }

func (a pickerProgram) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.p.SetSize(msg.Width, msg.Height)
	case tea.KeyPressMsg:
		cmd, _ := a.p.HandleKey(msg)
		return a, cmd
	default:
		return a, a.p.Update(msg)
	}
	return a, nil
}

func (a pickerProgram) View() tea.View { return fullScreen(a.p.View()) }

// Pick shows records, newest first, and returns the id of the one chosen,
// "" if none. It starts dark and follows the terminal's background when it
// answers; o says where it starts (again, after a record failed to open).
func Pick(records []*data.Record, profile *colorprofile.Profile, o PickOptions) (string, error) {
	p := newPicker(records, o)
	if _, err := tea.NewProgram(pickerProgram{p}, programOptions(nil, profile)...).Run(); err != nil {
		return "", err
	}
	return p.chosen, nil
}
