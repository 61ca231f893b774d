package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// Messages the server sends a session's program.
type (
	shutdownMsg struct{} // SIGTERM: say so, then close
	idleMsg     struct{} // no key press for the idle timeout
	closeMsg    struct{} // the notice has been seen
)

// taggedMsg is what an explorer's command returned, with the explorer it
// belongs to: after q the session goes back to the picker, and the old
// explorer's late messages (a load that ends, a search) must not reach
// the next one.
type taggedMsg struct {
	gen int
	msg tea.Msg
}

// teaPkg is Bubble Tea's package: its messages (clipboard, raw output,
// queries) are for the program to carry out, not for the model.
var teaPkg = reflect.TypeOf(tea.QuitMsg{}).PkgPath()

func tag(gen int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = tag(gen, c)
			}
			return out
		default:
			return taggedMsg{gen, msg}
		}
	}
}

// sessionModel is one session's program: the picker, or an explorer
// opened from it or by the command line, and the server's notices.
type sessionModel struct {
	srv    *Server
	who    who
	getenv func(string) string

	picker   *picker   // nil when the session opened a call directly
	logs     *logView  // the PSTN and Direct Routing logs, shown over the picker; nil when not
	explorer tea.Model // nil while picking
	gen      int       // the explorer's generation
	start    tea.Cmd   // Init's

	w, h   int
	notice string // shown on the last line while closing
	err    error  // why a directly opened call could not be shown
}

func (m *sessionModel) Init() tea.Cmd {
	if m.picker != nil && m.picker.graph {
		c, role := m.srv.cat, m.who.role
		ctx := m.srv.base
		return func() tea.Msg {
			items, err := c.graphItems(ctx, role)
			return graphListMsg{items, err}
		}
	}
	return m.start
}

func (m *sessionModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		if m.picker != nil && (m.explorer != nil || m.logs != nil) {
			m.picker.update(msg) // kept at size for the way back
		}
		if m.logs != nil && m.explorer != nil {
			m.logs.update(msg)
		}
	case shutdownMsg:
		return m, m.closing("callscope server is shutting down: this session ends now")
	case idleMsg:
		return m, m.closing("closed after " + durationText(m.srv.cfg.IdleTimeout) + " without a key press")
	case closeMsg:
		return m, tea.Quit
	case taggedMsg:
		if msg.gen != m.gen || m.explorer == nil {
			return m, nil // a closed explorer's
		}
		if _, ok := msg.msg.(tea.QuitMsg); ok {
			return m, m.explorerDone()
		}
		if reflect.TypeOf(msg.msg).PkgPath() == teaPkg {
			inner := msg.msg
			return m, func() tea.Msg { return inner }
		}
		return m.toExplorer(msg.msg)
	case openMsg:
		if m.explorer != nil || m.logs != nil || m.notice != "" {
			return m, nil // a second enter before the first opened
		}
		if msg.it.logs {
			return m, m.openLogs()
		}
		return m, m.openItem(msg.it)
	case logsMsg:
		if m.logs != nil {
			m.logs.update(msg)
		}
		return m, nil
	case closeLogsMsg:
		m.logs = nil
		return m, nil
	case openCallMsg:
		if m.explorer != nil || m.logs == nil || m.notice != "" {
			return m, nil
		}
		return m, m.openCall(msg.id)
	case tea.KeyPressMsg:
		if m.notice != "" {
			return m, nil // closing
		}
	}
	switch {
	case m.explorer != nil:
		return m.toExplorer(msg)
	case m.logs != nil:
		return m, m.logs.update(msg)
	case m.picker != nil:
		return m, m.picker.update(msg)
	}
	return m, nil
}

func (m *sessionModel) toExplorer(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.explorer, cmd = m.explorer.Update(msg)
	return m, tag(m.gen, cmd)
}

// durationText is 30m rather than 30m0s.
func durationText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// closing shows notice, then ends the session.
func (m *sessionModel) closing(notice string) tea.Cmd {
	if m.notice != "" {
		return nil
	}
	m.notice = notice
	return tea.Tick(m.srv.cfg.Notice, func(time.Time) tea.Msg { return closeMsg{} })
}

