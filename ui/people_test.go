package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/golden"
	"github.com/callscope/callscope/participants"
)

// Golden screens of the participants sorted and filtered, and of the
// timeline with its cursor moved. Review by eye before -update.
func TestGoldenPeopleScreens(t *testing.T) {
	f := demoFile(t)
	cases := []struct {
		name string
		keys []string
	}{
		{"participants-by-loss", []string{"p", "s", "s", "s"}},
		{"participants-filtered", []string{"p", "/", "w", "i", "enter", "j"}},
		{"timeline-cursor", []string{"t", "j", "j", "L", "L", "right"}},
		{"timeline-worst-first", []string{"t", "s", "L", "L", "L", "L", "L", "L"}},
	}
	for _, c := range cases {
		for _, size := range [][2]int{{80, 24}, {160, 50}} {
			name := c.name + "-" + strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
			t.Run(name, func(t *testing.T) {
				m := press(loaded(f, size[0], size[1]), c.keys...)
				checkFits(t, m, size[0], size[1], strings.Join(c.keys, " "))
				golden.Assert(t, t.Name()+".golden", []byte(screen(m)))
			})
		}
	}
}

func peopleOfModel(m *Model) *peopleView { return m.ctx.view.(*peopleView) }

// Each s shows the next sort, in the order the participants package
// sorts, from its top, and the title says which.
func TestPeopleSorts(t *testing.T) {
	f, _ := generated(t, 300)
	m := press(loaded(f, 160, 50), "p", "j", "j")
	v := peopleOfModel(m)
	l := participants.New(participants.Build(f.Records[0]))
	s := participants.ByWorst
	for range 7 {
		if !slices.Equal(v.shown, l.Visible(participants.View{Sort: s}, nil)) {
			t.Errorf("%s: the rows are not in the package's order", s)
		}
		if title := strings.Split(screen(m), "\n")[1]; !strings.Contains(title, " · "+s.String()) {
			t.Errorf("%s: title %q", s, title)
		}
		m = press(m, "s")
		s = s.Next()
		if v.list.cursor != 0 {
			t.Errorf("%s starts at row %d, not at its top", s, v.list.cursor)
		}
		m = press(m, "j", "j")
	}
}

// / filters as one types, in place: q and ? are letters there; enter keeps
// the filter, esc clears it; the title counts.
func TestPeopleFilterAsYouType(t *testing.T) {
	f := demoFile(t)
	m := press(loaded(f, 120, 30), "p", "/", "W", "i")
	v := peopleOfModel(m)
	if len(v.shown) != 3 || !strings.Contains(screen(m), "1/3 of 6 participants · worst first · /Wi▏") {
		t.Errorf("/Wi: %d rows:\n%s", len(v.shown), screen(m))
	}
	m = press(m, "n", "d", "o", "w", "s") // Windows: Alice and Dev
	if got := len(v.shown); got != 2 {
		t.Errorf("/Windows: %d rows", got)
	}
	m = press(m, "q", "?") // letters while typing
	if m.ctx.view != v || v.choice.Filter != "Windowsq?" || len(v.shown) != 0 {
		t.Fatalf("q and ? did not type: %q", v.choice.Filter)
	}
	if !strings.Contains(screen(m), "nobody matches the filter") {
		t.Errorf("no rows, no word:\n%s", screen(m))
	}
	m = step(step(m, tea.KeyPressMsg{Code: tea.KeyBackspace}), tea.KeyPressMsg{Code: tea.KeyBackspace})
	m = press(m, " ", "x") // a space is kept: "Windows x"
	if v.choice.Filter != "Windows x" || len(v.shown) != 0 {
		t.Errorf("a space typed: %q, %d rows", v.choice.Filter, len(v.shown))
	}
	m = step(step(m, tea.KeyPressMsg{Code: tea.KeyBackspace}), tea.KeyPressMsg{Code: tea.KeyBackspace})
	m = press(m, "enter")
	if v.typing || v.choice.Filter != "Windows" || len(v.shown) != 2 {
		t.Errorf("enter keeps the filter: %q, %d rows", v.choice.Filter, len(v.shown))
	}
	m = press(m, "j") // moves now
	if v.list.cursor != 1 {
		t.Error("j does not move after enter")
	}
	m = press(m, "esc") // peels the filter, stays, on the person found
	if m.ctx.view != v || v.choice.Filter != "" || len(v.shown) != 6 || v.selected().Name != "Dev Patel" {
		t.Errorf("esc: %q, %d rows", v.choice.Filter, len(v.shown))
	}
	m = press(m, "/", "x", "esc") // esc while typing clears
	if v.typing || v.choice.Filter != "" || m.ctx.view != v {
		t.Errorf("esc while typing: %q", v.choice.Filter)
	}
}

