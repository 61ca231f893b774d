package ui

import (
	"context"
	"errors"
	"io"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/theme"
)

// Options configure the explorer.
type Options struct {
	// Source names what is shown while loading: a path, "-" or the demo.
	Source string
	// Size is the source's size in bytes, shown while loading; 0 if unknown.
	Size int64
	// Load reads or fetches the record; it runs outside the UI goroutine,
	// says how far it got through progress, and stops when ctx is done
	// (the user quit while it was loading).
	Load func(ctx context.Context, progress func(string)) (*data.File, error)
	// Dark picks the starting theme; AutoTheme follows the terminal's
	// background once it answers.
	Dark, AutoTheme bool
	// Mouse turns on mouse reporting (off keeps the terminal's selection).
	Mouse bool
	// Local shows the timeline in the local time zone instead of UTC.
	Local bool
	// Getenv reads the environment (TMUX, STY, TERM for the clipboard);
	// nil means os.Getenv.
	Getenv func(string) string
	// Output is the terminal the explorer draws on; nil means standard
	// output (--print-on-exit down a pipe draws on the process's terminal).
	Output io.Writer
	// NoSuspend, when set, is what ctrl+z says instead of suspending
	// (callscope serve: suspending would stop the server, not the session).
	NoSuspend string
	// PrintOnExit says the last copy is printed after the explorer ends
	// (--print-on-exit): a copy too big for the clipboard is kept for it.
	PrintOnExit bool
	// ReportHint is the command that prints a call's full report, as the
	// explorer suggests it ("ssh HOST report --format json CALLID" over
	// callscope serve); empty: callscope report, and --print-on-exit.
	ReportHint string
	// OnCopy, when set, is told the kind of each copy sent to the
	// clipboard ("JSON", "jq path", …), never its text (serve's audit log).
	OnCopy func(kind string)
	// PSTNLogs are saved PSTN and Direct Routing logs (--pstn-log) whose
	// rows are matched to the calls' PSTN legs, with those the records
	// hold (pstn.go).
	PSTNLogs []*pstn.Log
}

// pane is the main screen's focus.
type pane uint8

const (
	focusTree pane = iota
	focusDetails
)

type loadedMsg struct {
	file *data.File
	err  error
	pstn *pstnFile // the rows matched to its legs, if any
}

// progressMsg is how far the load got: "sessions page 3, 180 sessions so far".
type progressMsg struct {
	text string
	ch   chan string
}

// Model is the explorer: it owns the Context, routes each message to the
// component it is for, and handles the global keys. Use it through a
// pointer (New returns one; Update returns the same).
type Model struct {
	ctx  *Context
	keys KeyMap
	help help.Model

	main *mainScreen // the tree and its details: in front unless a view is

	err      error              // a load error: the program quits and Run returns it
	progress string             // the load's last word
	cancel   context.CancelFunc // stops the load when the user quits early
}

// New makes the explorer; it starts loading in Init.
func New(opts Options) *Model {
	m := &Model{keys: DefaultKeyMap(), help: help.New()}
	c := &Context{Keys: &m.keys, Opts: opts, Loc: time.UTC, Spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
	if opts.Local {
		c.Loc = time.Local
	}
	m.ctx = c
	m.main = newMainScreen(c)
	m.setTheme(opts.Dark)
	return m
}

// Err is the load error, if loading failed.
func (m *Model) Err() error { return m.err }

// LastCopy is the last text copied, for printing after the program ends.
func (m *Model) LastCopy() string { return m.ctx.LastCopy }

func (m *Model) setTheme(dark bool) {
	c := m.ctx
	c.Theme = theme.New(dark)
	c.St = newStyles(c.Theme)
	c.St.zone = c.Loc // --local: every time on screen (styles.timeText)
	c.St.reportHint = c.Opts.ReportHint
	t := c.Theme
	m.help.Styles = help.DefaultStyles(dark)
	m.help.Styles.ShortKey, m.help.Styles.FullKey = t.Key, t.Key
	m.help.Styles.ShortDesc, m.help.Styles.FullDesc = t.Desc, t.Desc
	c.Spin.Style = t.Title
	m.main.Restyle()
	if c.view != nil {
		c.view.Restyle()
	}
}

// right is the pane beside the tree: the details, or the raw JSON.
func (m *Model) right() *nodePane { return m.main.right() }

// focused is the component in front: its keys and help are in force.
func (m *Model) focused() Component {
	if m.ctx.view != nil {
		return m.ctx.view
	}
	return m.main
}

// Init starts the load, its progress reports, and the spinner; the load is
// cancelled if the user quits first.
func (m *Model) Init() tea.Cmd {
	load, logs := m.ctx.Opts.Load, m.ctx.Opts.PSTNLogs
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	ch := make(chan string, 16)
	report := func(s string) {
		select {
		case ch <- s:
		default: // the screen is behind: this word can go
		}
	}
	cmds := []tea.Cmd{m.ctx.Spin.Tick, func() tea.Msg {
		f, err := load(ctx, report)
		close(ch)
		var px *pstnFile
		if err == nil {
			px = matchPSTN(f, logs) // here, not on the UI goroutine: a big meeting takes a while
		}
		return loadedMsg{f, err, px}
	}, listen(ch)}
	if m.ctx.Opts.AutoTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message: sizes and the theme to every component, results
// to their owner, keys through onKey. Then the panes catch up with the
// selection, so that View only draws.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.ctx.Tree != nil {
		m.main.sync()
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	c := m.ctx
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if c.Opts.AutoTheme {
			m.setTheme(msg.IsDark())
		}
	case progressMsg:
		m.progress = msg.text
		return listen(msg.ch)
	case loadedMsg:
		if msg.err != nil {
			m.err = msg.err
			return tea.Quit
		}
		c.File, c.Tree = msg.file, NewTree(msg.file)
		c.Tree.pstn = msg.pstn
		m.resize(c.Layout.Width, c.Layout.Height)
	case searchDoneMsg:
		return m.main.Update(msg)
	case spinner.TickMsg:
		// Re-armed while something runs: the load, or a search.
		if c.File == nil || m.main.search.busy {
			var cmd tea.Cmd
			c.Spin, cmd = c.Spin.Update(msg)
			return cmd
		}
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.MouseWheelMsg:
		if c.Tree != nil && c.view == nil {
			d := 3
			if msg.Mouse().Button == tea.MouseWheelUp {
				d = -3
			}
			m.main.wheel(msg.Mouse().X, msg.Mouse().Y-1, d) // under the header
		}
	case tea.MouseClickMsg:
		if c.Tree != nil && c.view == nil && msg.Mouse().Button == tea.MouseLeft {
			m.main.click(msg.Mouse().X, msg.Mouse().Y-1)
		}
	default:
		if c.view != nil { // a view's own results
			return c.view.Update(msg)
		}
	}
	return nil
}

