package ui

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/internal/golden"
	"github.com/callscope/callscope/problems"
)

// problemsOf is the problems list in front.
func problemsOf(t testing.TB, m *Model) *problemsView {
	t.Helper()
	v, ok := m.ctx.view.(*problemsView)
	if !ok {
		t.Fatalf("the problems list is not in front: %T", m.ctx.view)
	}
	return v
}

func typeText(m *Model, s string) *Model {
	for _, r := range s {
		m = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// Golden screens of the problems list on the demo, without colour. Review
// a change by eye before accepting it with `go test ./ui -update`.
func TestGoldenProblems(t *testing.T) {
	f := demoFile(t)
	cases := []struct {
		name  string
		w, h  int
		keys  []string
		typed string // typed after the keys, then enter
	}{
		{"problems-80x24", 80, 24, []string{"!", "j"}, ""},
		{"problems-160x50", 160, 50, []string{"!", "j"}, ""},
		{"problems-100x30", 100, 30, []string{"!"}, ""},
		{"problems-filtered-narrowed-80x24", 80, 24, []string{"!", "v", "v", "/"}, "alice"},
		{"problems-narrowed-160x50", 160, 50, []string{"!", "c", "c", "m"}, ""},
		{"problems-by-time-160x50", 160, 50, []string{"!", "s", "s"}, ""},
		{"problems-none-shows-80x24", 80, 24, []string{"!", "m", "m", "m", "m", "c"}, ""},
		{"problems-help-80x24", 80, 24, []string{"!", "?"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := press(loaded(f, c.w, c.h), c.keys...)
			if c.typed != "" {
				m = press(typeText(m, c.typed), "enter")
			}
			golden.Assert(t, t.Name()+".golden", []byte(screen(m)))
		})
	}
	// The prompt while typing: its own line, and its keys in the footer.
	m := typeText(press(loaded(f, 80, 24), "!", "/"), "wi-fi")
	golden.Assert(t, "TestGoldenProblems/problems-prompt-80x24.golden", []byte(screen(m)))
}

// Every row's enter selects its node in the tree, the path to it open, on
// the main screen; esc there comes back to the list as it was.
func TestProblemsEnterRevealsTheRow(t *testing.T) {
	f := demoFile(t)
	rows := problems.New(problems.Build(f.Records[0]))
	shown := rows.Visible(problems.View{}, nil)
	if len(shown) < 20 {
		t.Fatalf("the demo has %d problems", len(shown))
	}
	for k, i := range shown {
		m := press(loaded(f, 80, 24), "!", "G") // scrolled: the rows below the first page too
		m = press(m, "g")
		for range k {
			m = press(m, "j")
		}
		m = press(m, "enter")
		if m.ctx.view != nil {
			t.Fatalf("row %d: enter left %T in front", k, m.ctx.view)
		}
		want := rows.Rows[i].At
		if got := placeOf(m.ctx.Tree.Selected()); got != want {
			t.Errorf("row %d (%s): the tree selects %+v, want %+v", k, rows.Rows[i].What, got, want)
		}
		if m.ctx.Focus != focusTree {
			t.Errorf("row %d: the focus is not on the tree", k)
		}
		if !strings.Contains(screen(m), "esc or ! goes back to the problems list") {
			t.Errorf("row %d: the footer does not say how to go back", k)
		}
	}
}

// enter clears a tree filter that hides the row, and keeps one that shows it.
func TestProblemsEnterAndTheTreeFilter(t *testing.T) {
	f := demoFile(t)
	// Only Eva's sessions: Eva has no problem, so the first row is hidden.
	m := press(loaded(f, 100, 30), "p")
	for problemsName(m) != "Eva Nowak" {
		m = press(m, "j")
	}
	m = press(m, "enter", "!", "enter")
	if m.ctx.Filter != "" || m.ctx.Tree.Filtered() {
		t.Errorf("the filter %q still hides the row", m.ctx.Filter)
	}
	// Only the paths to problems: every row shows under it.
	m = press(loaded(f, 100, 30), "f", "!", "j", "enter")
	if m.ctx.Filter != "problems" {
		t.Errorf("enter cleared the problems filter (%q), which shows the row", m.ctx.Filter)
	}
}

// problemsName is the participant under the participants view's cursor.
func problemsName(m *Model) string {
	v := m.ctx.view.(*peopleView)
	return v.selected().Name
}

// esc and ! in the tree come back to the list with its cursor, scroll,
// filter, narrowing and sort; opening another view forgets the way back.
func TestProblemsEscComesBackAsLeft(t *testing.T) {
	f := demoFile(t)
	m := press(loaded(f, 80, 12), "!", "s", "v", "v", "v") // warnings, by who: a list taller than the screen
	m = press(typeText(press(m, "/"), "a"), "enter")
	m = press(m, "G", "k")
	before := problemsOf(t, m)
	state := func(v *problemsView) [4]int {
		return [4]int{v.cur.cursor, v.cur.offset, len(v.shown), int(v.view.Sort)}
	}
	was, filter, sev := state(before), before.view.Filter, before.view.Severities
	if was[1] == 0 {
		t.Fatal("the list does not scroll: the test does not test the offset")
	}
	for _, back := range []string{"esc", "!"} {
		m = press(m, "enter")
		if m.ctx.view != nil {
			t.Fatal("enter did not show the tree")
		}
		m = press(m, "j", back) // moving in the tree does not lose the way back
		v := problemsOf(t, m)
		if v != before || state(v) != was || v.view.Filter != filter || v.view.Severities != sev {
			t.Errorf("%s came back to %v %q, want %v %q", back, state(v), v.view.Filter, was, filter)
		}
	}
	// ? in the tree and back keeps the way back.
	m = press(m, "enter", "?", "esc", "esc")
	if problemsOf(t, m) != before {
		t.Error("the help lost the way back")
	}
	// Another view's enter: esc then clears its filter, not the list.
	m = press(m, "enter", "p", "enter", "esc")
	if m.ctx.view != nil || m.ctx.Filter != "" {
		t.Errorf("after the participants, esc opened %T / left the filter %q", m.ctx.view, m.ctx.Filter)
	}
	// esc in the list goes to the tree, and esc in the tree stays there.
	m = press(m, "!", "esc", "esc")
	if m.ctx.view != nil {
		t.Error("esc in the tree reopened the list it was not opened from")
	}
}

// The list is built once per record: ! again is the same list, where it was.
func TestProblemsBuiltOncePerRecord(t *testing.T) {
	m := press(loaded(demoFile(t), 80, 24), "!", "j", "j")
	v := problemsOf(t, m)
	m = press(m, "esc", "!")
	if w := problemsOf(t, m); w != v || w.list != v.list || w.cur.cursor != 2 {
		t.Errorf("! again built a new list or lost the cursor (%d)", w.cur.cursor)
	}
}

// y copies the rows shown as a markdown table titled "N of M problems",
// through the clipboard path of every copy.
func TestProblemsCopyMarkdown(t *testing.T) {
	f := demoFile(t)
	m := loaded(f, 100, 30)
	var kinds []string
	m.ctx.Opts.Getenv = env(nil)
	m.ctx.Opts.OnCopy = func(k string) { kinds = append(kinds, k) }
	m = press(typeText(press(m, "!", "/"), "alice"), "enter", "v", "v")
	v := problemsOf(t, m)
	_, cmd := m.Update(keyMsg("y"))
	md := m.ctx.LastCopy
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	want := problems.Title(len(v.shown), len(v.list.Rows))
	if lines[0] != "### "+want || len(lines) != 4+len(v.shown) || !strings.HasPrefix(want, "4 of 23") {
		t.Errorf("copied:\n%s", md)
	}
	if md != v.list.Markdown(v.shown) {
		t.Error("the copy is not the rows shown")
	}
	if cmd == nil || !strings.Contains(cmd().(tea.RawMsg).Msg.(string), base64.StdEncoding.EncodeToString([]byte(md))) {
		t.Error("y did not send the markdown to the clipboard")
	}
	if !slices.Equal(kinds, []string{"problems markdown"}) {
		t.Errorf("OnCopy told %q", kinds)
	}
	if s := screen(m); !strings.Contains(s, "copied 4 problems, 542 bytes (problems markdown)") {
		t.Errorf("the footer does not say what was copied:\n%s", s)
	}
	// Too big for the clipboard: refused as every copy is, kept for --print-on-exit.
	big := loaded(loadJSONBytes(t, fixture.Generated(t, 300, 7)), 100, 30)
	big.ctx.Opts.Getenv = env(nil)
	big = press(big, "!")
	if _, cmd := big.Update(keyMsg("y")); cmd != nil || !strings.Contains(big.ctx.Status, "too big to copy") ||
		!strings.HasPrefix(big.ctx.LastCopy, "### ") {
		t.Errorf("a big copy: status %q", big.ctx.Status)
	}
	// With --print-on-exit it is kept whole for the print, as every copy.
	big.ctx.Opts.PrintOnExit = true
	if _, cmd := big.Update(keyMsg("y")); cmd != nil || !strings.Contains(big.ctx.Status, "printed when you quit") {
		t.Errorf("a big copy with --print-on-exit: status %q", big.ctx.Status)
	}
}

func loadJSONBytes(t *testing.T, b []byte) *data.File {
	t.Helper()
	return loadJSON(t, string(b))
}

// s cycles the sorts, keeping the row under the cursor, and says which
// sort is in force.
func TestProblemsSortCycles(t *testing.T) {
	m := press(loaded(demoFile(t), 160, 50), "!", "j", "j", "j")
	v := problemsOf(t, m)
	sel := v.shown[v.cur.cursor]
	for _, s := range []problems.Sort{problems.ByWho, problems.ByTime, problems.BySeverity} {
		m = press(m, "s")
		if v.view.Sort != s || !strings.Contains(screen(m), "problems · "+s.String()) {
			t.Errorf("s: sort %s, want %s", v.view.Sort, s)
		}
		if want := v.list.Visible(problems.View{Sort: s}, nil); !slices.Equal(v.shown, want) {
			t.Errorf("%s: rows not in that order", s)
		}
		if v.shown[v.cur.cursor] != sel {
			t.Errorf("%s: the cursor left its row", s)
		}
	}
}

// The filter, severity, media and category combine; the title counts what
// shows, the footer names the narrowing; x clears all but the sort.
func TestProblemsFiltersCombine(t *testing.T) {
	f := loadJSONBytes(t, fixture.Generated(t, 300, 7))
	m := press(loaded(f, 160, 50), "!")
	v := problemsOf(t, m)
	all := len(v.list.Rows)
	m = press(typeText(press(m, "/"), "loss"), "enter", "v", "v", "m", "c", "s")
	want := problems.View{Filter: "loss", Severities: problems.Of(problems.Problem), Media: problems.Of(problems.Audio),
		Categories: problems.Of(problems.Network), Sort: problems.ByWho}
	if v.view != want {
		t.Fatalf("view %+v, want %+v", v.view, want)
	}
	got := v.list.Visible(want, nil)
	if !slices.Equal(v.shown, got) || len(got) == 0 || len(got) == all {
		t.Fatalf("%d rows shown, want %d of %d", len(v.shown), len(got), all)
	}
	for _, i := range v.shown {
		r := v.list.Rows[i]
		if r.Severity != problems.Problem || r.Media != problems.Audio || r.Category != problems.Network ||
			!strings.Contains(strings.ToLower(r.Who+" "+r.What), "loss") {
			t.Errorf("shown: %+v", r)
		}
	}
	lines := strings.Split(screen(m), "\n")
	if title := lines[1]; !strings.Contains(title, problems.Title(len(got), all)+" · by who · problem · audio · network · “loss”") {
		t.Errorf("title %q", title)
	}
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "v severity: problem • m media: audio • c category: network") {
		t.Errorf("footer %q", foot)
	}
	m = press(m, "x")
	if v.view != (problems.View{Sort: problems.ByWho}) || len(v.shown) != all {
		t.Errorf("x left %+v, %d rows", v.view, len(v.shown))
	}
}

// The prompt takes every key as text (q does not quit, ? is a letter) but
// ctrl+c; the filter applies as it is typed; enter keeps it, esc clears it.
func TestProblemsPrompt(t *testing.T) {
	m := press(loaded(demoFile(t), 80, 24), "!", "/")
	v := problemsOf(t, m)
	for _, k := range []string{"q", "?", "j"} {
		if _, cmd := m.Update(keyMsg(k)); cmd != nil && cmd() == tea.Quit() {
			t.Fatalf("%s quit from the prompt", k)
		}
	}
	if v.view.Filter != "q?j" || !v.prompt.open {
		t.Errorf("typed %q, prompt %v", v.view.Filter, v.prompt.open)
	}
	m = press(m, "esc")
	if v.view.Filter != "" || v.prompt.open || len(v.shown) != len(v.list.Rows) || problemsOf(t, m) != v {
		t.Errorf("esc in the prompt: filter %q, prompt %v, %d rows", v.view.Filter, v.prompt.open, len(v.shown))
	}
	m = typeText(press(m, "/"), "DEV PATEL")
	if len(v.shown) != 6 || v.cur.cursor != 0 {
		t.Errorf("typing DEV PATEL shows %d rows (want Dev Patel's 6), cursor %d", len(v.shown), v.cur.cursor)
	}
	m = press(m, "enter")
	if v.prompt.open || v.view.Filter != "DEV PATEL" {
		t.Errorf("enter: prompt %v, filter %q", v.prompt.open, v.view.Filter)
	}
	m = press(m, "/") // edits the filter in force
	if v.prompt.input.Value() != "DEV PATEL" {
		t.Errorf("the prompt reopens with %q", v.prompt.input.Value())
	}
	if _, cmd := m.Update(keyMsg("ctrl+c")); cmd == nil || cmd() != tea.Quit() {
		t.Error("ctrl+c does not quit from the prompt")
	}
}

// Every frame fits its box, from tiny to wide, with the prompt open or not,
// at the top and the bottom of a big list.
func TestProblemsFitTheScreen(t *testing.T) {
	f := demoFile(t)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {20, 6}, {40, 10}, {80, 24}, {99, 30}, {119, 30}, {160, 50}, {300, 80}} {
		for _, keys := range [][]string{{"!"}, {"!", "G"}, {"!", "/"}, {"!", "m", "m", "m", "m"}} {
			checkFits(t, press(loaded(f, sz[0], sz[1]), keys...), sz[0], sz[1], strings.Join(keys, " "))
		}
	}
	// A resize while behind the tree: it comes back at the new size.
	m := press(loaded(f, 80, 24), "!", "enter")
	m = step(m, tea.WindowSizeMsg{Width: 160, Height: 50})
	m = press(m, "esc")
	if v := problemsOf(t, m); v.w != 160 || v.h != 48 || v.cur.h != 46 {
		t.Errorf("after a resize behind the tree: %d×%d, %d rows", v.w, v.h, v.cur.h)
	}
}

