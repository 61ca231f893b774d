package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/golden"
	find "github.com/callscope/callscope/search"
	"github.com/callscope/callscope/theme"
)

// Keys from the start to two panes of the demo: Alice's poor received
// audio stream (packet loss 15.2 %, jitter 41 ms), and her main-audio media
// (Wi-Fi signal 38 % on 2.4 GHz, microphone glitches 14.5 per 5 min).
var (
	toPoorStream = []string{"j", "l", "l", "l", "l", "l", "j", "j"}
	toAliceAudio = []string{"j", "l", "l", "l", "l"}
)

// quits tells whether a command ends the program.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// paneLine is the details pane's line that starts with label, without
// colour and padding.
func paneLine(m *Model, label string) string {
	for _, l := range m.main.details.lines {
		if l := strings.TrimSpace(ansi.Strip(l)); strings.HasPrefix(l, label) {
			return l
		}
	}
	return ""
}

func TestValuesOverALimitAreMarked(t *testing.T) {
	f := demoFile(t)
	m := press(loaded(f, 160, 50), toPoorStream...)
	if sel := m.ctx.Tree.Selected(); resolve(f, sel).st.Quality.Verdict != data.Poor {
		t.Fatalf("not the poor stream: %+v", sel)
	}
	st := m.ctx.St
	for label, want := range map[string]string{
		// the CQD verdict's reasons: ✗, the verdict's colour
		"Jitter avg / max":      "41 ms ✗ / 164 ms",
		"Packet loss avg / max": "15.2 % ✗ / 38 %",
		// the legacy notes: !
		"Concealed avg / max": "11.8 % ! / 34.2 %",
		"Audio degradation":   "2.31 !",
		// under every limit: as it was
		"Round trip avg / max": "96 ms / 338 ms",
	} {
		if got := paneLine(m, label); !strings.HasSuffix(got, want) {
			t.Errorf("%s: %q, want it to end %q", label, got, want)
		}
	}
	if !strings.Contains(m.View().Content, st.poor.Render("15.2 % ✗")) {
		t.Error("the packet loss over its limit is not in the verdict's colour")
	}

	m = press(loaded(f, 160, 50), toAliceAudio...)
	for label, want := range map[string]string{
		"Wi-Fi signal":     "38 % !",           // weak Wi-Fi finding
		"Mic glitches":     "14.5 per 5 min !", // glitch finding
		"Speaker glitches": "3.2 per 5 min",    // under its limit
		"Low speech/noise": "7 % !",            // a device ratio over 5 %
		"Device glitches":  "2 %",
	} {
		if got := paneLine(m, label); !strings.HasSuffix(got, want) {
			t.Errorf("%s: %q, want it to end %q", label, got, want)
		}
	}
	if !strings.Contains(strings.Join(m.main.details.lines, "\n"), st.warning.Render("38 % !")) {
		t.Error("the weak Wi-Fi signal is not in the warning colour")
	}
}

// Each side's values are marked by that side's findings only.
func TestLimitsAreOneSidesOwn(t *testing.T) {
	fs := []data.Finding{
		{Who: "Alice", Metric: "wifiSignalStrength", Severity: data.Warning, At: data.Place{Se: 0, Sg: 0, Md: 0, St: -1}},
		{Who: "Bob", Metric: "micGlitchRate", Severity: data.Problem, At: data.Place{Se: 0, Sg: 0, Md: 0, St: -1}},
		{Who: "Alice", Metric: "averageJitter", Severity: data.Warning, At: data.Place{Se: 0, Sg: 0, Md: 0, St: 1}}, // a stream's
		{Who: "Alice", Metric: "renderMuteEventRatio", Severity: data.Info, At: data.Place{Se: 0, Sg: 0, Md: 0, St: -1}},
	}
	got := sideLimits(fs, "Alice")
	if len(got) != 1 || got["wifiSignalStrength"] != data.Warning {
		t.Errorf("Alice's limits: %v", got)
	}
}

