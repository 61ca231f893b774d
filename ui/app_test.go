package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// keyMsg makes the key press Bubble Tea sends for a key name.
func keyMsg(s string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if c, ok := special[s]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if strings.HasPrefix(s, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

func step(m *Model, msg tea.Msg) *Model {
	nm, _ := m.Update(msg)
	return nm.(*Model)
}

func press(m *Model, keys ...string) *Model {
	for _, k := range keys {
		m = step(m, keyMsg(k))
	}
	return m
}

// loaded is the explorer at w×h with f loaded, as after Init's command.
func loaded(f *data.File, w, h int) *Model {
	m := New(Options{Source: "test.json", Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, Dark: true})
	m = step(m, tea.WindowSizeMsg{Width: w, Height: h})
	return step(m, loadedMsg{file: f})
}

func screen(m *Model) string { return ansi.Strip(m.View().Content) }

// timelineOf is the timeline view in front.
func timelineOf(m *Model) *timelineView { return m.ctx.view.(*timelineView) }

func TestScreenShowsCallAndSessions(t *testing.T) {
	m := loaded(demoFile(t), 160, 50)
	s := screen(m)
	for _, want := range []string{
		// Chiara's failure, repeated by its segment, counts once; the
		// feedback and the network's two problems are findings.
		"callscope · Call b3f0c6a2 · streams ✓14 ✗4 ·5 · ⊘1 failure · ✗3 problem findings · group call",
		"▾ ⊘ Call b3f0c6a2", // failure outranks poor
		"▸ ✗ Alice Okafor → Conference server",
		"▸ ⊘ failed · Chiara Rossi (Guest) → Conference server",
		"Organizer",
		"] next problem • → expand • ← collapse • tab switch pane • z zoom • ? all keys • q quit",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if lines := strings.Split(s, "\n"); len(lines) != 50 {
		t.Errorf("%d lines, want 50", len(lines))
	}
}

func TestDrillDownToAStream(t *testing.T) {
	m := loaded(demoFile(t), 160, 50)
	// Alice's session: open, step in to the segment, open, step in to
	// main-audio, open; the first stream is the one she sent, the second the
	// one she received.
	m = press(m, "j", "l", "l", "l", "l", "l", "j", "j")
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelStream {
		t.Fatalf("selected %+v, want a stream", sel)
	}
	s := screen(m)
	for _, want := range []string{
		"Stream · 3847120569",
		"✗ poor audio",
		"• packet loss 15.2 % > 10 %",
		"• jitter 41 ms > 30 ms",
		"Conference server → Alice Okafor",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	m = press(m, "h") // a stream has no children: h goes to its media
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelMedia || !m.ctx.Tree.IsOpen(sel) {
		t.Errorf("h selected %+v, want the open media", sel)
	}
	m = press(m, "h", "h") // collapse the media, then up to the segment
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelSegment {
		t.Errorf("h h selected %+v, want the segment", sel)
	}
}

func TestMovementKeys(t *testing.T) {
	m := loaded(demoFile(t), 100, 30)
	m = press(m, "4") // every stream visible
	rows := m.ctx.Tree.Rows()
	cases := []struct {
		keys []string
		want int
	}{
		{[]string{"G"}, rows - 1},
		{[]string{"g"}, 0},
		{[]string{"end"}, rows - 1},
		{[]string{"home"}, 0},
		{[]string{"j", "j", "down"}, 3},
		{[]string{"k", "up"}, 1},
		{[]string{"ctrl+d"}, 1 + m.ctx.Layout.TreeH/2},
		{[]string{"ctrl+u"}, 1},
		{[]string{"pgdown", "pgdown"}, 1 + 2*(m.ctx.Layout.TreeH/2)},
		{[]string{"pgup", "pgup"}, 1},
	}
	for _, c := range cases {
		m = press(m, c.keys...)
		if got := m.ctx.Tree.Cursor(); got != c.want {
			t.Errorf("after %v: row %d, want %d", c.keys, got, c.want)
		}
	}
}

func TestDepthKeys(t *testing.T) {
	f := demoFile(t)
	c := f.Records[0].Counts()
	for key, want := range map[string]int{
		"1": 1 + c.Sessions, "2": 1 + c.Sessions + c.Segments,
		"3": 1 + c.Sessions + c.Segments + c.Media, "4": 1 + c.Sessions + c.Segments + c.Media + c.Streams,
	} {
		if got := press(loaded(f, 100, 30), key).ctx.Tree.Rows(); got != want {
			t.Errorf("key %s: %d rows, want %d", key, got, want)
		}
	}
	m := press(loaded(f, 100, 30), "j", "L")
	if m.ctx.Tree.Rows() <= 1+c.Sessions {
		t.Error("L expanded nothing")
	}
	if press(m, "H").ctx.Tree.Rows() != 1+c.Sessions {
		t.Error("H did not collapse the subtree")
	}
}

func TestFocusScrollsTheDetailPane(t *testing.T) {
	m := loaded(demoFile(t), 80, 24)      // one pane at a time
	m = press(m, "j", "l", "l", "l", "l") // a media: a long pane
	if !strings.Contains(screen(m), "Tree") {
		t.Fatal("the tree must show first")
	}
	m = press(m, "tab")
	s := screen(m)
	if !strings.Contains(s, "Media · main-audio") || !strings.Contains(s, "tab: tree") {
		t.Fatalf("tab did not show the details:\n%s", s)
	}
	sel := m.ctx.Tree.Selected()
	m = press(m, "j", "j", "j")
	if m.right().sc.offset() != 3 || m.ctx.Tree.Selected() != sel {
		t.Errorf("j in the details: offset %d, selection moved: %v", m.right().sc.offset(), m.ctx.Tree.Selected() != sel)
	}
	m = press(m, "G")
	if want := len(m.right().lines) - m.ctx.Layout.DetailH; m.right().sc.offset() != want {
		t.Errorf("G in the details: offset %d, want %d", m.right().sc.offset(), want)
	}
	m = press(m, "tab", "j")
	if m.ctx.Tree.Selected() == sel {
		t.Error("after tab back, j must move the tree")
	}
	if m.right().sc.offset() != 0 {
		t.Error("a new selection starts its details at the top")
	}
}

func TestFooterFitsEightyColumns(t *testing.T) {
	lines := strings.Split(screen(loaded(demoFile(t), 80, 24)), "\n")
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "? all keys • q quit") {
		t.Errorf("footer at 80 columns: %q", foot)
	}
}

func TestHelpScreen(t *testing.T) {
	// Tall enough to show the whole help: every key of the main screen,
	// the prompts' and the program's.
	m := press(loaded(demoFile(t), 100, 120), "?")
	s := screen(m)
	k := DefaultKeyMap()
	for _, g := range append(m.main.Groups(), k.programGroup()) {
		for _, k := range g.Keys {
			if !strings.Contains(s, k.Help().Desc) {
				t.Errorf("help lacks %q", k.Help().Desc)
			}
		}
	}
	if strings.Contains(s, k.PickOpen.Help().Desc) {
		t.Error("the main screen's help lists the picker's keys")
	}
	if press(m, "j").ctx.Tree.Cursor() != 0 {
		t.Error("keys other than ?/esc/q must not move the tree under the help")
	}
	if isHelp(press(m, "esc").ctx.view) {
		t.Error("esc does not close the help")
	}
	if isHelp(press(press(m, "?"), "?").ctx.view) {
		t.Error("? does not close the help")
	}
}

func TestQuitAndSuspend(t *testing.T) {
	stubSuspend(t, true, "") // a job-control shell; see suspend_test.go for the rest
	m := loaded(demoFile(t), 80, 24)
	for _, k := range []string{"q", "ctrl+c"} {
		if _, cmd := m.Update(keyMsg(k)); cmd == nil || cmd() != tea.Quit() {
			t.Errorf("%s does not quit", k)
		}
	}
	if _, cmd := m.Update(keyMsg("ctrl+z")); cmd == nil || cmd() != tea.Suspend() {
		t.Error("ctrl+z does not suspend")
	}
}

func TestLoadingAndLoadError(t *testing.T) {
	m := New(Options{Source: "big.json", Size: 100 << 20, Load: func(context.Context, func(string)) (*data.File, error) { return nil, errors.New("boom") }})
	m = step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := screen(m); !strings.Contains(s, "Loading big.json (100.0 MB)…") {
		t.Errorf("loading screen:\n%s", s)
	}
	if press(m, "j", "l", "?").ctx.Tree != nil {
		t.Error("keys while loading")
	}
	nm, cmd := m.Update(loadedMsg{err: errors.New("big.json:3:1: invalid JSON")})
	if cmd == nil || cmd() != tea.Quit() || nm.(*Model).Err() == nil {
		t.Error("a load error must quit with the error")
	}
}

// Every size, every key, any resize: no panic, never more lines or wider
// lines than the terminal.
func TestAnySize(t *testing.T) {
	f := demoFile(t)
	sizes := [][2]int{{1, 1}, {2, 2}, {20, 6}, {80, 24}, {99, 29}, {100, 30}, {160, 50}, {250, 80}, {0, 0}, {5, 100}, {300, 3}}
	keys := []string{"4", "G", "l", "L", "tab", "j", "G", "?", "esc", "tab", "k", "H", "1", "g",
		"]", "]", "[", "f", "j", "esc", "p", "j", "enter", "esc", "t", "G", "enter", "t", "esc"}
	for _, sz := range sizes {
		m := loaded(f, sz[0], sz[1])
		for _, k := range keys {
			m = press(m, k)
			checkFits(t, m, sz[0], sz[1], k)
		}
		for _, sz2 := range sizes { // resize from here to every size
			m2 := step(m, tea.WindowSizeMsg{Width: sz2[0], Height: sz2[1]})
			checkFits(t, m2, sz2[0], sz2[1], "resize")
		}
	}
}

func checkFits(t *testing.T, m *Model, w, h int, after string) {
	t.Helper()
	s := screen(m)
	if w <= 0 || h <= 0 {
		if s != "" {
			t.Errorf("%d×%d after %s: drew %q", w, h, after, s)
		}
		return
	}
	if !utf8.ValidString(m.View().Content) {
		t.Errorf("%d×%d after %s: the screen is not valid UTF-8 (a character was cut)", w, h, after)
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		t.Errorf("%d×%d after %s: %d lines", w, h, after, len(lines))
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("%d×%d after %s: line %d is %d wide: %q", w, h, after, i, ansi.StringWidth(l), l)
			return
		}
	}
}

func TestHelpScrollsWhenTallerThanTheScreen(t *testing.T) {
	m := press(loaded(demoFile(t), 80, 24), "?")
	if !strings.Contains(screen(m), "j/k scroll") || strings.Contains(screen(m), "ctrl+z") {
		t.Fatalf("80×24 help:\n%s", screen(m))
	}
	m = press(m, "G")
	if s := screen(m); !strings.Contains(s, "ctrl+z") || !strings.Contains(s, "Marks") {
		t.Errorf("G in the help does not reach the end:\n%s", s)
	}
	if m = press(m, "g"); !strings.Contains(screen(m), "Move") {
		t.Error("g in the help does not go back to the top")
	}
	wide := press(loaded(demoFile(t), 160, 50), "?")
	if s := screen(wide); strings.Contains(s, "j/k scroll") || !strings.Contains(s, "ctrl+z") {
		t.Errorf("160×50 help must fit in two columns:\n%s", s)
	}
}

// The header's counts say what they count: a call marked ✗ for its poor
// feedback alone (Graph's v1.0 sample) says so, not a bare ✗0.
func TestHeaderCountsAreHonest(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "graph", "callrecord-get-expand-sessions-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := load.Load("v1.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if q := f.Records[0].Quality; q.State() != data.StateProblem || q.Poor != 0 || q.ProblemFindings != 1 {
		t.Fatalf("the sample's roll-up: %+v", q)
	}
	head := strings.Split(screen(loaded(f, 120, 24)), "\n")[0]
	if !strings.Contains(head, "· streams ✓0 ✗0 ·1 · ✗1 problem finding · peer to peer") {
		t.Errorf("header %q", head)
	}
	if strings.Contains(head, "failure") {
		t.Errorf("header %q counts a failure the call lacks", head)
	}
}