// resize gives every component its box, focused or not, so that switching
// never draws at a stale size.
func (m *Model) resize(w, h int) {
	c := m.ctx
	c.Layout = ComputeLayout(w, h)
	l := c.Layout
	m.help.SetWidth(w)
	m.main.SetSize(l.Width, max(l.Height-2, 0))
	if c.view != nil {
		c.view.SetSize(w, max(h-2, 0)) // under the header, over the footer
	}
}

// onKey is the one place for the global keys; the rest goes to the
// components in front, first come first served.
func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	c, k := m.ctx, m.ctx.Keys
	if m.main.search.Capturing() && c.Tree != nil && msg.String() != "ctrl+c" {
		cmd, _ := m.main.search.HandleKey(msg) // q is a letter here
		return cmd
	}
	if m.main.copy.Capturing() && c.view == nil && msg.String() != "ctrl+c" {
		cmd, _ := m.main.copy.HandleKey(msg) // y q cancels, it does not quit
		return cmd
	}
	if isHelp(c.view) && key.Matches(msg, k.Quit) && msg.String() != "ctrl+c" {
		cmd, _ := c.view.HandleKey(tea.KeyPressMsg{Code: tea.KeyEscape}) // ? q closes the help, as esc
		return cmd
	}
	// A view's own prompt (the problems list's filter) takes every key too.
	if p, ok := c.view.(interface{ Capturing() bool }); ok && p.Capturing() && msg.String() != "ctrl+c" {
		cmd, _ := c.view.HandleKey(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Quit), c.Tree == nil && key.Matches(msg, k.Back):
		if c.Tree == nil && m.cancel != nil {
			m.cancel() // stop fetching
			m.err = errStopped
		}
		return tea.Quit
	case key.Matches(msg, k.Suspend):
		if c.Opts.NoSuspend != "" {
			c.Status = c.Opts.NoSuspend
			return nil
		}
		if ok, why := suspendCheck(); !ok {
			c.Status = why // and keep running: q still quits
			return nil
		}
		return tea.Suspend
	case c.Tree == nil:
		return nil // still loading
	case key.Matches(msg, k.Help) && !isHelp(c.view):
		m.main.copy.disarm()
		return c.openView(newHelpView(c, m.focused()))
	}
	cmd, _ := m.focused().HandleKey(msg)
	return cmd
}

func isHelp(v Component) bool {
	_, ok := v.(*helpView)
	return ok
}

// view opens a full-screen view with its key from the key map.
type view struct {
	key  func(*KeyMap) key.Binding
	open func(*Context) Component
}

// views are the views the main screen opens; each view's file registers
// itself (see doc.go).
var views []view

func registerView(key func(*KeyMap) key.Binding, open func(*Context) Component) {
	views = append(views, view{key, open})
}

// errStopped ends the program when the user stops a load: a script must
// be able to tell that nothing was shown.
var errStopped = errors.New("stopped before the call record was loaded")

// listen waits for the load's next word.
func listen(ch chan string) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return nil
		}
		return progressMsg{s, ch}
	}
}
