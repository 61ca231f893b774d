package ui

import (
	"strings"

	"github.com/callscope/callscope/text"
)

// treeFilters are the tree's filters in force. They combine: a person's
// sessions (enter in the participants view) and only the paths to
// problems (f) shows that person's sessions that hold a problem.
type treeFilters struct {
	problems bool
	person   *personFilter
}

// personFilter keeps one participant's sessions.
type personFilter struct {
	name     string // cleaned, on one line
	rec      int32
	sessions []bool // by session index in the record
	count    int
}

// setPerson shows only the sessions listed (indices into the record's
// sessions), keeping the problems filter if it is on.
func (c *Context) setPerson(name string, rec int32, sessions []int) {
	n := len(c.File.Records[rec].Sessions)
	p := &personFilter{name: text.OneLine(name), rec: rec, sessions: make([]bool, n)}
	for _, se := range sessions {
		if se >= 0 && se < n && !p.sessions[se] {
			p.sessions[se] = true
			p.count++
		}
	}
	c.filters.person = p
	c.applyFilters()
}

// clearPerson shows everyone's sessions again; f stays as it was.
func (c *Context) clearPerson() {
	if c.filters.person == nil {
		return
	}
	c.filters.person = nil
	c.applyFilters()
}

// toggleProblems is f: only the paths to problems, or all again.
func (c *Context) toggleProblems() {
	c.filters.problems = !c.filters.problems
	c.applyFilters()
}

// applyFilters gives the tree the filters in force, and names them for
// the footer and the tree's title.
func (c *Context) applyFilters() {
	fs := c.filters
	if !fs.problems && fs.person == nil {
		c.clearFilter()
		return
	}
	var names []string
	if p := fs.person; p != nil {
		names = append(names, p.name+"'s "+text.Plural(p.count, "session"))
	}
	if fs.problems {
		names = append(names, "problems")
	}
	if len(names) == 2 {
		names[1] = "the paths to problems" // "only Bob's 1 session and the paths to problems"
	}
	f := c.File
	keep := func(n Node) bool {
		if p := fs.person; p != nil && n.Level == LevelSession && (n.Rec != p.rec || !p.sessions[n.Se]) {
			return false
		}
		return !fs.problems || resolve(f, n).quality(n.Level).Problems() > 0
	}
	c.Filter = strings.Join(names, " and ")
	c.Tree.SetFilter(keep, true)
	c.Status = c.filterStatus()
}