func TestEnumsInWordsInThePanes(t *testing.T) {
	f := demoFile(t)
	pane := func(m *Model) string { return ansi.Strip(strings.Join(m.main.details.lines, "\n")) }
	media := pane(press(loaded(f, 160, 50), toAliceAudio...))
	call := pane(loaded(f, 160, 50))
	for _, c := range []struct{ screen, want, not string }{
		{media, "Wi-Fi band          2.4 GHz", "frequency24GHz"},
		{media, "Connection          Wi-Fi", "Connection          wifi"},
		{media, "802.11n (Wi-Fi 4)", "wifi80211n"},
		{media, "Label   audio (main-audio)", "Label   main-audio"},
		{call, "Type          group call", "Type          groupCall"},
		{call, "screen sharing", "screenSharing   "},
	} {
		if !strings.Contains(c.screen, c.want) || strings.Contains(c.screen, c.not) {
			t.Errorf("want %q and not %q:\n%s", c.want, c.not, c.screen)
		}
	}
}

// The search finds what the panes say in words: an enum value, a
// finding's text, a verdict's reason.
func TestSearchFindsThePanesWords(t *testing.T) {
	f := demoFile(t)
	m := loaded(f, 160, 50)
	alice := press(loaded(f, 160, 50), toAliceAudio...).ctx.Tree.Selected()
	poor := press(loaded(f, 160, 50), toPoorStream...).ctx.Tree.Selected()
	for q, want := range map[string]Node{
		"2.4 GHz":                   alice, // wifiBand frequency24GHz
		"802.11n":                   alice, // wifiRadioType wifi80211n
		"Wi-Fi signal 38":           alice, // the finding
		"microphone glitches 14.5":  alice,
		"packet loss 15.2 % > 10 %": poor, // the verdict's reason
	} {
		nodes, err := findNodes(context.Background(), m.ctx.Tree, f, q)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, n := range nodes {
			found = found || n == want
		}
		if !found {
			t.Errorf("%q: %v lacks %+v", q, nodes, want)
		}
	}
	// And the pane highlights it, which shows it is on screen.
	m = press(m, append([]string{"/"}, strings.Split("2.4 GHz", "")...)...)
	m = press(m, "enter")
	m = step(m, m.main.search.start(m.ctx.Tree, "2.4 GHz")())
	if !strings.Contains(strings.Join(m.main.details.sc.lines, "\n"), m.ctx.St.match.Render("2.4 GHz")) {
		t.Errorf("the first match's pane does not show 2.4 GHz highlighted:\n%s", screen(m))
	}
}

// No block is a title over nothing: an audio stream has no Video block,
// a video stream no Audio block, and no stream names the other kind's codec.
func TestNoEmptyBlocks(t *testing.T) {
	f := demoFile(t)
	tr := NewTree(f)
	kinds := map[data.MediaKind]int{}
	tr.AllNodes(func(n Node) bool {
		b := buildDetail(f, n, 100, newStyles(theme.New(true)), nil)
		lines := make([]string, len(b))
		for i, l := range b {
			lines[i] = strings.TrimRight(ansi.Strip(l), " ")
		}
		for i, l := range lines {
			if isTitle(l) && (i+1 == len(lines) || lines[i+1] == "") {
				t.Errorf("%+v: the block %q is empty", n, l)
			}
		}
		if n.Level != LevelStream {
			return true
		}
		s := resolve(f, n).st
		kinds[s.Kind]++
		text := strings.Join(lines, "\n")
		switch s.Kind {
		case data.KindAudio:
			if strings.Contains(text, "\nVideo\n") || strings.Contains(text, "Video codec") {
				t.Errorf("audio stream %+v shows video:\n%s", n, text)
			}
		case data.KindVideo:
			if strings.Contains(text, "\nAudio\n") || strings.Contains(text, "Audio codec") {
				t.Errorf("video stream %+v shows audio:\n%s", n, text)
			}
		}
		return true
	})
	if kinds[data.KindAudio] == 0 || kinds[data.KindVideo] == 0 {
		t.Fatalf("the demo has no audio or no video stream: %v", kinds)
	}
}

// isTitle is a section title of a pane: one of the titles sections get.
func isTitle(l string) bool {
	switch l {
	case "Stream", "Network", "Audio", "Video", "Call", "Counts", "Session", "Segment", "Caller", "Callee":
		return true
	}
	return false
}

