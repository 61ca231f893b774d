package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	find "github.com/callscope/callscope/search"
	"github.com/callscope/callscope/text"
)

// onKey dispatches a key through the key map: keys for every mode first,
// then the mode's own.
func (m Model) onKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.find.prompt && m.tree != nil && msg.String() != "ctrl+c" {
		return m.onPromptKey(msg) // q is a letter here
	}
	switch {
	case key.Matches(msg, k.Quit), m.tree == nil && key.Matches(msg, k.Back):
		if m.tree == nil && *m.cancel != nil {
			(*m.cancel)() // stop fetching
			m.err = errStopped
		}
		return m, tea.Quit
	case key.Matches(msg, k.Suspend):
		if m.opts.NoSuspend != "" {
			m.status = m.opts.NoSuspend
			return m, nil
		}
		if ok, why := suspendCheck(); !ok {
			m.status = why // and keep running: q still quits
			return m, nil
		}
		return m, tea.Suspend
	case m.tree == nil:
		return m, nil // still loading
	case m.showHelp:
		switch {
		case key.Matches(msg, k.Help) || key.Matches(msg, k.Back):
			m.showHelp = false
		case key.Matches(msg, k.Down):
			m.helpOffset++
		case key.Matches(msg, k.Up):
			m.helpOffset = max(m.helpOffset-1, 0)
		case key.Matches(msg, k.PageDown):
			m.helpOffset += max(m.layout.Height/2, 1)
		case key.Matches(msg, k.Top):
			m.helpOffset = 0
		case key.Matches(msg, k.Bottom):
			m.helpOffset = 1 << 20
		}
		m.helpOffset = min(m.helpOffset, max(len(m.helpLines(m.layout.Width))-(m.layout.Height-3), 0))
		return m, nil
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset, m.copying = true, 0, false
		return m, nil
	}
	if m.copying {
		m.copying = false
		return m, m.copyNode(msg.String())
	}
	switch m.mode {
	case peopleMode:
		m.onPeopleKey(msg)
	case timelineMode:
		m.onTimelineKey(msg)
	default:
		switch {
		case key.Matches(msg, k.Search):
			m.find.prompt = true
			m.find.input.SetValue("")
			return m, m.find.input.Focus()
		case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMatch):
			m.jumpMatch(msg)
			return m, nil
		}
		if key.Matches(msg, k.Copy) {
			m.copying = true
			m.status = "copy: y JSON · p jq path · i id · s pane text · m markdown"
			return m, nil
		}
		m.onTreeKey(msg)
	}
	return m, nil
}

func (m *Model) onTreeKey(msg tea.KeyPressMsg) {
	k := m.keys
	m.status = m.filterStatus()
	switch {
	case key.Matches(msg, k.Focus):
		m.focus = 1 - m.focus
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.PageDown):
		m.move(max(m.paneHeight()/2, 1))
	case key.Matches(msg, k.PageUp):
		m.move(-max(m.paneHeight()/2, 1))
	case key.Matches(msg, k.Top):
		m.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		m.move(1 << 30)
	case key.Matches(msg, k.Expand):
		m.tree.Expand()
	case key.Matches(msg, k.Collapse):
		m.tree.Collapse()
	case key.Matches(msg, k.ExpandAll):
		m.tree.ExpandAll()
	case key.Matches(msg, k.CollapseAll):
		m.tree.CollapseAll()
	case key.Matches(msg, k.Depth):
		m.tree.ShowDepth(Level(msg.String()[0] - '0'))
	case key.Matches(msg, k.NextProblem), key.Matches(msg, k.PrevProblem):
		dir := 1
		if key.Matches(msg, k.PrevProblem) {
			dir = -1
		}
		m.focus = treePane
		if i, n := m.tree.JumpProblem(dir); n > 0 {
			m.status = fmt.Sprintf("problem %d of %d", i, n)
		} else {
			m.status = "no problems: no failure, no poor stream, no problem finding"
		}
	case key.Matches(msg, k.Filter):
		if m.filter == "problems" {
			m.clearFilter()
		} else {
			f := m.file
			m.setFilter("problems", func(n Node) bool { return resolve(f, n).quality(n.Level).Problems() > 0 })
		}
	case key.Matches(msg, k.People):
		m.people = newPeopleView(m.file, int(m.tree.Selected().Rec))
		m.sizeViews()
		m.mode = peopleMode
	case key.Matches(msg, k.Timeline):
		sel := m.tree.Selected()
		m.timeline = newTimelineView(m.tree, int(sel.Rec), m.location())
		m.sizeViews()
		if sel.Level >= LevelSession {
			m.timeline.moveTo(sel.Se)
		}
		m.mode = timelineMode
	case key.Matches(msg, k.Raw):
		m.raw = !m.raw
		m.detailValid = false
	case key.Matches(msg, k.Back):
		// esc peels one layer at a time: search, raw view, filter.
		switch {
		case m.find.query != "" || m.find.busy:
			m.find.stop()
			m.status = m.filterStatus()
		case m.raw:
			m.raw, m.detailValid = false, false
		default:
			m.clearFilter()
		}
	}
}

