package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// focusStates are the explorer with each component in front: the keys
// that get there from the start screen.
var focusStates = []struct {
	name string
	keys []string
	want func(*Model) Component
}{
	{"main screen", nil, func(m *Model) Component { return m.main }},
	{"tree", nil, func(m *Model) Component { return m.main.tree }},
	{"details", []string{"tab"}, func(m *Model) Component { return m.main.details }},
	{"raw", []string{"tab", "r"}, func(m *Model) Component { return m.main.raw }},
	{"participants", []string{"p"}, func(m *Model) Component { return m.ctx.view }},
	{"timeline", []string{"t"}, func(m *Model) Component { return m.ctx.view }},
	{"help", []string{"?"}, func(m *Model) Component { return m.ctx.view }},
	{"problems", []string{"!"}, func(m *Model) Component { return m.ctx.view }},
}

// keyMapBindings are the key map's bindings by their keys.
func keyMapBindings() map[string]bool {
	out := map[string]bool{}
	for _, g := range DefaultKeyMap().Groups() {
		for _, b := range g.Keys {
			out[strings.Join(b.Keys(), " ")] = true
		}
	}
	return out
}

// Every component's help is chosen from the key map: the same keys (a
// footer may say them in fewer words).
func TestComponentHelpComesFromTheKeyMap(t *testing.T) {
	km := keyMapBindings()
	m := loaded(demoFile(t), 120, 40)
	p := newPicker(listRecords(t, 3), PickOptions{})
	comps := map[string]Component{"main screen": m.main, "tree": m.main.tree, "details": m.main.details, "raw": m.main.raw,
		"search": m.main.search, "copy": m.main.copy,
		"participants": newPeopleView(m.ctx, 0), "timeline": newTimelineView(m.ctx, m.ctx.Tree, 0),
		"help": newHelpView(m.ctx, m.main), "picker": p, "problems": newProblemsView(m.ctx, 0)}
	for name, c := range comps {
		var all []key.Binding
		all = append(all, c.ShortHelp()...)
		for _, col := range c.FullHelp() {
			all = append(all, col...)
		}
		if len(all) == 0 {
			t.Errorf("%s has no help", name)
		}
		for _, b := range all {
			if !km[strings.Join(b.Keys(), " ")] {
				t.Errorf("%s: %q (%v) is not in the key map", name, b.Help().Desc, b.Keys())
			}
		}
	}
}

// Each key a component lists in its help is one it handles: pressing it
// with that component in front is taken, not passed on.
func TestComponentsHandleTheKeysTheyList(t *testing.T) {
	f := demoFile(t)
	for _, s := range focusStates {
		m := press(loaded(f, 120, 40), s.keys...)
		for _, g := range s.want(m).Groups() {
			if g.Title == "Search prompt" || g.Title == "Copy (after y)" {
				continue // the prompts' keys, open: below
			}
			for _, b := range g.Keys {
				m := press(loaded(f, 120, 40), s.keys...) // a fresh one: the key may close the view
				c := s.want(m)
				k := b.Keys()[0]
				if _, ok := c.HandleKey(keyMsg(k)); !ok {
					t.Errorf("%s lists %q (%s) but does not handle it", s.name, b.Help().Desc, k)
				}
			}
		}
	}
	// The prompts: their keys while open.
	m := loaded(f, 120, 40)
	for _, b := range m.main.search.Groups()[1].Keys {
		m := press(loaded(f, 120, 40), "/")
		if _, ok := m.main.search.HandleKey(keyMsg(b.Keys()[0])); !ok || m.main.search.prompt {
			t.Errorf("the search prompt does not close on %q", b.Keys()[0])
		}
	}
	for _, b := range m.main.copy.Groups()[1].Keys {
		m := loaded(f, 120, 40)
		m.ctx.Opts.Getenv = env(nil)
		m = press(m, "4", "G", "y", b.Keys()[0]) // a stream: its JSON fits the clipboard
		if !strings.Contains(m.ctx.Status, "copied") {
			t.Errorf("y %s copied nothing: %q", b.Keys()[0], m.ctx.Status)
		}
	}
}

// ? shows the keys of the component in front, and the program's.
func TestHelpListsTheFocusedComponentsKeys(t *testing.T) {
	f := demoFile(t)
	k := DefaultKeyMap()
	for _, s := range focusStates {
		if s.name == "help" {
			continue
		}
		m := press(loaded(f, 100, 200), s.keys...)
		groups := append(m.focused().Groups(), programGroup(&k, m.focused()))
		s2 := screen(press(m, "?"))
		for _, g := range groups {
			if !strings.Contains(s2, g.Title) {
				t.Errorf("%s: the help lacks the group %q", s.name, g.Title)
			}
			for _, b := range g.Keys {
				if !strings.Contains(s2, b.Help().Desc) {
					t.Errorf("%s: the help lacks %q", s.name, b.Help().Desc)
				}
			}
		}
		if s.name == "participants" && (strings.Contains(s2, k.ExpandAll.Help().Desc) || strings.Contains(s2, k.Focus.Help().Desc)) {
			t.Error("the participants' help lists the main screen's keys")
		}
		// ? again goes back to where it came from.
		if m = press(m, "?"); m.focused() == nil || isHelp(m.ctx.view) {
			t.Errorf("%s: ? did not go back", s.name)
		}
	}
}