// p builds the participants once per record and keeps the view as it was
// left: its sort, its filter, its cursor.
func TestPeopleBuiltOnce(t *testing.T) {
	m := loaded(demoFile(t), 120, 30)
	if m.ctx.people != nil {
		t.Fatal("built before p")
	}
	m = press(m, "p", "s", "j")
	cursor := peopleOfModel(m).list.cursor
	m = press(m, "esc")
	list := m.ctx.people[0].list
	m = press(m, "p")
	v := peopleOfModel(m)
	if m.ctx.people[0].list != list || v.choice.Sort != participants.ByName || v.list.cursor != cursor {
		t.Errorf("p again built anew or lost its place: sort %s, cursor %d", v.choice.Sort, v.list.cursor)
	}
}

// sessionRows are the sessions the tree shows.
func sessionRows(m *Model) []int32 {
	var out []int32
	for i := range m.ctx.Tree.Rows() {
		if n := m.ctx.Tree.Row(i); n.Level == LevelSession {
			out = append(out, n.Se)
		}
	}
	slices.Sort(out)
	return out
}

// enter on a participant shows their sessions; f then keeps those of them
// with a problem (both filters), P lets everyone's problems show again, f
// again everyone's sessions. The tree's title and the footer say which.
func TestPersonFilterCombinesWithProblems(t *testing.T) {
	f, _ := generated(t, 300)
	r := f.Records[0]
	// Someone with sessions with and without problems.
	rows := participants.Build(r)
	who := -1
	for i, p := range rows {
		with, without := 0, 0
		for _, se := range p.Sessions {
			if r.Sessions[se].Quality.Problems() > 0 {
				with++
			} else {
				without++
			}
		}
		if with > 0 && without > 0 {
			who = i
			break
		}
	}
	if who < 0 {
		t.Fatal("nobody in the meeting has sessions with and without problems")
	}
	p := rows[who]
	m := press(loaded(f, 160, 50), "p")
	v := peopleOfModel(m)
	v.moveTo(t, p.Name)
	m = press(m, "enter")
	mine := slices.Clone(p.Sessions)
	want := make([]int32, len(mine))
	for i, se := range mine {
		want[i] = int32(se)
	}
	slices.Sort(want)
	if got := sessionRows(m); !slices.Equal(got, want) {
		t.Errorf("enter on %s: sessions %v, want %v", p.Name, got, want)
	}
	if s := screen(m); !strings.Contains(s, "only "+p.Name+"'s") || !strings.Contains(s, "P everyone") {
		t.Errorf("the person filter is not said:\n%s", s)
	}
	m = press(m, "f")
	var both []int32
	for _, se := range want {
		if r.Sessions[se].Quality.Problems() > 0 {
			both = append(both, se)
		}
	}
	if got := sessionRows(m); !slices.Equal(got, both) || len(both) == len(want) {
		t.Errorf("f after enter: sessions %v, want %v (of %v)", got, both, want)
	}
	if s := screen(m); !strings.Contains(s, "only "+p.Name+"'s "+strconv.Itoa(len(want))+" sessions and the paths to problems") {
		t.Errorf("both filters are not said:\n%s", s)
	}
	m = press(m, "P") // everyone again, only problems still
	var problems []int32
	for i, se := range r.Sessions {
		if se.Quality.Problems() > 0 {
			problems = append(problems, int32(i))
		}
	}
	if got := sessionRows(m); !slices.Equal(got, problems) || m.ctx.Filter != "problems" {
		t.Errorf("P: %d sessions, want the %d with problems; filter %q", len(got), len(problems), m.ctx.Filter)
	}
	if m = press(m, "f"); m.ctx.Tree.Filtered() || len(sessionRows(m)) != len(r.Sessions) {
		t.Errorf("f again: filtered %v, %d sessions", m.ctx.Tree.Filtered(), len(sessionRows(m)))
	}
	// f first, then a person: the same two filters.
	m = press(m, "f", "p")
	peopleOfModel(m).moveTo(t, p.Name)
	if m = press(m, "enter"); !slices.Equal(sessionRows(m), both) {
		t.Errorf("f then enter: %v, want %v", sessionRows(m), both)
	}
}