func TestZoomTakesTheWholeWidth(t *testing.T) {
	m := press(loaded(demoFile(t), 120, 40), toPoorStream...)
	m = press(m, "tab")
	narrow := m.main.details.w
	m = press(m, "z")
	if m.main.details.w != 120 {
		t.Fatalf("zoomed details are %d wide, want 120 (were %d)", m.main.details.w, narrow)
	}
	s := screen(m)
	if strings.Contains(s, "Tree ") || !strings.Contains(s, "z: back") {
		t.Errorf("zoomed screen shows the tree, or not how to go back:\n%s", s)
	}
	// The caveat is one line at 120 columns: nothing cut or wrapped short.
	if !strings.Contains(s, "Microsoft's words, a Poor classification means the conditions for good quality were not present") {
		t.Errorf("the caveat is cut:\n%s", s)
	}
	m = press(m, "z")
	if m.main.details.w != narrow || !strings.Contains(screen(m), "Tree ") {
		t.Errorf("z again: details %d wide, want %d, and the tree back", m.main.details.w, narrow)
	}
	// The tree zooms too.
	m = press(m, "tab", "z")
	if m.main.tree.w != 120 || strings.Contains(screen(m), "Stream ·") {
		t.Errorf("zoomed tree is %d wide", m.main.tree.w)
	}
}

// ] and [ in the details pane go to the next problem and keep the focus
// there, at every size.
func TestNextProblemFromTheDetails(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		m := press(loaded(demoFile(t), size[0], size[1]), "tab")
		m = press(m, "]")
		if m.ctx.Focus != focusDetails {
			t.Errorf("%v: ] moved the focus to the tree", size)
		}
		first := m.ctx.Tree.Selected()
		if first.Level == LevelCall || !strings.HasPrefix(m.ctx.Status, "problem 1 of") {
			t.Errorf("%v: ] selected %+v, status %q", size, first, m.ctx.Status)
		}
		m = press(m, "]", "[")
		if m.ctx.Focus != focusDetails || m.ctx.Tree.Selected() != first || !strings.HasPrefix(m.ctx.Status, "problem 1 of") {
			t.Errorf("%v: ] [ ended at %+v (focus %v), status %q", size, m.ctx.Tree.Selected(), m.ctx.Focus, m.ctx.Status)
		}
		if size[0] == 80 && !strings.Contains(screen(m), "tab: tree") {
			t.Errorf("80x24: the details pane is not the one shown:\n%s", screen(m))
		}
	}
}

func TestCopyPromptAndHelpTakeQ(t *testing.T) {
	m := loaded(demoFile(t), 80, 24)
	m = press(m, "y")
	if foot := lastLine(screen(m)); !strings.Contains(foot, "q cancel") || strings.Contains(foot, "quit") {
		t.Errorf("after y the footer offers %q; want q cancel", foot)
	}
	nm, cmd := m.Update(keyMsg("q"))
	m = nm.(*Model)
	if quits(cmd) {
		t.Fatal("y q quit the explorer")
	}
	if m.main.copy.Capturing() || m.ctx.Status != "nothing copied" || m.ctx.LastCopy != "" {
		t.Errorf("y q: armed %v, status %q, copy %q", m.main.copy.Capturing(), m.ctx.Status, m.ctx.LastCopy)
	}
	m = press(m, "?")
	nm, cmd = m.Update(keyMsg("q"))
	m = nm.(*Model)
	if quits(cmd) || m.ctx.view != nil {
		t.Fatalf("? q: quit %v, view %T", quits(cmd), m.ctx.view)
	}
	// ? from a view, q: back to that view.
	m = press(m, "p", "?")
	if _, cmd = m.Update(keyMsg("q")); quits(cmd) || m.ctx.view == nil || isHelp(m.ctx.view) {
		t.Errorf("p ? q: quit %v, view %T", quits(cmd), m.ctx.view)
	}
	// q still quits, and ctrl+c quits even after y.
	m = press(m, "esc")
	if _, cmd = m.Update(keyMsg("q")); !quits(cmd) {
		t.Error("q no longer quits")
	}
	m = press(m, "y")
	if _, cmd = m.Update(keyMsg("ctrl+c")); !quits(cmd) {
		t.Error("y ctrl+c does not quit")
	}
}