// The footer is the focused component's short help.
func TestFooterComesFromTheFocusedComponent(t *testing.T) {
	f := demoFile(t)
	for _, s := range focusStates {
		m := press(loaded(f, 160, 50), s.keys...)
		lines := strings.Split(screen(m), "\n")
		foot := lines[len(lines)-1]
		for _, b := range m.focused().ShortHelp() {
			if h := b.Help(); !strings.Contains(foot, h.Key+" "+h.Desc) {
				t.Errorf("%s: the footer %q lacks %q", s.name, foot, h.Key+" "+h.Desc)
			}
		}
	}
	m := press(loaded(f, 160, 50), "/")
	lines := strings.Split(screen(m), "\n")
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "/name, number, UPN, IP, user agent, device, codec, id") {
		t.Errorf("the prompt shows only part of its placeholder: %q", foot)
	}
}

// A resize reaches every component, the ones behind too, so that coming
// back never draws at a stale size.
func TestResizeReachesEveryComponent(t *testing.T) {
	m := press(loaded(demoFile(t), 80, 24), "p", "?")
	help := m.ctx.view
	m = step(m, tea.WindowSizeMsg{Width: 160, Height: 50})
	l := m.ctx.Layout
	boxes := map[string][2]int{
		"tree":    {m.main.tree.w, m.main.tree.h},
		"details": {m.main.details.w, m.main.details.h},
		"raw":     {m.main.raw.w, m.main.raw.h},
		"search":  {m.main.search.w, m.main.search.h},
		"help":    {help.(*helpView).w, help.(*helpView).h},
	}
	want := map[string][2]int{"tree": {l.TreeW, l.TreeH}, "details": {l.DetailW, l.DetailH}, "raw": {l.DetailW, l.DetailH},
		"search": {160, 1}, "help": {160, 48}}
	for name, b := range boxes {
		if b != want[name] {
			t.Errorf("%s is %v after the resize, want %v", name, b, want[name])
		}
	}
	if m.ctx.Tree.height != l.TreeH {
		t.Errorf("the tree shows %d rows, want %d", m.ctx.Tree.height, l.TreeH)
	}
	m = press(m, "esc") // back to the participants, resized while behind the help
	if v := m.ctx.view.(*peopleView); v.w != 160 || v.h != 48 || v.list.h != 46 {
		t.Errorf("the participants are %d×%d (list %d) after the resize", v.w, v.h, v.list.h)
	}
	checkFits(t, m, 160, 50, "resize behind the help")
}

// The spinner turns while the record loads and while a search runs, and
// stops when nothing runs: each tick must arm the next.
func TestSpinnerKeepsTicking(t *testing.T) {
	f := demoFile(t)
	block := make(chan struct{})
	defer close(block)
	m := New(Options{Source: "big.json", Load: func(ctx context.Context, _ func(string)) (*data.File, error) {
		<-block
		return f, nil
	}})
	m = step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for i := range 3 {
		before := screen(m)
		_, cmd := m.Update(m.ctx.Spin.Tick())
		if cmd == nil {
			t.Fatalf("tick %d while loading did not arm the next", i)
		}
		if _, ok := cmd().(spinner.TickMsg); !ok {
			t.Fatalf("tick %d while loading armed no tick", i)
		}
		if screen(m) == before {
			t.Errorf("tick %d: the spinner did not turn", i)
		}
	}
	m = step(m, loadedMsg{file: f})
	if _, cmd := m.Update(m.ctx.Spin.Tick()); cmd != nil {
		t.Error("the spinner still ticks with nothing running")
	}
	m = typeKeys(press(m, "/"), "Alice")
	m = step(m, keyMsg("enter"))
	if !m.main.search.busy {
		t.Fatal("no search runs")
	}
	if _, cmd := m.Update(m.ctx.Spin.Tick()); cmd == nil {
		t.Error("the spinner stopped while a search runs")
	}
}

// The terminal's background picks the theme when it is not forced.
func TestBackgroundColourPicksTheTheme(t *testing.T) {
	f := demoFile(t)
	auto := func(o *Options) { o.AutoTheme = true }
	for _, c := range []struct {
		name  string
		opt   func(*Options)
		bg    color.Color
		light bool
	}{
		{"light terminal", auto, color.White, true},
		{"dark terminal", auto, color.Black, false},
		{"forced dark", func(*Options) {}, color.White, false},
	} {
		o := Options{Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, Dark: true}
		c.opt(&o)
		m := step(step(New(o), tea.WindowSizeMsg{Width: 160, Height: 50}), loadedMsg{file: f})
		m = press(m, "tab") // the details pane keeps a built frame: it must follow too
		dark := m.View().Content
		m = step(m, tea.BackgroundColorMsg{Color: c.bg})
		if m.ctx.Theme.Dark == c.light {
			t.Errorf("%s: dark theme %v", c.name, m.ctx.Theme.Dark)
		}
		if changed := m.View().Content != dark; changed != c.light {
			t.Errorf("%s: the screen changed: %v", c.name, changed)
		}
		if c.light && !strings.Contains(m.View().Content, newStyles(m.ctx.Theme).good.pre) {
			t.Errorf("%s: the details are not in the light theme", c.name)
		}
	}
	p := newPicker(listRecords(t, 2), PickOptions{})
	p.SetSize(100, 10)
	dark := p.View()
	p.Update(tea.BackgroundColorMsg{Color: color.White})
	if p.ctx.Theme.Dark || p.View() == dark {
		t.Error("the picker does not follow a light terminal")
	}
}