// moveTo puts the cursor on the participant named name.
func (v *peopleView) moveTo(t *testing.T, name string) {
	t.Helper()
	for i, r := range v.shown {
		if v.people.Rows[r].Name == name {
			v.list.move(i - v.list.cursor)
			return
		}
	}
	t.Fatalf("%q is not listed", name)
}

// The cursor's header counts who is in the call at the cursor's time, as
// participants.At does; ← → step by the small step, L H (shift) by the big
// one, at round times, within the call.
func TestTimelineCursor(t *testing.T) {
	for _, c := range []struct {
		name string
		f    *data.File
	}{{"demo", demoFile(t)}, {"generated", func() *data.File { f, _ := generated(t, 300); return f }()}} {
		t.Run(c.name, func(t *testing.T) {
			r := c.f.Records[0]
			m := press(loaded(c.f, 160, 50), "t")
			v := timelineOf(m)
			if v.step <= 0 || v.big <= v.step || v.t1.Sub(v.t0)/v.step > 240 || v.t1.Sub(v.t0)/v.big < 4 {
				t.Fatalf("steps %v and %v for a call of %v", v.step, v.big, v.t1.Sub(v.t0))
			}
			check := func(after string) {
				t.Helper()
				want := participants.At(r, v.at)
				header := strings.Split(screen(m), "\n")[2]
				if v.moment != want || !strings.Contains(header, want.Words()) ||
					!strings.Contains(header, v.at.UTC().Format(v.cursorFormat())+" UTC") {
					t.Errorf("after %s: header %q, moment %+v, At %+v", after, header, v.moment, want)
				}
			}
			check("t")
			for _, k := range []string{"right", "right", "l", "L", "L", "left", "h", "H"} {
				was := v.at
				m = press(m, k)
				d := v.step
				if k == "L" || k == "H" {
					d = v.big
				}
				if v.at.Truncate(d) != v.at || v.at == was || v.at.Sub(was).Abs() > d {
					t.Errorf("%s from %v: %v (step %v)", k, was, v.at, d)
				}
				check(k)
			}
			for range 300 {
				m = step(m, tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModShift})
			}
			if !v.at.Equal(v.t1) {
				t.Errorf("shift+→ stops at the end: %v, end %v", v.at, v.t1)
			}
			check("the end")
			for range 300 {
				m = step(m, tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModShift})
			}
			if !v.at.Equal(v.t0) {
				t.Errorf("shift+← stops at the start: %v, start %v", v.at, v.t0)
			}
			// In the middle, the demo has people in it.
			for range 5 {
				m = press(m, "L")
			}
			check("the middle")
			if c.name == "demo" && v.moment.People == 0 {
				t.Error("nobody in the middle of the demo call")
			}
		})
	}
}