// y s copies the pane as text: a value wrapped on screen is one line.
func TestCopyPaneTextIsUnwrapped(t *testing.T) {
	m := press(loaded(demoFile(t), 80, 24), "j") // Alice's session
	// Wrapped at 80 columns: at a space, and inside an id at a hyphen.
	for _, v := range []string{"11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", "5d2a9c14-8e3b-4f71-a6c0-91b7e4d2f358"} {
		found := false
		for _, l := range m.main.details.lines {
			found = found || strings.Contains(ansi.Strip(l), v)
		}
		if found {
			t.Fatalf("%q fits at 80 columns: the test needs a longer value", v)
		}
	}
	m = press(m, "y", "s")
	for _, want := range []string{"CPU         11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz (8 cores, 2995 MHz)", "User id     5d2a9c14-8e3b-4f71-a6c0-91b7e4d2f358"} {
		if !strings.Contains(m.ctx.LastCopy, want+"\n") {
			t.Errorf("y s lacks the line %q:\n%s", want, m.ctx.LastCopy)
		}
	}
	for _, l := range strings.Split(m.ctx.LastCopy, "\n") {
		if l != strings.TrimRight(l, " ") || strings.Contains(l, "│") {
			t.Errorf("copied line %q has padding or a column rule", l)
		}
	}
}

// --print-on-exit keeps a copy too big for the clipboard, for the print.
func TestPrintOnExitLiftsTheCopyLimit(t *testing.T) {
	f, _ := generated(t, 60)
	if len(f.Records[0].Raw) < maxClipboard {
		t.Fatalf("the call's JSON is %d bytes: not too big", len(f.Records[0].Raw))
	}
	m := press(loaded(f, 100, 30), "y", "y")
	if m.ctx.LastCopy == "" || !strings.Contains(m.ctx.Status, "too big to copy") || !strings.Contains(m.ctx.Status, "--print-on-exit") {
		t.Errorf("without --print-on-exit: status %q", m.ctx.Status)
	}
	m = New(Options{Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, PrintOnExit: true})
	m = step(step(m, tea.WindowSizeMsg{Width: 100, Height: 30}), loadedMsg{file: f})
	nm, cmd := m.Update(keyMsg("y"))
	nm, cmd = nm.Update(keyMsg("y"))
	m = nm.(*Model)
	if m.LastCopy() != f.Records[0].Raw || strings.Contains(m.ctx.Status, "--print-on-exit") || !strings.Contains(m.ctx.Status, "printed when you quit") {
		t.Errorf("with --print-on-exit: %d bytes kept, status %q", len(m.LastCopy()), m.ctx.Status)
	}
	if cmd != nil {
		t.Error("a copy too big for the clipboard was sent to it")
	}
}

// Over SSH the explorer suggests what works there, not callscope's flags.
func TestReportHint(t *testing.T) {
	const hint = "ssh HOST report --format json CALLID"
	f, _ := generated(t, 60)
	for _, c := range []struct{ hint, want, not string }{
		{"", "callscope report --format json lists them all", hint},
		{hint, hint + " lists them all", "callscope report"},
	} {
		m := New(Options{Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, Dark: true, ReportHint: c.hint})
		m = step(step(m, tea.WindowSizeMsg{Width: 160, Height: 50}), loadedMsg{file: f})
		pane := ansi.Strip(strings.Join(m.main.details.sc.lines, "\n"))
		if !strings.Contains(pane, c.want) || strings.Contains(pane, c.not) {
			t.Errorf("hint %q: the call's findings say:\n%s", c.hint, pane)
		}
		m = press(m, "y", "y")
		if c.hint != "" && (!strings.Contains(m.ctx.Status, "use "+hint) || strings.Contains(m.ctx.Status, "callscope") || strings.Contains(m.ctx.Status, "--print-on-exit")) {
			t.Errorf("hint %q: a copy too big says %q", c.hint, m.ctx.Status)
		}
	}
}