// run.go reads the program's last model: a *Model, or a loud error.
func TestFinalResult(t *testing.T) {
	m := loaded(demoFile(t), 80, 24)
	m.ctx.LastCopy = "copied"
	if c, err := finalResult(m); c != "copied" || err != nil {
		t.Errorf("finalResult(*Model) = %q, %v", c, err)
	}
	m.err = errStopped
	if _, err := finalResult(m); err != errStopped {
		t.Errorf("the load error is lost: %v", err)
	}
	if _, err := finalResult(pickerProgram{}); err == nil {
		t.Error("another model passes for success")
	}
}

// listRecords are n call records for the picker: organizer i, id rec-i.
func listRecords(t *testing.T, n int) []*data.Record {
	t.Helper()
	var out []*data.Record
	for i := range n {
		f := loadJSON(t, fmt.Sprintf(`{"id":"rec-%02d","type":"groupCall","modalities":["audio"],
		 "startDateTime":"2026-11-02T09:%02d:00Z","endDateTime":"2026-11-02T09:59:00Z",
		 "organizer_v2":{"id":"o","identity":{"user":{"displayName":"Organizer %02d"}}}}`, i, i, i))
		out = append(out, f.Records[0])
	}
	return out
}

func loadJSON(t *testing.T, doc string) *data.File {
	t.Helper()
	f, err := load.Load("x.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func pickerKeys(p *picker, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		cmd, _ = p.HandleKey(keyMsg(k))
	}
	return cmd
}

func TestPicker(t *testing.T) {
	recs := listRecords(t, 25)
	p := newPicker(recs, PickOptions{})
	p.SetSize(160, 14) // 9 rows a page, newest first
	s := p.View()
	if !strings.Contains(s, "25 of 25 call records · type to filter · ↑↓ choose · enter opens · esc quits") ||
		len(strings.Split(s, "\n")) > 14 || !strings.Contains(s, "rec-24") || !strings.Contains(s, "rec-16") || strings.Contains(s, "rec-15") {
		t.Fatalf("picker:\n%s", s)
	}
	pickerKeys(p, "down", "ctrl+n", "up") // row 1
	if pickerKeys(p, "enter"); p.chosen != "rec-23" {
		t.Errorf("enter chose %q, want rec-23", p.chosen)
	}
	p = newPicker(recs, PickOptions{})
	p.SetSize(160, 14)
	pickerKeys(p, "pgdown")
	if s := p.View(); !strings.Contains(s, "rec-15") || strings.Contains(s, "rec-16") {
		t.Errorf("pgdown:\n%s", s)
	}
	pickerKeys(p, "pgup")
	// Typing filters by substring, ignoring case; q and j are letters.
	for _, r := range "organizer 1" {
		p.HandleKey(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s = p.View()
	if !strings.Contains(s, "10 of 25 call records") || strings.Contains(s, "rec-02") || !strings.Contains(s, "rec-19") {
		t.Errorf("filter “organizer 1”:\n%s", s)
	}
	if pickerKeys(p, "down", "enter"); p.chosen != "rec-18" {
		t.Errorf("enter in the filtered list chose %q", p.chosen)
	}
	p = newPicker(recs, PickOptions{})
	p.SetSize(160, 14)
	for _, r := range "qj-nothing" {
		p.HandleKey(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if s := p.View(); !strings.Contains(s, "0 of 25") || !strings.Contains(s, "no call record matches") {
		t.Errorf("no match:\n%s", s)
	}
	if cmd := pickerKeys(p, "enter"); p.chosen != "" || cmd != nil || !strings.Contains(p.View(), "no record to open") {
		t.Errorf("enter with no match stays, choosing nothing, and says so:\n%s", p.View())
	}
	if pickerKeys(p, "backspace"); strings.Contains(p.View(), "no record to open") {
		t.Error("typing clears the note")
	}
	for _, k := range []string{"esc", "ctrl+c"} {
		if cmd := pickerKeys(newPicker(recs, PickOptions{}), k); cmd == nil || cmd() != tea.Quit() {
			t.Errorf("%s does not quit the picker", k)
		}
	}
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {20, 3}, {80, 5}} {
		p := newPicker(recs, PickOptions{})
		p.SetSize(sz[0], sz[1])
		for _, l := range strings.Split(p.View(), "\n") {
			if w := width(l); w > sz[0] {
				t.Errorf("%v: a line %d wide", sz, w)
			}
		}
	}
}