// s sorts the timeline by start, worst first, by name; / filters its rows.
func TestTimelineSortAndFilter(t *testing.T) {
	f := demoFile(t)
	r := f.Records[0]
	m := press(loaded(f, 120, 30), "t")
	v := timelineOf(m)
	who := func() []string {
		var out []string
		for _, se := range v.shown {
			out = append(out, r.Names().SessionWho(r.Sessions[se]))
		}
		return out
	}
	byStart := []string{"Alice Okafor", "Bob Lindqvist", "Dev Patel", "Chiara Rossi (Guest)", "Eva Nowak", "+14255550123"}
	if got := who(); !slices.Equal(got, byStart) {
		t.Errorf("by start: %q", got)
	}
	m = press(m, "s")
	// Failed, then the most problems (Alice's 4), then one problem each by start, then good.
	if got := who(); !slices.Equal(got, []string{"Chiara Rossi (Guest)", "Alice Okafor", "Bob Lindqvist", "Dev Patel", "+14255550123", "Eva Nowak"}) {
		t.Errorf("worst first: %q", got)
	}
	m = press(m, "s")
	if got := who(); !slices.Equal(got, []string{"+14255550123", "Alice Okafor", "Bob Lindqvist", "Chiara Rossi (Guest)", "Dev Patel", "Eva Nowak"}) {
		t.Errorf("by name: %q", got)
	}
	if !strings.Contains(screen(m), "by name") {
		t.Error("the title does not say the sort")
	}
	m = press(m, "s", "/", "f", "a", "i", "l")
	if got := who(); !slices.Equal(got, []string{"Chiara Rossi (Guest)"}) || !strings.Contains(screen(m), "1/1 of 6 sessions · by start · /fail▏") {
		t.Errorf("/fail: %q\n%s", got, screen(m))
	}
	m = press(m, "enter", "enter") // keep, then open it
	if sel := m.ctx.Tree.Selected(); m.ctx.view != nil || sel.Level != LevelSession || r.Sessions[sel.Se].Failure == nil {
		t.Errorf("enter on the filtered row: %+v", sel)
	}
}

// --local shows every time on screen in the local zone: the header, the
// details pane, the timeline's title, ticks and cursor.
func TestLocalEverywhere(t *testing.T) {
	f := demoFile(t)
	old := time.Local
	time.Local = time.FixedZone("XST", 3600)
	defer func() { time.Local = old }()
	open := func(local bool) *Model {
		m := New(Options{Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, Local: local})
		return step(step(m, tea.WindowSizeMsg{Width: 160, Height: 50}), loadedMsg{file: f})
	}
	for _, local := range []bool{false, true} {
		zone, other := "UTC", "XST"
		if local {
			zone, other = other, zone
		}
		main := screen(open(local))
		tl := screen(press(open(local), "t"))
		session := screen(press(open(local), "j"))
		for what, s := range map[string]string{"main screen": main, "timeline": tl, "session pane": session} {
			if strings.Contains(s, other) {
				t.Errorf("local=%v: the %s says %s:\n%s", local, what, other, s)
			}
		}
		start := "14:00:02"
		if local {
			start = "15:00:02"
		}
		for what, want := range map[string]string{
			"header":         "2026-02-17 " + start + " " + zone + " · 35m",
			"call pane":      "2026-02-17 " + start + " " + zone,
			"timeline title": " – 15:35 XST",
			"timeline":       " in the call · ",
		} {
			s := main
			if strings.HasPrefix(what, "timeline") {
				s = tl
				if !local {
					want = strings.ReplaceAll(strings.ReplaceAll(want, "15:35", "14:35"), "XST", "UTC")
				}
			}
			if !strings.Contains(s, want) {
				t.Errorf("local=%v: the %s lacks %q:\n%s", local, what, want, s)
			}
		}
		hour := "14:"
		if local {
			hour = "15:"
		}
		if !strings.Contains(strings.Split(tl, "\n")[2], hour) || !strings.Contains(strings.Split(tl, "\n")[3], hour) {
			t.Errorf("local=%v: the cursor or the ticks are not in %s:\n%s", local, zone, tl)
		}
		if !strings.Contains(session, " "+zone) {
			t.Errorf("local=%v: the session pane shows no time in %s", local, zone)
		}
	}
}

// BenchmarkPeopleOpen is the first p on the 7,500-session meeting: the
// participants built and the first frame (target ≤ 50 ms).
func BenchmarkPeopleOpen(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		m.ctx.people = nil // as on the first p
		m = press(m, "p")
		_ = m.View()
		m = press(m, "esc")
	}
}