func TestSearchPromptShowsItsPlaceholder(t *testing.T) {
	for _, w := range []int{80, 100, 160} {
		m := press(loaded(demoFile(t), w, 24), "/")
		lines := strings.Split(screen(m), "\n")
		foot := lines[len(lines)-1]
		if !strings.Contains(foot, "/name, number, UPN, IP, user agent, device, codec, id") || !strings.Contains(foot, "esc") {
			t.Errorf("%d columns: the prompt is %q", w, foot)
		}
	}
}

func TestMouse(t *testing.T) {
	f := demoFile(t)
	if m := loaded(f, 160, 50); m.View().MouseMode != tea.MouseModeNone {
		t.Error("the mouse is on without --mouse: the terminal's selection would not work")
	}
	m := New(Options{Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, Dark: true, Mouse: true})
	m = step(step(m, tea.WindowSizeMsg{Width: 160, Height: 20}), loadedMsg{file: f})
	if m.View().MouseMode == tea.MouseModeNone {
		t.Fatal("--mouse did not turn the mouse on")
	}
	click := func(x, y int) tea.Msg { return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft} }
	wheel := func(x, y int, b tea.MouseButton) tea.Msg { return tea.MouseWheelMsg{X: x, Y: y, Button: b} }
	// Side by side: header, title rule, then the rows.
	m = step(m, click(100, 10))
	if m.ctx.Focus != focusDetails {
		t.Error("a click on the details did not focus them")
	}
	m = step(m, click(5, 2+3))
	if m.ctx.Focus != focusTree || m.ctx.Tree.Cursor() != 3 {
		t.Errorf("a click on the fourth row: focus %v, cursor %d", m.ctx.Focus, m.ctx.Tree.Cursor())
	}
	m = step(m, click(5, 2+500)) // below the last row
	if m.ctx.Tree.Cursor() != 3 {
		t.Errorf("a click below the rows moved the cursor to %d", m.ctx.Tree.Cursor())
	}
	// The wheel scrolls the pane under the pointer, not the focused one.
	m = step(m, wheel(100, 10, tea.MouseWheelDown))
	if m.ctx.Tree.Cursor() != 3 || m.main.details.sc.offset() == 0 {
		t.Errorf("wheel over the details: cursor %d, details offset %d", m.ctx.Tree.Cursor(), m.main.details.sc.offset())
	}
	m = step(m, wheel(5, 10, tea.MouseWheelDown))
	if m.ctx.Tree.Cursor() != 6 {
		t.Errorf("wheel over the tree: cursor %d, want 6", m.ctx.Tree.Cursor())
	}
	// Stacked (80×40): the details start under the tree and their rule.
	m = step(m, tea.WindowSizeMsg{Width: 80, Height: 40})
	l := m.ctx.Layout
	m = step(m, click(5, 1+1+l.TreeH+1))
	if m.ctx.Focus != focusDetails {
		t.Errorf("stacked: a click on the details' first line did not focus them")
	}
	m = step(m, click(5, 1+1+l.TreeH)) // the details' title rule
	if m.ctx.Focus != focusDetails {
		t.Errorf("stacked: a click on a rule moved the focus")
	}
}

// Golden screens of a stream's details with its marked values, and of
// zoom, at 80×24 and 160×50.
func TestGoldenPanes(t *testing.T) {
	f := demoFile(t)
	for _, c := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"poor-stream-80x24", 80, 24, append(append([]string{}, toPoorStream...), "tab", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j")},
		{"media-marks-160x50", 160, 50, append(append([]string{}, toAliceAudio...), "tab", "ctrl+d")},
		{"zoom-stream-80x24", 80, 24, append(append([]string{}, toPoorStream...), "tab", "z")},
		{"zoom-stream-160x50", 160, 50, append(append([]string{}, toPoorStream...), "tab", "z")},
		{"zoom-tree-160x50", 160, 50, []string{"z"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := press(loaded(f, c.w, c.h), c.keys...)
			golden.Assert(t, t.Name()+".golden", []byte(screen(m)))
		})
	}
}