// open starts an explorer on src; detail names it in the audit log.
func (m *sessionModel) open(src source, detail string) tea.Cmd {
	m.gen++
	srv, w, c := m.srv, m.who, m.srv.cache
	load := func(ctx context.Context, progress func(string)) (*File, error) {
		f, err := c.open(ctx, src, w.role, progress)
		if err != nil && ctx.Err() == nil {
			_ = srv.log(w, ActError, detail+": "+clip(err.Error(), 300))
		}
		return f, err
	}
	m.explorer = newExplorer(explorerOptions{source: src.name, size: src.size, load: load, getenv: m.getenv,
		onCopy: func(kind string) { _ = srv.log(w, ActCopy, kind) }})
	m.explorer, _ = m.explorer.Update(tea.WindowSizeMsg{Width: m.w, Height: m.h})
	return tag(m.gen, m.explorer.Init())
}

// openItem opens what the picker chose, once the audit log has it.
func (m *sessionModel) openItem(it *item) tea.Cmd {
	src, detail, err := m.srv.sourceOf(it)
	if err == nil {
		if err = m.srv.log(m.who, ActOpen, detail); err != nil {
			err = errors.New("the server cannot write its audit log, so it opens nothing; tell its admin")
		}
	}
	if err != nil {
		m.picker.status = "cannot open: " + clean(err.Error())
		return nil
	}
	m.picker.status = ""
	return m.open(src, detail)
}

// openLogs shows Graph's PSTN and Direct Routing logs, once the audit
// log has it: they name people and numbers.
func (m *sessionModel) openLogs() tea.Cmd {
	label := m.picker.logsLabel
	if err := m.srv.log(m.who, ActOpen, label); err != nil {
		m.picker.status = "cannot open: the server cannot write its audit log, so it opens nothing; tell its admin"
		return nil
	}
	m.picker.status = ""
	m.logs = newLogView(label, m.w, m.h)
	c, role, ctx := m.srv.cat, m.who.role, m.srv.base
	return func() tea.Msg {
		t, err := c.callLogs(ctx, role)
		return logsMsg{t, err}
	}
}

// openCall opens the call a log row names: the copy under --records if
// there is one, else Graph's.
func (m *sessionModel) openCall(id string) tea.Cmd {
	src, detail, err := m.srv.resolveID(id)
	if err == nil {
		if err = m.srv.log(m.who, ActOpen, detail); err != nil {
			err = errors.New("the server cannot write its audit log, so it opens nothing; tell its admin")
		}
	} else {
		_ = m.srv.log(m.who, ActError, clip(err.Error(), 300))
	}
	if err != nil {
		m.logs.status = "cannot open: " + clean(err.Error())
		return nil
	}
	return m.open(src, detail)
}

// explorerDone is q in the explorer: back to the picker, or the end.
func (m *sessionModel) explorerDone() tea.Cmd {
	err := explorerErr(m.explorer)
	m.explorer = nil
	m.gen++
	if m.picker == nil {
		m.err = err
		return tea.Quit
	}
	if err != nil && m.logs != nil {
		m.logs.status = "could not open: " + clean(err.Error())
	} else if err != nil {
		m.picker.status = "could not open: " + clean(err.Error())
	}
	return nil
}

func (m *sessionModel) View() tea.View {
	var v tea.View
	switch {
	case m.explorer != nil:
		v = m.explorer.View()
	case m.logs != nil:
		v = tea.NewView(m.logs.view())
		v.AltScreen = true
		v.WindowTitle = "callscope · PSTN and Direct Routing"
	case m.picker != nil:
		v = tea.NewView(m.picker.view())
		v.AltScreen = true
		v.WindowTitle = "callscope"
	}
	if m.notice != "" {
		v.Content = withNotice(v.Content, m.notice, m.w)
		v.AltScreen = true
	}
	return v
}

// withNotice puts notice in reverse video on the screen's last line.
func withNotice(screen, notice string, w int) string {
	lines := strings.Split(screen, "\n")
	line := " " + notice
	if pad := w - ansi.StringWidth(line); pad > 0 {
		line += strings.Repeat(" ", pad)
	}
	line = "\x1b[7m" + ansi.Truncate(line, max(w, 1), "…") + "\x1b[27m"
	lines[len(lines)-1] = line
	return strings.Join(lines, "\n")
}

