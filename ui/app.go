// Package ui is callscope's explorer: a Bubble Tea v2 program over a loaded
// call record. It knows nothing of HTTP or files: it is handed a loader.
package ui

import (
	"context"
	"errors"
	"io"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
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
	// OnCopy, when set, is told the kind of each copy sent to the
	// clipboard ("JSON", "jq path", …), never its text (serve's audit log).
	OnCopy func(kind string)
}

type pane uint8

const (
	treePane pane = iota
	detailPane
)

// mode is what the body shows: the tree with its details, or a view.
type mode uint8

const (
	treeMode mode = iota
	peopleMode
	timelineMode
)

type loadedMsg struct {
	file *data.File
	err  error
}

// progressMsg is how far the load got: "sessions page 3, 180 sessions so far".
type progressMsg struct {
	text string
	ch   chan string
}

// Model is the explorer.
type Model struct {
	opts   Options
	keys   KeyMap
	theme  theme.Theme
	st     styles
	help   help.Model
	spin   spinner.Model
	layout Layout

	file *data.File
	tree *Tree
	err  error // a load error: the program quits and Run returns it

	progress string              // the load's last word
	cancel   *context.CancelFunc // stops the load when the user quits early; shared by copies

	focus      pane
	mode       mode
	showHelp   bool
	helpOffset int // the ? screen's first line
	people     *peopleView
	timeline   *timelineView
	// status is the footer's message: "problem 2 of 6", a filter in force.
	status string
	filter string // the filter in force: "problems", a participant's sessions, or ""

	find     search
	raw      bool   // the detail pane shows the row's raw JSON
	copying  bool   // y was pressed: the next key says what to copy
	lastCopy string // for --print-on-exit

	// The detail pane is built once per selection, width and theme.
	detail       block
	detailNode   Node
	detailW      int
	detailDark   bool
	detailValid  bool
	detailOffset int
}

// New makes the explorer; it starts loading in Init.
func New(opts Options) Model {
	m := Model{opts: opts, keys: DefaultKeyMap(), help: help.New(), cancel: new(context.CancelFunc), find: newSearch()}
	m.spin = spinner.New(spinner.WithSpinner(spinner.Dot))
	m.setTheme(opts.Dark)
	return m
}

// Err is the load error, if loading failed.
func (m Model) Err() error { return m.err }

// LastCopy is the last text copied, for printing after the program ends.
func (m Model) LastCopy() string { return m.lastCopy }

func (m *Model) setTheme(dark bool) {
	m.theme = theme.New(dark)
	t := m.theme
	p := newPaint
	m.st = styles{
		good: p(t.Good), poor: p(t.Poor), unclassified: p(t.Unclassified), failure: p(t.Failure), warning: p(t.Warning),
		muted: p(t.Muted), label: p(t.Label), title: p(t.Title), header: p(t.Header), selected: p(t.Selected),
		border: p(t.Border), borderFocused: p(t.BorderFocused), key: p(t.Key), desc: p(t.Desc),
		gaugeFull: p(t.GaugeFull), gaugeEmpty: p(t.GaugeEmpty), match: p(t.Match),
	}
	m.help.Styles = help.DefaultStyles(dark)
	m.help.Styles.ShortKey, m.help.Styles.FullKey = t.Key, t.Key
	m.help.Styles.ShortDesc, m.help.Styles.FullDesc = t.Desc, t.Desc
	m.spin.Style = t.Title
	m.detailValid = false
}

// Init starts the load, its progress reports, and the spinner; the load is
// cancelled if the user quits first.
func (m Model) Init() tea.Cmd {
	load := m.opts.Load
	ctx, cancel := context.WithCancel(context.Background())
	*m.cancel = cancel
	ch := make(chan string, 16)
	report := func(s string) {
		select {
		case ch <- s:
		default: // the screen is behind: this word can go
		}
	}
	cmds := []tea.Cmd{m.spin.Tick, func() tea.Msg {
		f, err := load(ctx, report)
		close(ch)
		return loadedMsg{f, err}
	}, listen(ch)}
	if m.opts.AutoTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m2, cmd := m.update(msg)
	if m2.tree != nil {
		// Rebuild the detail pane here, where the model is kept, so that
		// View only slices it.
		m2.clampDetail()
	}
	return m2, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if m.opts.AutoTheme {
			m.setTheme(msg.IsDark())
		}
	case progressMsg:
		m.progress = msg.text
		return m, listen(msg.ch)
	case loadedMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, tea.Quit
		}
		m.file, m.tree = msg.file, NewTree(msg.file)
		m.resize(m.layout.Width, m.layout.Height)
	case searchDoneMsg:
		m.onSearchDone(msg)
	case spinner.TickMsg:
		if m.file == nil || m.find.busy {
			var cmd tea.Cmd
			m.spin, cmd = m.spin.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.MouseWheelMsg:
		if m.tree != nil {
			d := 3
			if msg.Mouse().Button == tea.MouseWheelUp {
				d = -3
			}
			m.move(d)
		}
	}
	return m, nil
}

func (m *Model) resize(w, h int) {
	m.layout = ComputeLayout(w, h)
	m.help.SetWidth(w)
	if m.tree != nil {
		m.tree.SetHeight(m.layout.TreeH)
	}
	m.sizeViews()
	m.clampDetail()
}

// sizeViews tells the views' lists how many rows fit: the body less the
// title rule and the views' own heading lines.
func (m *Model) sizeViews() {
	body := max(m.layout.Height-3, 0)
	if m.people != nil {
		m.people.list.setSize(len(m.people.people), body-1)
	}
	if m.timeline != nil {
		m.timeline.list.setSize(len(m.timeline.sessions), body-2)
	}
}

// detailLines builds the detail pane when the selection, width or theme
// changed since it was last built.
func (m *Model) detailLines() block {
	if m.tree == nil || m.tree.Rows() == 0 {
		return nil
	}
	n := m.tree.Selected()
	if !m.detailValid || n != m.detailNode || m.layout.DetailW != m.detailW || m.theme.Dark != m.detailDark {
		if n != m.detailNode {
			m.detailOffset = 0
		}
		if m.raw {
			m.detail = rawLines(rawText(m.file, n), m.layout.DetailW, m.st)
		} else {
			m.detail = buildDetail(m.file, n, m.layout.DetailW, m.st)
		}
		m.detailNode, m.detailW, m.detailDark, m.detailValid = n, m.layout.DetailW, m.theme.Dark, true
	}
	return m.detail
}

func (m *Model) clampDetail() {
	lines := m.detailLines()
	m.detailOffset = max(0, min(m.detailOffset, len(lines)-m.layout.DetailH))
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