// Every record string is cleaned: the hostile record's names reach the
// list as text, never as sequences.
func TestProblemsHostile(t *testing.T) {
	f := hostileFile(t)
	for _, sz := range [][2]int{{80, 24}, {160, 50}} {
		m := press(loaded(f, sz[0], sz[1]), "!")
		for range problemsOf(t, m).shown {
			if bad := foreignSequence(m.View().Content); bad != "" {
				t.Fatalf("%v: %q reached the screen", sz, bad)
			}
			m = press(m, "j")
		}
	}
}

// Marks tell the severities apart without colour.
func TestProblemsMarksWithoutColour(t *testing.T) {
	s := screen(press(loaded(demoFile(t), 160, 50), "!", "j"))
	for _, want := range []string{" ⊘ Chiara Rossi (Guest)", " ✗ Alice Okafor", " ! Alice Okafor"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", want, s)
		}
	}
}

// In a file of several records, ! lists the selected record's problems,
// and enter opens them in that record.
func TestProblemsOfTheSelectedRecord(t *testing.T) {
	demo := demoFile(t).Records[0]
	gen := loadJSONBytes(t, fixture.Generated(t, 20, 3)).Records[0]
	f := &data.File{Name: "two.json", Records: []*data.Record{demo, gen}}
	m := loaded(f, 120, 40)
	m.ctx.Tree.Reveal(Node{Level: LevelCall, Rec: 1})
	m = press(m, "!", "j", "enter")
	sel := m.ctx.Tree.Selected()
	want := problems.New(problems.Build(gen))
	at := want.Rows[want.Visible(problems.View{}, nil)[1]].At
	at.Rec = 1
	if got := placeOf(sel); got != at {
		t.Errorf("enter selected %+v, want %+v", got, at)
	}
	m = press(m, "esc", "esc")
	m.ctx.Tree.Reveal(Node{Level: LevelCall, Rec: 0})
	if v := problemsOf(t, press(m, "!")); v.rec != 0 || len(v.list.Rows) != 23 {
		t.Errorf("the first record's list is record %d with %d rows", v.rec, len(v.list.Rows))
	}
}