// sessionGetenv reads the environment the client sent, and its TERM: what
// the clipboard and the colours go by (never the server's own TMUX).
func sessionGetenv(sess ssh.Session) func(string) string {
	env := map[string]string{}
	for _, kv := range sess.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	if pty, _, ok := sess.Pty(); ok {
		env["TERM"] = pty.Term
	}
	return func(k string) string { return env[k] }
}

// idleInput is the session's input, noting when a key last came.
type idleInput struct {
	r    io.Reader
	last atomic.Int64 // unix nanoseconds
}

func (in *idleInput) Read(b []byte) (int, error) {
	n, err := in.r.Read(b)
	if n > 0 {
		in.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// watchIdle tells p when no key came for d, until ctx ends.
func watchIdle(ctx context.Context, in *idleInput, d time.Duration, p *tea.Program) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			idle := time.Since(time.Unix(0, in.last.Load()))
			if idle >= d {
				p.Send(idleMsg{})
				return
			}
			t.Reset(d - idle)
		}
	}
}

// noSuspend keeps ctrl+z from suspending: Bubble Tea would stop the whole
// server's process group. (The explorer already says no; this is the
// backstop wish's MakeOptions has too. A program has one filter.)
func noSuspend(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.SuspendMsg); ok {
		return tea.ResumeMsg{}
	}
	return msg
}

// explore runs the picker, or the explorer on a call, on the session's
// terminal until the user quits, the session goes idle, the client goes
// away or the server shuts down.
func (s *Server) explore(sess ssh.Session, w who, id string) int {
	pty, windows, _ := sess.Pty()
	width, height := pty.Window.Width, pty.Window.Height
	if width <= 0 || height <= 0 {
		width, height = 80, 24 // ssh -tt with no terminal behind it
	}
	getenv := sessionGetenv(sess)
	m := &sessionModel{srv: s, who: w, getenv: getenv, w: width, h: height}
	if id == "" {
		files, err := s.cat.fileItems()
		logsLabel := ""
		if s.cfg.Graph != nil {
			logsLabel = "PSTN and Direct Routing calls (last " + durationText(s.cat.logSpan()) + ")"
		}
		m.picker = newPicker(files, err, s.cfg.Records, s.cfg.Graph != nil, logsLabel)
		m.picker.update(tea.WindowSizeMsg{Width: width, Height: height})
	} else {
		src, detail, err := s.resolveID(id)
		if err == nil {
			if err = s.log(w, ActOpen, detail); err != nil {
				err = errors.New("the server cannot write its audit log, so it opens nothing; tell its admin")
			}
		} else {
			_ = s.log(w, ActError, clip(err.Error(), 300))
		}
		if err != nil {
			fmt.Fprintln(sess.Stderr(), "callscope: "+clean(err.Error()))
			return 1
		}
		m.start = m.open(src, detail)
	}

	envs := append(sess.Environ(), "TERM="+pty.Term)
	profile := colorprofile.Env(envs)
	if p, forced := forcedProfile(getenv); forced {
		profile = p
	}
	in := &idleInput{r: sess}
	in.last.Store(time.Now().UnixNano())
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	p := tea.NewProgram(m,
		tea.WithInput(in), tea.WithOutput(sess), tea.WithContext(ctx),
		tea.WithEnvironment(envs), tea.WithWindowSize(width, height), tea.WithColorProfile(profile),
		tea.WithoutSignalHandler(), // SIGTERM is the server's: Shutdown tells each session
		tea.WithFilter(noSuspend),
	)
	s.track(w.session, p)
	defer s.untrack(w.session)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case win, open := <-windows:
				if !open {
					return // the session is over
				}
				if win.Width > 0 && win.Height > 0 {
					p.Send(tea.WindowSizeMsg{Width: win.Width, Height: win.Height})
				}
			}
		}
	}()
	go watchIdle(ctx, in, s.cfg.IdleTimeout, p)

	_, err := p.Run()
	p.Kill() // restores the client's terminal if the program crashed
	switch {
	case m.notice != "":
		fmt.Fprintln(sess.Stderr(), "callscope: "+strings.TrimPrefix(m.notice, "callscope "))
	case m.err != nil:
		fmt.Fprintln(sess.Stderr(), "callscope: "+clean(m.err.Error()))
		return 1
	case err != nil && ctx.Err() == nil:
		fmt.Fprintln(sess.Stderr(), "callscope: the session ended on an error: "+clean(err.Error()))
		return 1
	}
	return 0
}
