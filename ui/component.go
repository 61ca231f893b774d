package ui

import (
	"os"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/theme"
)

// Component is one pane or view: the tree, the details, the raw JSON, the
// participants, the timeline, the help, the prompts. Pointer receivers:
// Update and HandleKey change it in place and return only a command, so
// there is nothing to assert back (after soft-serve's common.Component).
type Component interface {
	// Init is the command to start when it opens (a view) or starts.
	Init() tea.Cmd
	// Update takes the messages that are not keys: results, ticks.
	Update(msg tea.Msg) tea.Cmd
	// HandleKey takes a key from the key map; false: not this one's, the
	// next component or the Model tries it.
	HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool)
	// View is exactly the w×h box of the last SetSize.
	View() string
	SetSize(w, h int)
	// Restyle follows a theme change (Context.St is new).
	Restyle()
	// ShortHelp is the footer, FullHelp and Groups the ? screen: chosen
	// from Context.Keys.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	Groups() []Group
}

// Context is what the components share, by pointer, the way soft-serve's
// common.Common and gh-dash's ProgramContext are shared. The Model owns it.
type Context struct {
	Keys  *KeyMap
	Opts  Options
	Theme theme.Theme
	St    styles
	Loc   *time.Location // every time on screen: UTC, or local with --local (St.zone)
	Spin  spinner.Model  // turns while loading and while a search runs

	File *data.File
	Tree *Tree

	Layout Layout
	Focus  pane // on the main screen: the tree or the details
	Raw    bool // the details pane shows the row's raw JSON

	// Status is the footer's message: "problem 2 of 6", a filter in force.
	Status string
	// Filter names the tree's filter: "problems", a participant's
	// sessions, or "".
	Filter string
	// filters are the filters Filter names, when they are the tree's own
	// (filters.go): a person's sessions and only the problems combine.
	filters treeFilters
	// people are each record's participants, built on first use (people.go).
	people map[int32]*recordPeople
	// Query is the search in force, highlighted in the tree and the panes.
	Query string
	// matches are its matches, in display order (the main screen's search
	// prompt has them): n and N in a view walk them too.
	matches func() []Node
	// LastCopy is the last text copied, for --print-on-exit.
	LastCopy string

	// view is the full-screen view in front of the main screen; nil shows
	// the tree and its details. Components open and close views through
	// openView and closeView.
	view Component
	// problems are the problems lists built so far, by record (on first
	// !), kept so that ! and esc come back to one as it was left; back is
	// the view esc in the tree returns to (the problems list after its
	// enter), forgotten when another view opens.
	problems map[int]*problemsView
	back     Component
}

// openView puts v in front, at the size of the screen between the header
// and the footer, and starts it.
func (c *Context) openView(v Component) tea.Cmd {
	v.SetSize(c.Layout.Width, max(c.Layout.Height-2, 0))
	if !isHelp(v) {
		c.back = nil
	}
	c.view = v
	return v.Init()
}

func (c *Context) closeView() { c.view = nil }

// setFilter shows only what keep accepts, named for the status line.
func (c *Context) setFilter(name string, keep func(Node) bool) {
	c.Filter, c.filters = name, treeFilters{}
	c.Tree.SetFilter(keep, true)
	c.Status = c.filterStatus()
}

func (c *Context) clearFilter() {
	if c.Filter == "" {
		return
	}
	c.Filter, c.filters = "", treeFilters{}
	c.Tree.SetFilter(nil, false)
	c.Status = ""
}

func (c *Context) filterStatus() string {
	switch c.Filter {
	case "":
		return ""
	case "problems":
		return "only the paths to problems · esc shows all"
	}
	if c.filters.person != nil { // P undoes enter on a participant alone
		return "only " + c.Filter + " · P everyone · esc shows all"
	}
	return "only " + c.Filter + " · esc shows all"
}

func (c *Context) getenv(k string) string {
	if c.Opts.Getenv != nil {
		return c.Opts.Getenv(k)
	}
	return os.Getenv(k)
}

// base is what most components embed: the context and their box, and
// no-ops for what they do not need.
type base struct {
	ctx  *Context
	w, h int
}

func (b *base) Init() tea.Cmd          { return nil }
func (b *base) Update(tea.Msg) tea.Cmd { return nil }
func (b *base) SetSize(w, h int)       { b.w, b.h = max(w, 0), max(h, 0) }
func (b *base) Restyle()               {}

// padLines makes lines exactly h long, filling with fill.
func padLines(lines []string, fill string, h int) []string {
	lines = lines[:min(len(lines), max(h, 0))]
	for len(lines) < h {
		lines = append(lines, fill)
	}
	return lines
}
