package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the one list of keys: the components dispatch on it, the footer
// and the ? screen are drawn from it, and the README's key table is generated
// from it (TestREADMEKeyTable), so behaviour and documentation cannot drift.
// Every key is here, the prompts' and the picker's too.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom  key.Binding
	Expand, Collapse, ExpandAll, CollapseAll key.Binding
	Depth                                    key.Binding
	NextProblem, PrevProblem, Filter         key.Binding
	People, Timeline, Back                   key.Binding
	Open                                     key.Binding // in a view: the row under the cursor
	Raw, Copy                                key.Binding
	Search, NextMatch, PrevMatch             key.Binding
	SearchRun, SearchClose                   key.Binding // in the search prompt
	// After y: what to copy.
	CopyJSON, CopyPath, CopyID, CopyPane, CopyMarkdown key.Binding
	Focus, Help, Quit, Suspend                         key.Binding
	// The focused pane takes the whole screen, and back.
	Zoom key.Binding
	// callscope list's picker.
	PickDown, PickUp, PickPageDown, PickPageUp, PickOpen, PickQuit key.Binding
}

// DefaultKeyMap is callscope's key map.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:           b([]string{"k", "up"}, "↑/k", "up"),
		Down:         b([]string{"j", "down"}, "↓/j", "down (in the focused pane)"),
		PageUp:       b([]string{"ctrl+u", "pgup"}, "ctrl+u/pgup", "half a page up"),
		PageDown:     b([]string{"ctrl+d", "pgdown"}, "ctrl+d/pgdn", "half a page down"),
		Top:          b([]string{"g", "home"}, "g/home", "first row"),
		Bottom:       b([]string{"G", "end"}, "G/end", "last row"),
		Expand:       b([]string{"l", "right", "enter"}, "→/l/enter", "expand (on an open row: step in)"),
		Collapse:     b([]string{"h", "left"}, "←/h", "collapse (on a closed row: go up)"),
		ExpandAll:    b([]string{"L"}, "L", "expand the whole subtree"),
		CollapseAll:  b([]string{"H"}, "H", "collapse the whole subtree"),
		Depth:        b([]string{"1", "2", "3", "4"}, "1–4", "show sessions / segments / media / streams"),
		NextProblem:  b([]string{"]"}, "]", "next problem (failure, poor stream, problem finding)"),
		PrevProblem:  b([]string{"["}, "[", "previous problem"),
		Filter:       b([]string{"f"}, "f", "only the paths to problems (again: all)"),
		People:       b([]string{"p"}, "p", "participants; enter shows one's sessions"),
		Timeline:     b([]string{"t"}, "t", "timeline of the sessions; enter opens one"),
		Back:         b([]string{"esc"}, "esc", "back: leave a view, clear a filter"),
		Open:         b([]string{"enter", "l", "right"}, "enter/→/l", "participants, timeline: open the row under the cursor"),
		Search:       b([]string{"/"}, "/", "search names, numbers, UPNs, IPs, user agents, devices, codecs, ids"),
		NextMatch:    b([]string{"n"}, "n", "next match"),
		PrevMatch:    b([]string{"N"}, "N", "previous match"),
		SearchRun:    b([]string{"enter"}, "enter", "in the search prompt: search"),
		SearchClose:  b([]string{"esc"}, "esc", "in the search prompt: close it"),
		Raw:          b([]string{"r"}, "r", "raw JSON of the row, as in the file (again: back)"),
		Copy:         b([]string{"y"}, "y", "copy, then: y JSON · p jq path · i id · s pane text · m markdown"),
		CopyJSON:     b([]string{"y"}, "y y", "copy the row's JSON, as in the file"),
		CopyPath:     b([]string{"p"}, "y p", "copy the row's jq path"),
		CopyID:       b([]string{"i"}, "y i", "copy the row's id"),
		CopyPane:     b([]string{"s"}, "y s", "copy the details pane's text"),
		CopyMarkdown: b([]string{"m"}, "y m", "copy the row as markdown"),
		Focus:        b([]string{"tab"}, "tab", "switch pane"),
		Zoom:         b([]string{"z"}, "z", "zoom the focused pane to the whole screen (again: back)"),
		Help:         b([]string{"?"}, "?", "all keys"),
		Quit:         b([]string{"q", "ctrl+c"}, "q", "quit (also ctrl+c)"),
		Suspend:      b([]string{"ctrl+z"}, "ctrl+z", "suspend"),
		PickDown:     b([]string{"down", "ctrl+n"}, "↓/ctrl+n", "callscope list: next record"),
		PickUp:       b([]string{"up", "ctrl+p"}, "↑/ctrl+p", "callscope list: previous record"),
		PickPageDown: b([]string{"pgdown"}, "pgdn", "callscope list: next page"),
		PickPageUp:   b([]string{"pgup"}, "pgup", "callscope list: previous page"),
		PickOpen:     b([]string{"enter"}, "enter", "callscope list: open the record (other keys type the filter)"),
		PickQuit:     b([]string{"esc", "ctrl+c"}, "esc", "callscope list: quit (also ctrl+c)"),
	}
}

