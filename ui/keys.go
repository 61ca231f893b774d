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
	// The problems list (!): its own keys; /, s, y, enter and esc are the
	// key map's, with words for the list.
	Problems, ProblemSeverity, ProblemMedia, ProblemCategory, ProblemClear key.Binding
	// After y: what to copy.
	CopyJSON, CopyPath, CopyID, CopyPane, CopyMarkdown key.Binding
	Focus, Help, Quit, Suspend                         key.Binding
	// The focused pane takes the whole screen, and back.
	Zoom key.Binding
	// callscope list's picker.
	PickDown, PickUp, PickPageDown, PickPageUp, PickOpen, PickQuit key.Binding
	// callscope pstn's picker, and a log file's table of rows.
	RowsDown, RowsUp, RowsPageDown, RowsPageUp, RowsOpen, RowsBack key.Binding
	// The lists: sort (the problems list's too: one s), filter as you type
	// (participants, timeline), the timeline's time cursor; on the tree,
	// everyone's sessions again.
	SortRows, FilterRows                     key.Binding
	StepBack, StepOn, BigStepBack, BigStepOn key.Binding
	AllPeople                                key.Binding
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
		Open:         b([]string{"enter", "l", "right"}, "enter/→/l", "participants, timeline: open the row under the cursor (the timeline: enter alone, → moves its time)"),
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

		// The problems list.
		Problems:        b([]string{"!"}, "!", "problems list, most severe first (again: back)"),
		ProblemSeverity: b([]string{"v"}, "v", "narrow by severity: ⊘ failed, ✗ problem, ! warning, all"),
		ProblemMedia:    b([]string{"m"}, "m", "narrow by media: audio, video, screen sharing, other, none, all"),
		ProblemCategory: b([]string{"c"}, "c", "narrow by category: network, device, feedback, failure, all"),
		ProblemClear:    b([]string{"x"}, "x", "clear the filter and every narrowing"),

		PickDown:     b([]string{"down", "ctrl+n"}, "↓/ctrl+n", "callscope list: next record"),
		PickUp:       b([]string{"up", "ctrl+p"}, "↑/ctrl+p", "callscope list: previous record"),
		PickPageDown: b([]string{"pgdown"}, "pgdn", "callscope list: next page"),
		PickPageUp:   b([]string{"pgup"}, "pgup", "callscope list: previous page"),
		PickOpen:     b([]string{"enter"}, "enter", "callscope list: open the record (other keys type the filter)"),
		PickQuit:     b([]string{"esc", "ctrl+c"}, "esc", "callscope list: quit (also ctrl+c)"),
		RowsDown:     b([]string{"down", "ctrl+n"}, "↓/ctrl+n", "next row (in a row's details: scroll)"),
		RowsUp:       b([]string{"up", "ctrl+p"}, "↑/ctrl+p", "previous row"),
		RowsPageDown: b([]string{"pgdown"}, "pgdn", "next page"),
		RowsPageUp:   b([]string{"pgup"}, "pgup", "previous page"),
		RowsOpen:     b([]string{"enter"}, "enter", "callscope pstn: open a Direct Routing row's call record (q there comes back); other rows, and a log file's: the row's details"),
		RowsBack:     b([]string{"esc"}, "esc", "from a row's details: back to the rows; from the rows: clear the filter, then quit (ctrl+c quits)"),
		SortRows:     b([]string{"s"}, "s", "problems list, participants, timeline: next sort order"),
		FilterRows:   b([]string{"/"}, "/", "participants, timeline, PSTN rows and log files: filter the rows as you type (enter keeps it, esc clears it)"),
		StepBack:     b([]string{"left", "h"}, "←/h", "timeline: time cursor a step earlier"),
		StepOn:       b([]string{"right", "l"}, "→/l", "timeline: time cursor a step later"),
		BigStepBack:  b([]string{"shift+left", "H"}, "shift+←/H", "timeline: time cursor a big step earlier"),
		BigStepOn:    b([]string{"shift+right", "L"}, "shift+→/L", "timeline: time cursor a big step later"),
		AllPeople:    b([]string{"P"}, "P", "everyone's sessions again, after enter on a participant (f stays)"),
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
	return Group{"Diagnose", []key.Binding{k.NextProblem, k.PrevProblem, k.Filter, k.People, k.Timeline, k.Back, k.Problems, k.AllPeople}}
}

func (k *KeyMap) viewGroup() Group {
	return Group{"Participants, timeline, problems list", []key.Binding{k.Open, k.SortRows, k.FilterRows,
		k.StepBack, k.StepOn, k.BigStepBack, k.BigStepOn}}
}

// problemsGroup is the problems list's keys (besides moving).
func (k *KeyMap) problemsGroup() Group {
	return Group{"Problems list (!)", []key.Binding{
		short(k.Search, "/", "filter as you type (enter keeps it, esc clears it)"),
		k.ProblemSeverity, k.ProblemMedia, k.ProblemCategory, k.ProblemClear,
		short(k.Copy, "y", "copy the rows shown as markdown"),
		short(k.Open, "enter/→/l", "open the row in the tree (esc or ! there: back to the list)"),
		short(k.Back, "esc", "back to the tree"), short(k.Problems, "!", "back to the tree")}}
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

func (k *KeyMap) rowsGroup() Group {
	return Group{"PSTN rows (callscope pstn, a saved log file)", []key.Binding{k.RowsDown, k.RowsUp, k.RowsPageDown, k.RowsPageUp, k.RowsOpen, k.RowsBack,
		short(k.FilterRows, "/", "filter the rows as you type: any column shown (enter keeps it, esc clears it)")}}
}

// Groups are every key, as the README shows them.
func (k KeyMap) Groups() []Group {
	return []Group{k.moveGroup(), k.treeGroup(), k.diagnoseGroup(), k.viewGroup(), k.problemsGroup(), k.findGroup(), k.searchGroup(),
		k.copyGroup(), k.programGroup(), k.pickerGroup(), k.rowsGroup()}
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
