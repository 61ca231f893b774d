package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the one list of keys: Update dispatches on it, the footer and
// the ? screen are drawn from it, and the README's key table is generated
// from it (TestREADMEKeyTable), so behaviour and documentation cannot drift.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom  key.Binding
	Expand, Collapse, ExpandAll, CollapseAll key.Binding
	Depth                                    key.Binding
	NextProblem, PrevProblem, Filter         key.Binding
	People, Timeline, Back                   key.Binding
	Raw, Copy                                key.Binding
	Search, NextMatch, PrevMatch             key.Binding
	Focus, Help, Quit, Suspend               key.Binding
}

// DefaultKeyMap is callscope's key map.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:          b([]string{"k", "up"}, "↑/k", "up"),
		Down:        b([]string{"j", "down"}, "↓/j", "down (in the focused pane)"),
		PageUp:      b([]string{"ctrl+u", "pgup"}, "ctrl+u/pgup", "half a page up"),
		PageDown:    b([]string{"ctrl+d", "pgdown"}, "ctrl+d/pgdn", "half a page down"),
		Top:         b([]string{"g", "home"}, "g/home", "first row"),
		Bottom:      b([]string{"G", "end"}, "G/end", "last row"),
		Expand:      b([]string{"l", "right", "enter"}, "→/l/enter", "expand (on an open row: step in)"),
		Collapse:    b([]string{"h", "left"}, "←/h", "collapse (on a closed row: go up)"),
		ExpandAll:   b([]string{"L"}, "L", "expand the whole subtree"),
		CollapseAll: b([]string{"H"}, "H", "collapse the whole subtree"),
		Depth:       b([]string{"1", "2", "3", "4"}, "1–4", "show sessions / segments / media / streams"),
		NextProblem: b([]string{"]"}, "]", "next problem (failure, poor stream, problem finding)"),
		PrevProblem: b([]string{"["}, "[", "previous problem"),
		Filter:      b([]string{"f"}, "f", "only the paths to problems (again: all)"),
		People:      b([]string{"p"}, "p", "participants; enter shows one's sessions"),
		Timeline:    b([]string{"t"}, "t", "timeline of the sessions; enter opens one"),
		Back:        b([]string{"esc"}, "esc", "back: leave a view, clear a filter"),
		Search:      b([]string{"/"}, "/", "search names, numbers, UPNs, IPs, user agents, devices, codecs, ids"),
		NextMatch:   b([]string{"n"}, "n", "next match"),
		PrevMatch:   b([]string{"N"}, "N", "previous match"),
		Raw:         b([]string{"r"}, "r", "raw JSON of the row, as in the file (again: back)"),
		Copy:        b([]string{"y"}, "y", "copy, then: y JSON · p jq path · i id · s pane text · m markdown"),
		Focus:       b([]string{"tab"}, "tab", "switch pane"),
		Help:        b([]string{"?"}, "?", "all keys"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit (also ctrl+c)"),
		Suspend:     b([]string{"ctrl+z"}, "ctrl+z", "suspend"),
	}
}

// ShortHelp is the footer: what a newcomer needs, fitting 80 columns. The
// arrows need no telling; ? shows the rest.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{short(k.NextProblem, "]", "next problem"), short(k.Expand, "→", "expand"),
		short(k.Collapse, "←", "collapse"), k.Focus, k.Help, short(k.Quit, "q", "quit")}
}

// short is a binding with fewer words for the footer; the keys are the same.
func short(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// FullHelp is the ? screen, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	groups := k.Groups()
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = g.Keys
	}
	return out
}

// Group is a titled set of keys.
type Group struct {
	Title string
	Keys  []key.Binding
}

// Groups are the keys as the help screen and the README show them.
func (k KeyMap) Groups() []Group {
	return []Group{
		{"Move", []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}},
		{"Tree", []key.Binding{k.Expand, k.Collapse, k.ExpandAll, k.CollapseAll, k.Depth}},
		{"Diagnose", []key.Binding{k.NextProblem, k.PrevProblem, k.Filter, k.People, k.Timeline, k.Back}},
		{"Find and share", []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.Raw, k.Copy}},
		{"Program", []key.Binding{k.Focus, k.Help, k.Quit, k.Suspend}},
	}
}

// MarkdownTable is the README's key table.
func (k KeyMap) MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| keys | what they do |\n|---|---|\n")
	for _, g := range k.Groups() {
		for _, kb := range g.Keys {
			h := kb.Help()
			b.WriteString("| `" + h.Key + "` | " + h.Desc + " |\n")
		}
	}
	return b.String()
}