// BenchmarkPeopleSort is each sort the first time it is asked for, with
// its frame (target ≤ 50 ms each).
func BenchmarkPeopleSort(b *testing.B) {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "p")
	rows := m.ctx.people[0].list.Rows
	for s := participants.ByName; s != participants.ByWorst; s = s.Next() {
		b.Run(strings.ReplaceAll(s.String(), " ", "-"), func(b *testing.B) {
			for b.Loop() {
				v := peopleOfModel(m)
				v.people = participants.New(rows) // nothing sorted yet
				v.choice.Sort = s - 1
				m = press(m, "s")
				_ = m.View()
			}
		})
	}
}

// BenchmarkPeopleFilterKey is one letter typed into the filter, with its frame.
func BenchmarkPeopleFilterKey(b *testing.B) {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "p", "/", "w", "i", "-", "f")
	b.ResetTimer()
	for b.Loop() {
		m = press(m, "i")
		_ = m.View()
		m = step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
}

// BenchmarkPeopleFrame is a key and a frame in the participants of the
// 7,500-session meeting (target ≤ 2 ms).
func BenchmarkPeopleFrame(b *testing.B) {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "p")
	v := peopleOfModel(m)
	b.ResetTimer()
	for b.Loop() {
		if v.list.cursor == v.list.n-1 {
			m = press(m, "g")
		}
		m = press(m, "j")
		_ = m.View()
	}
}

// BenchmarkTimelineOpen is the first t on the 7,500-session meeting: the
// participants and their presence built, and the first frame.
func BenchmarkTimelineOpen(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		m.ctx.people = nil
		m = press(m, "t")
		_ = m.View()
		m = press(m, "esc")
	}
}

// BenchmarkTimelineStep is one step of the time cursor and its frame.
func BenchmarkTimelineStep(b *testing.B) {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "t")
	v := timelineOf(m)
	b.ResetTimer()
	for b.Loop() {
		if v.at.Equal(v.t1) {
			m = press(m, "g", "H", "H", "H", "H", "H", "H", "H", "H", "H", "H", "H", "H", "H")
		}
		m = press(m, "right")
		_ = m.View()
	}
}

// BenchmarkTimelineSort is each timeline sort the first time, with its frame.
func BenchmarkTimelineSort(b *testing.B) {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "t")
	for b.Loop() {
		v := timelineOf(m)
		v.orders, v.labels, v.hay = [timelineSorts][]int32{}, nil, nil
		m = press(m, "s", "s", "s") // worst first, by name, back to by start
		_ = m.View()
	}
}

// The participants' columns fit every width; narrow screens drop the
// address first, then the platform and the role, and keep the name whole
// (24 cells) before they show those.
func TestPeopleLayout(t *testing.T) {
	shown := func(cols [peopleCols]int, c peopleCol) bool { return cols[c] > 0 }
	for w := 20; w <= 250; w++ {
		name, cols := peopleLayout(w)
		used := 3 + name
		for _, cw := range cols {
			if cw > 0 {
				used += 2 + cw
			}
		}
		if used > w && w >= 3+14 {
			t.Errorf("width %d: the columns take %d", w, used)
		}
		if shown(cols, colAddress) && (!shown(cols, colRole) || !shown(cols, colPlatform)) {
			t.Errorf("width %d: dropped in the wrong order: %v", w, cols)
		}
		if (shown(cols, colPlatform) || shown(cols, colRole)) && name < 24 {
			t.Errorf("width %d: a %d-cell name, yet the platform or the role shows", w, name)
		}
	}
	if _, cols := peopleLayout(80); !shown(cols, colMetric) || !shown(cols, colConnection) || !shown(cols, colSessions) {
		t.Errorf("80 columns: %v", cols)
	}
	if _, cols := peopleLayout(160); cols[colAddress] == 0 {
		t.Errorf("160 columns show no address: %v", cols)
	}
}