// The picker: newest first, the whole id of the record under the cursor
// on its last line, and after a failed open the same record with why.
func TestPickerNewestFirstWithTheWholeID(t *testing.T) {
	recs := listRecords(t, 5)
	long := loadJSON(t, `{"id":"2f0d8c6e-1b3a-4c5d-8e9f-0a1b2c3d4e5f","type":"groupCall","startDateTime":"2026-11-02T10:30:00Z","endDateTime":"2026-11-02T10:59:00Z"}`).Records[0]
	recs = append(recs, long)
	p := newPicker(recs, PickOptions{})
	p.SetSize(80, 12)
	lines := strings.Split(ansi.Strip(p.View()), "\n")
	if len(lines) != 12 || !strings.Contains(lines[3], "2026-11-02 10:30") || !strings.Contains(lines[4], "2026-11-02 09:04") {
		t.Fatalf("not newest first:\n%s", strings.Join(lines, "\n"))
	}
	if strings.Contains(lines[3], long.ID) || lines[11] != fit("id "+long.ID, 80) {
		t.Errorf("the whole id is not on the last line (or the row has it whole at 80 columns):\n%s", strings.Join(lines, "\n"))
	}
	pickerKeys(p, "down")
	if lines = strings.Split(ansi.Strip(p.View()), "\n"); !strings.HasPrefix(lines[11], "id rec-04") {
		t.Errorf("the id line does not follow the cursor: %q", lines[11])
	}

	p = newPicker(recs, PickOptions{Selected: "rec-02", Err: errors.New("Graph says 404: the record is older than 30 days\x1b[2J")})
	p.SetSize(80, 12)
	s := p.View()
	if it := p.list.SelectedItem().(pickerItem); p.records[it.rec].ID != "rec-02" {
		t.Errorf("the picker starts on %q, want rec-02", p.records[it.rec].ID)
	}
	if !strings.Contains(ansi.Strip(s), "could not open rec-02: Graph says 404") || strings.Contains(s, "\x1b[2J") {
		t.Errorf("the failed open is not said, or not cleaned:\n%s", s)
	}
	// A long one wraps: its remedy, at the end, shows.
	lp := newPicker(recs, PickOptions{Selected: "rec-02", Err: errors.New("Graph says 404: the record is older than 30 days, which Graph keeps; open an export saved before then")})
	lp.SetSize(80, 12)
	if s := ansi.Strip(lp.View()); !strings.Contains(s, "open an export saved before then") || len(strings.Split(s, "\n")) != 12 {
		t.Errorf("a long failure is cut:\n%s", s)
	}
	for _, r := range "x" {
		p.HandleKey(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if strings.Contains(p.View(), "could not open") {
		t.Error("the note stays once the user types")
	}
}

// The search shares a big meeting's sessions between the cores: it finds
// what a walk of every node finds, each node once, in display order.
func TestSearchOnEveryCoreFindsWhatOneWalkFinds(t *testing.T) {
	f, _ := generated(t, 600) // more sessions than one worker takes
	tr := NewTree(f)
	for _, q := range []string{"2.4 GHz", "Wi-Fi", "packet loss", "Conference server"} {
		got, err := findNodes(context.Background(), tr, f, q)
		if err != nil {
			t.Fatal(err)
		}
		words := enumMatcher(q)
		var want []Node
		tr.AllNodes(func(n Node) bool {
			if main, extra := rowText(f, n); find.ContainsFold(main+" "+extra, q) || paneWordsHold(f, n, q, words) {
				want = append(want, n)
			}
			return true
		})
		in := map[Node]bool{}
		for _, n := range got {
			if in[n] {
				t.Errorf("%q: %+v found twice", q, n)
			}
			in[n] = true
		}
		for _, n := range want {
			if !in[n] {
				t.Errorf("%q: %+v not found", q, n)
			}
		}
		if len(want) == 0 {
			t.Errorf("%q: the test finds nothing to compare", q)
		}
		sorted := slices.Clone(got)
		tr.SortDisplay(sorted)
		if !slices.Equal(sorted, got) {
			t.Errorf("%q: not in display order", q)
		}
	}
}

// lastLine is a screen's last line: the footer.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