// The who column is as wide as the list's widest who, as long as what
// keeps 40 cells (3/5 of the room when narrow): a PSTN leg's number and SBC
// fit at 120 columns, and a list of short names leaves what the room.
func TestProblemsWhoColumnFitsTheList(t *testing.T) {
	f := craftedFile(t)
	for _, w := range []int{120, 160} {
		s := screen(press(loaded(f, w, 30), "!"))
		for _, who := range []string{"PSTN leg +14255550142 via sbc1.contoso.com ", "PSTN leg +14255550142 via AudioCodes "} {
			if !strings.Contains(s, who) {
				t.Errorf("%d columns: %q is cut:\n%s", w, who, s)
			}
		}
	}
	for w := 20; w <= 250; w++ {
		for _, whoW := range []int{0, 5, 41, 300} {
			c := problemColumns(w, whoW)
			rest := w - markW
			for _, col := range []struct {
				on bool
				w  int
			}{{c.when, whenW}, {c.media, mediaW}, {c.category, categoryW}} {
				if col.on {
					rest -= col.w
				}
			}
			room := max(rest-1-whatW, rest*2/5) // what keeps 40 cells, or 3/5 when narrow
			if c.who > max(room, 3) || (whoW <= room && c.who != max(whoW, 3)) {
				t.Errorf("width %d, widest who %d: who %d of %d", w, whoW, c.who, rest)
			}
			if c.who+1+c.what != rest && c.what != 0 {
				t.Errorf("width %d, widest who %d: who %d + what %d, room %d", w, whoW, c.who, c.what, rest)
			}
		}
	}
}