func (m *Model) onPeopleKey(msg tea.KeyPressMsg) {
	k, v := m.keys, m.people
	switch {
	case m.listMove(msg, &v.list):
	case key.Matches(msg, k.Expand):
		p := v.selected()
		if p == nil {
			return
		}
		rec, sessions := int32(v.rec), map[int32]bool{}
		for _, se := range p.Sessions {
			sessions[int32(se)] = true
		}
		m.setFilter(fmt.Sprintf("%s's %s", text.Clean(p.Name), text.Plural(len(p.Sessions), "session")), func(n Node) bool {
			return n.Level != LevelSession || (n.Rec == rec && sessions[n.Se])
		})
		if m.tree.Rows() > 1 {
			m.tree.MoveTo(1) // their first session, and its findings
		}
		m.mode = treeMode
	case key.Matches(msg, k.Back), key.Matches(msg, k.People):
		m.mode = treeMode
	}
}

func (m *Model) onTimelineKey(msg tea.KeyPressMsg) {
	k, v := m.keys, m.timeline
	switch {
	case m.listMove(msg, &v.list):
	case key.Matches(msg, k.Expand):
		if n, ok := v.selected(); ok {
			if !m.tree.visibleUnderFilter(n) {
				m.clearFilter()
			}
			m.tree.Reveal(n)
			m.focus = treePane
		}
		m.mode = treeMode
	case key.Matches(msg, k.Back), key.Matches(msg, k.Timeline):
		m.mode = treeMode
	}
}

// onPromptKey types into the search prompt; enter searches, esc closes.
func (m Model) onPromptKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.find.prompt = false
		m.find.input.Blur()
		return m, nil
	case "enter":
		m.find.prompt = false
		m.find.input.Blur()
		q := strings.TrimSpace(m.find.input.Value())
		if q == "" {
			m.find.stop()
			return m, nil
		}
		m.status = ""
		return m, tea.Batch(m.find.start(m.tree, q), m.spin.Tick)
	}
	var cmd tea.Cmd
	m.find.input, cmd = m.find.input.Update(msg)
	return m, cmd
}

// onSearchDone takes a search's matches, unless a newer search replaced it.
func (m *Model) onSearchDone(msg searchDoneMsg) {
	if msg.gen != m.find.gen {
		return // stale: a newer search or esc came since
	}
	m.find.busy = false
	if msg.err != nil {
		return
	}
	m.find.matches = msg.matches
	if len(msg.matches) == 0 {
		m.status = "no match for “" + text.Clean(msg.query) + "”"
		return
	}
	m.focus = treePane
	i, n := m.tree.Jump(msg.matches, 1)
	m.status = matchStatus(i, n, msg.query)
	m.showMatchInPane()
}

// showMatchInPane scrolls the detail pane to the first line that holds the
// query, so the match is on screen, not only its row.
func (m *Model) showMatchInPane() {
	lines := m.detailLines()
	for i, l := range lines {
		if find.ContainsFold(ansi.Strip(l), m.find.query) {
			m.detailOffset = max(0, i-2)
			m.clampDetail()
			return
		}
	}
}

func (m *Model) jumpMatch(msg tea.KeyPressMsg) {
	if len(m.find.matches) == 0 {
		if m.find.query != "" && !m.find.busy {
			m.status = "no match for “" + text.Clean(m.find.query) + "”"
		}
		return
	}
	dir := 1
	if key.Matches(msg, m.keys.PrevMatch) {
		dir = -1
	}
	m.focus = treePane
	i, n := m.tree.Jump(m.find.matches, dir)
	if n == 0 {
		m.status = "no match shows: esc clears the filter"
		return
	}
	m.status = matchStatus(i, n, m.find.query)
	m.showMatchInPane()
}

func matchStatus(i, n int, q string) string {
	return fmt.Sprintf("match %d of %d for “%s” · n/N · esc clears", i, n, text.Clean(q))
}

// listMove handles the movement keys in a view's list.
func (m *Model) listMove(msg tea.KeyPressMsg, l *list) bool {
	k := m.keys
	switch {
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.PageDown):
		l.move(max(l.h/2, 1))
	case key.Matches(msg, k.PageUp):
		l.move(-max(l.h/2, 1))
	case key.Matches(msg, k.Top):
		l.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		l.move(1 << 30)
	default:
		return false
	}
	return true
}

// setFilter shows only what keep accepts, named for the status line.
func (m *Model) setFilter(name string, keep func(Node) bool) {
	m.filter = name
	m.tree.SetFilter(keep, true)
	m.status = m.filterStatus()
}

func (m *Model) clearFilter() {
	if m.filter == "" {
		return
	}
	m.filter = ""
	m.tree.SetFilter(nil, false)
	m.status = ""
}

func (m *Model) filterStatus() string {
	switch m.filter {
	case "":
		return ""
	case "problems":
		return "only the paths to problems · esc shows all"
	}
	return "only " + m.filter + " · esc shows all"
}

func (m *Model) location() *time.Location {
	if m.opts.Local {
		return time.Local
	}
	return time.UTC
}

// move moves the cursor of the focused pane: tree rows, or detail lines.
func (m *Model) move(d int) {
	if m.focus == detailPane && m.layout.DetailH > 0 {
		m.detailOffset += d
		m.clampDetail()
		return
	}
	m.tree.Move(d)
}

func (m *Model) paneHeight() int {
	if m.focus == detailPane {
		return m.layout.DetailH
	}
	return m.layout.TreeH
}