// short is a binding with fewer words for the footer; the keys are the same.
func short(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// Group is a titled set of keys: the ? screen shows the focused
// component's groups, the README all of them.
type Group struct {
	Title string
	Keys  []key.Binding
}

// The groups the components choose from.

func (k *KeyMap) moveGroup() Group {
	return Group{"Move", []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}}
}

func (k *KeyMap) treeGroup() Group {
	return Group{"Tree", []key.Binding{k.Expand, k.Collapse, k.ExpandAll, k.CollapseAll, k.Depth}}
}

func (k *KeyMap) diagnoseGroup() Group {
	return Group{"Diagnose", []key.Binding{k.NextProblem, k.PrevProblem, k.Filter, k.People, k.Timeline, k.Back}}
}

func (k *KeyMap) viewGroup() Group {
	return Group{"Participants and timeline", []key.Binding{k.Open}}
}

func (k *KeyMap) findGroup() Group {
	return Group{"Find and share", []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.Raw, k.Copy}}
}

func (k *KeyMap) searchGroup() Group {
	return Group{"Search prompt", []key.Binding{k.SearchRun, k.SearchClose}}
}

func (k *KeyMap) copyGroup() Group {
	return Group{"Copy (after y)", []key.Binding{k.CopyJSON, k.CopyPath, k.CopyID, k.CopyPane, k.CopyMarkdown}}
}

func (k *KeyMap) programGroup() Group {
	return Group{"Program", []key.Binding{k.Focus, k.Zoom, k.Help, k.Quit, k.Suspend}}
}

func (k *KeyMap) pickerGroup() Group {
	return Group{"Picker (callscope list)", []key.Binding{k.PickDown, k.PickUp, k.PickPageDown, k.PickPageUp, k.PickOpen, k.PickQuit}}
}

// Groups are every key, as the README shows them.
func (k KeyMap) Groups() []Group {
	return []Group{k.moveGroup(), k.treeGroup(), k.diagnoseGroup(), k.viewGroup(), k.findGroup(), k.searchGroup(),
		k.copyGroup(), k.programGroup(), k.pickerGroup()}
}

// fullHelp is groups as help.KeyMap's FullHelp: one column per group.
func fullHelp(groups []Group) [][]key.Binding {
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = g.Keys
	}
	return out
}

// MarkdownTable is the README's key table.
func (k KeyMap) MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| keys | what they do |\n|---|---|\n")
	for _, g := range k.Groups() {
		b.WriteString("| **" + g.Title + "** | |\n")
		for _, kb := range g.Keys {
			h := kb.Help()
			b.WriteString("| `" + h.Key + "` | " + h.Desc + " |\n")
		}
	}
	return b.String()
}
