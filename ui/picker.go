package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// ListRow is one call record of a list, in words.
func ListRow(r *data.Record) string {
	dur := "—"
	if d := r.Duration(); d >= 0 {
		dur = text.FormatSpan(d)
	}
	// Padded by display width, not runes: a CJK organizer takes two cells
	// a character.
	return pad(text.TimeText(r.Start), 23) + " " + strings.Repeat(" ", max(8-width(dur), 0)) + dur + "  " + pad(clean(r.Type), 11) + " " +
		pad(text.Clean(strings.Join(r.Modalities, ",")), 28) + " " + pad(clean(r.OrganizerName()), 24) + " " + text.Clean(r.ID)
}

// picker lets the user choose a call record: type to filter, enter picks.
type picker struct {
	records []*data.Record
	rows    []string // ListRow of each record, searched by the filter
	shown   []int    // indices of the records the filter keeps
	input   textinput.Model
	list    list
	keys    KeyMap
	st      styles
	w, h    int
	chosen  string
}

func newPicker(records []*data.Record) *picker {
	p := &picker{records: records, keys: DefaultKeyMap(), input: textinput.New()}
	p.input.Prompt = "filter: "
	p.input.Focus()
	for _, r := range records {
		p.rows = append(p.rows, ListRow(r))
	}
	p.filter()
	m := New(Options{Dark: true})
	p.st = m.st
	return p
}

func (p *picker) filter() {
	q := strings.ToLower(p.input.Value())
	p.shown = p.shown[:0]
	for i, row := range p.rows {
		if q == "" || strings.Contains(strings.ToLower(row), q) {
			p.shown = append(p.shown, i)
		}
	}
	p.list.setSize(len(p.shown), p.h-4)
}

func (p *picker) Init() tea.Cmd { return textinput.Blink }

func (p *picker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
		p.input.SetWidth(max(p.w-10, 1))
		p.list.setSize(len(p.shown), p.h-4)
		return p, nil
	case tea.KeyPressMsg:
		switch {
		case msg.String() == "ctrl+c" || key.Matches(msg, p.keys.Back):
			return p, tea.Quit
		case msg.String() == "enter":
			if len(p.shown) > 0 {
				p.chosen = p.records[p.shown[p.list.cursor]].ID
			}
			return p, tea.Quit
		case msg.String() == "down" || msg.String() == "ctrl+n":
			p.list.move(1)
			return p, nil
		case msg.String() == "up" || msg.String() == "ctrl+p":
			p.list.move(-1)
			return p, nil
		case msg.String() == "pgdown":
			p.list.move(max(p.list.h-1, 1))
			return p, nil
		case msg.String() == "pgup":
			p.list.move(-max(p.list.h-1, 1))
			return p, nil
		}
	}
	var cmd tea.Cmd
	before := p.input.Value()
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return p, cmd
}

func (p *picker) View() tea.View {
	if p.w <= 0 || p.h <= 0 {
		return tea.NewView("")
	}
	lines := []string{
		fit(p.st.header.Render("callscope")+p.st.muted.Render(fmt.Sprintf(" · %d of %d call records · type to filter · ↑↓ choose · enter opens · esc quits", len(p.shown), len(p.records))), p.w),
		fit(p.input.View(), p.w),
		fit(p.st.label.Render(fmt.Sprintf("%-23s %8s  %-11s %-28s %-24s %s", "start", "length", "type", "modalities", "organizer", "id")), p.w),
	}
	from, to := p.list.visible()
	for i := from; i < to; i++ {
		row := fit(p.rows[p.shown[i]], p.w)
		if i == p.list.cursor {
			row = p.st.selected.Render(row)
		}
		lines = append(lines, row)
	}
	if len(p.shown) == 0 {
		lines = append(lines, fit(p.st.muted.Render("no call record matches"), p.w))
	}
	v := tea.NewView(strings.Join(lines[:min(len(lines), p.h)], "\n"))
	v.AltScreen = true
	return v
}

// Pick shows records and returns the id of the one chosen, "" if none.
func Pick(records []*data.Record, profile *colorprofile.Profile) (string, error) {
	var popts []tea.ProgramOption
	if profile != nil {
		popts = append(popts, tea.WithColorProfile(*profile))
	}
	p := newPicker(records)
	if _, err := tea.NewProgram(p, popts...).Run(); err != nil {
		return "", err
	}
	return p.chosen, nil
}
