package ui

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// The demo's problems in display order: sessions by start time, then
// segments, media and streams.
func TestProblemNavigationOrderAndWrap(t *testing.T) {
	f := demoFile(t)
	m := loaded(f, 160, 50)
	problems := m.ctx.Tree.Problems()
	q := f.Records[0].Quality
	// Besides poor streams and failures: Alice's session (her poor
	// feedback) and her main-audio (the network caused poor audio).
	if len(problems) != q.Poor+q.Failures+2 {
		t.Fatalf("%d problems, want %d poor + %d failures + 2", len(problems), q.Poor, q.Failures)
	}
	for i := 1; i < len(problems); i++ {
		if !less(m.ctx.Tree.key(problems[i-1]), m.ctx.Tree.key(problems[i])) {
			t.Fatalf("problem %d is not after problem %d", i, i-1)
		}
	}
	for i := range problems {
		m = press(m, "]")
		if got := m.ctx.Tree.Selected(); got != problems[i] {
			t.Fatalf("] #%d selected %+v, want %+v", i+1, got, problems[i])
		}
		if want := "problem " + itoa(i+1) + " of " + itoa(len(problems)); !strings.Contains(screen(m), want) {
			t.Fatalf("status lacks %q", want)
		}
	}
	m = press(m, "]") // past the last: back to the first
	if m.ctx.Tree.Selected() != problems[0] {
		t.Error("] does not wrap around to the first problem")
	}
	m = press(m, "[") // before the first: the last
	if m.ctx.Tree.Selected() != problems[len(problems)-1] {
		t.Error("[ does not wrap around to the last problem")
	}
	m = press(m, "[")
	if m.ctx.Tree.Selected() != problems[len(problems)-2] {
		t.Error("[ does not go back one problem")
	}
	// From a row that is no problem, ] goes to the first problem after it:
	// from the last session (the PSTN call), the poor stream inside it.
	m = press(loaded(f, 160, 50), "G")
	last := m.ctx.Tree.Selected()
	m = press(m, "]")
	if got := m.ctx.Tree.Selected(); !last.IsAncestorOf(got) || got.Level != LevelStream {
		t.Errorf("] from the last session selected %+v, want its poor stream", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestNoProblems(t *testing.T) {
	f, err := load.Load("x", []byte(`{"id":"c","sessions":[{"id":"s","caller":{},"callee":{}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := press(loaded(f, 100, 30), "]")
	if !strings.Contains(screen(m), "no problems") || m.ctx.Tree.Cursor() != 0 {
		t.Errorf("] with no problems:\n%s", screen(m))
	}
}

func TestProblemFilter(t *testing.T) {
	f := demoFile(t)
	m := press(loaded(f, 160, 50), "f")
	if !m.ctx.Tree.Filtered() || !strings.Contains(screen(m), "only the paths to problems") {
		t.Fatal("f did not filter")
	}
	// Every row leads to a problem, and every problem is shown.
	shown := map[Node]bool{}
	for i := 0; i < m.ctx.Tree.Rows(); i++ {
		n := m.ctx.Tree.Row(i)
		shown[n] = true
		if n.Level > LevelCall && resolve(f, n).quality(n.Level).Problems() == 0 {
			t.Errorf("row %d (%+v) leads to no problem", i, n)
		}
	}
	for _, p := range m.ctx.Tree.Problems() {
		if !shown[p] {
			t.Errorf("problem %+v is hidden", p)
		}
	}
	// Eva Nowak has no problem: her session is hidden.
	if strings.Contains(screen(m), "Eva Nowak → Conference server") {
		t.Error("a session without problems is shown")
	}
	for _, k := range []string{"esc", "f"} { // both clear it
		m2 := press(m, k)
		if m2.ctx.Tree.Filtered() || !strings.Contains(screen(m2), "Eva Nowak → Conference server") {
			t.Errorf("%s did not clear the filter", k)
		}
		m = press(m2, "f")
	}
}

func TestParticipantsView(t *testing.T) {
	f := demoFile(t)
	m := press(loaded(f, 120, 30), "p")
	s := screen(m)
	for _, want := range []string{
		"Participants · 1/6 of 6 participants · worst first",
		"✗ Alice Okafor",
		"user",
		"! Wi-Fi 2.4 GHz 38 %", // weak: marked, so that it shows without colour
		"✗ loss 15.2 %",
		"⊘ Chiara Rossi (Guest)",
		"mobile",
		"+14255550123",
		"phone",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("participants view lacks %q:\n%s", want, s)
		}
	}
	m = press(m, "/", "b", "o", "b", "enter", "enter") // Bob
	if m.ctx.view != nil || !m.ctx.Tree.Filtered() {
		t.Fatal("enter did not filter the tree")
	}
	if sel := m.ctx.Tree.Selected(); sel.Level != LevelSession || f.Records[0].Names().SessionWho(resolve(f, sel).se) != "Bob Lindqvist" {
		t.Errorf("the cursor is not on Bob's session: %+v", sel)
	}
	s = screen(m)
	if !strings.Contains(s, "only Bob Lindqvist's 1 session") || !strings.Contains(s, "Bob Lindqvist → Conference server") ||
		strings.Contains(s, "Alice Okafor → Conference server") {
		t.Errorf("filtered tree:\n%s", s)
	}
	m = press(m, "esc")
	if m.ctx.Tree.Filtered() || !strings.Contains(screen(m), "Alice Okafor → Conference server") {
		t.Error("esc did not clear the participant filter")
	}
	if press(press(m, "p"), "esc", "esc").ctx.view != nil { // the first esc clears the filter /bob left
		t.Error("esc does not leave the participants view")
	}
}

func TestTimelineLayout(t *testing.T) {
	f := demoFile(t)
	for _, w := range []int{40, 80, 120, 200} {
		m := press(loaded(f, w, 20), "t")
		lines := strings.Split(screen(m), "\n")
		checkFits(t, m, w, 20, "t")
		v := timelineOf(m)
		labelW := v.labelW(w)
		barW := max(w-labelW-3, 1)
		r := f.Records[0]
		for i, se := range v.shown { // each bar starts and ends where its times fall
			s := r.Sessions[se]
			line := ansi.Strip(lines[5+i]) // under the title, the cursor's line and the axis
			// Each row's mark is its session's: ✗ poor, ⊘ failed, ✓ good.
			if want, _ := mark(s.Quality, styles{}); string([]rune(line)[labelW+1]) != want {
				t.Errorf("width %d, session %d: mark %q, want %q: %q", w, i, string([]rune(line)[labelW+1]), want, line)
			}
			bar := []rune(line)[labelW+3:]
			a, b := v.col(s.Start, barW), v.col(s.End, barW)
			onBar := func(r rune) bool { return r == '━' || r == '⊘' || r == '┿' } // ┿: the time cursor crossing it
			if a >= len(bar) || !onBar(bar[a]) || (b < len(bar) && !onBar(bar[b])) {
				t.Errorf("width %d, session %d: bar %q does not span columns %d–%d", w, i, string(bar), a, b)
			}
			if a > 0 && bar[a-1] != ' ' && bar[a-1] != '│' {
				t.Errorf("width %d, session %d: bar starts before column %d", w, i, a)
			}
		}
		// Ticks stand at round times, evenly: 14:05 14:10 14:15 …
		if w >= 80 {
			ticks := regexp.MustCompile(`\d\d:\d\d`).FindAllString(lines[3], -1)
			if len(ticks) < 3 {
				t.Errorf("width %d: axis %q has too few ticks", w, lines[2])
			}
			var mins []int
			for _, tk := range ticks {
				var h, mm int
				fmt.Sscanf(tk, "%d:%d", &h, &mm)
				mins = append(mins, h*60+mm)
			}
			for i := 2; i < len(mins); i++ {
				if step := mins[1] - mins[0]; mins[i]-mins[i-1] != step || mins[0]%step != 0 {
					t.Errorf("width %d: ticks %v are not at round, even times", w, ticks)
					break
				}
			}
		}
		if !strings.Contains(lines[1], "Timeline · 14:00 – 14:35 UTC · 1/6 of 6 sessions") && w >= 80 {
			t.Errorf("width %d: title %q", w, lines[1])
		}
	}
	// Chiara's failed session is marked ⊘ and its bar ends in ⊘.
	m := press(loaded(f, 120, 20), "t")
	if !regexp.MustCompile(`Chiara Rossi \(Guest\) +⊘ [ │]+[━┿]*⊘`).MatchString(screen(m)) {
		t.Errorf("the failed session shows no ⊘:\n%s", screen(m))
	}
	// enter opens the session under the cursor in the tree.
	m = press(m, "j", "j", "enter")
	want := Node{Level: LevelSession, Se: m.ctx.Tree.order[0][2]}
	if m.ctx.view != nil || m.ctx.Tree.Selected() != want {
		t.Errorf("enter selected %+v, want %+v", m.ctx.Tree.Selected(), want)
	}
}

func TestTimelineLocalTime(t *testing.T) {
	f := demoFile(t)
	loc := time.FixedZone("XST", 3600)
	old := time.Local
	time.Local = loc
	defer func() { time.Local = old }()
	m := New(Options{Load: func(context.Context, func(string)) (*data.File, error) { return f, nil }, Local: true})
	m = step(step(m, tea.WindowSizeMsg{Width: 120, Height: 20}), loadedMsg{file: f})
	if s := screen(press(m, "t")); !strings.Contains(s, "15:00 – 15:35 XST") {
		t.Errorf("--local timeline:\n%s", s)
	}
}

// The timeline of a 7,500-session meeting draws only what fits.
func TestTimelineOfABigMeeting(t *testing.T) {
	f, _ := generated(t, 7500)
	m := press(loaded(f, 160, 40), "t", "G")
	s := screen(m)
	if lines := strings.Split(s, "\n"); len(lines) != 40 {
		t.Errorf("%d lines", len(lines))
	}
	if !strings.Contains(s, "7500 sessions") || timelineOf(m).list.cursor != 7499 {
		t.Errorf("G in the timeline: cursor %d", timelineOf(m).list.cursor)
	}
}

// Two sessions of one caller to different callees say the callee too, in
// the tree's words, at every width (whole from 120 columns); sessions of one person with the same
// other end (a rejoin) keep the short label.
func TestTimelineTellsACallersSessionsApart(t *testing.T) {
	f := craftedFile(t)
	for _, w := range []int{60, 80, 100, 120, 160} {
		m := press(loaded(f, w, 24), "t")
		lines := strings.Split(screen(m), "\n")
		labelW := timelineOf(m).labelW(w)
		main, support := lines[5], lines[6]
		if !strings.HasPrefix(main, "+142") || !strings.HasPrefix(support, "+142") {
			t.Fatalf("width %d: the rows are not the caller's:\n%s", w, screen(m))
		}
		a, b := string([]rune(main)[:labelW]), string([]rune(support)[:labelW])
		if a == b {
			t.Errorf("width %d: both sessions are labelled %q", w, a)
		}
		if !strings.Contains(a, "→ Contoso M") || !strings.Contains(b, "→ Contoso S") {
			t.Errorf("width %d: labels %q and %q do not name the callees", w, a, b)
		}
		if w >= 120 && (!strings.Contains(a, "+14255550142 → Contoso Main Line") || !strings.Contains(b, "+14255550142 → Contoso Support Queue")) {
			t.Errorf("width %d: labels %q and %q are cut", w, a, b)
		}
	}
	// The tree says the same words.
	tree := screen(press(loaded(f, 160, 40), "2"))
	for _, want := range []string{"+14255550142 → Contoso Main Line", "+14255550142 → Contoso Support Queue"} {
		if !strings.Contains(tree, want) {
			t.Errorf("the tree lacks %q", want)
		}
	}
	// A rejoin: the second session to the same callee as the first.
	r := f.Records[0]
	r.Sessions[1].Callee = r.Sessions[0].Callee
	labels, _ := sessionLabels(r)
	if labels[0] != "+14255550142" || labels[1] != "+14255550142" {
		t.Errorf("a caller's two sessions to one callee: %q, %q", labels[0], labels[1])
	}
}

// ] and [ walk the timeline's sessions marked ⊘ or ✗ in the rows' order,
// wrapping, as they walk the problems in the tree; n and N the sessions
// that hold a match of the tree's search, and without one n says how to
// search.
func TestTimelineNextProblemAndMatch(t *testing.T) {
	f := demoFile(t)
	r := f.Records[0]
	m := press(loaded(f, 120, 30), "t")
	v := timelineOf(m)
	var problems []int32 // in the rows' order
	for _, se := range v.shown {
		if r.Sessions[se].Quality.State() >= data.StateProblem {
			problems = append(problems, se)
		}
	}
	if len(problems) < 3 || len(problems) == len(v.shown) {
		t.Fatalf("the demo's problems: %v of %v", problems, v.shown)
	}
	cur := func() int32 { se, _ := v.selected(); return se.Se }
	press(m, "G") // from the last row, ] wraps to the first problem
	for i := range len(problems) + 1 {
		m = press(m, "]")
		want := problems[i%len(problems)]
		if cur() != want || m.ctx.Status != fmt.Sprintf("problem %d of %d", i%len(problems)+1, len(problems)) {
			t.Fatalf("] %d: session %d (%q), want %d", i+1, cur(), m.ctx.Status, want)
		}
	}
	m = press(m, "[", "[") // from the first: the last, then the one before
	if want := problems[len(problems)-2]; cur() != want {
		t.Errorf("[ [: session %d, want %d", cur(), want)
	}
	// Worst first: the problems are the first rows, in that order.
	m = press(m, "s", "G", "]")
	if v.list.cursor != 0 || !strings.Contains(screen(m), "problem 1 of") {
		t.Errorf("worst first, G ]: row %d, %q", v.list.cursor, m.ctx.Status)
	}
	// A filter that shows no problem says so.
	m = press(m, "s", "s", "/") // back to by start
	m = typeKeys(m, "eva")
	m = press(m, "enter", "]")
	if !strings.Contains(m.ctx.Status, "no problem shows") {
		t.Errorf("] with only Eva shown: %q", m.ctx.Status)
	}
	// n without a search: how to search; the footer does not offer n.
	m = press(m, "esc", "n")
	if s := screen(m); !strings.Contains(s, "no search: esc, then / searches the tree") || strings.Contains(s, "n next match") {
		t.Errorf("n without a search:\n%s", s)
	}
	// With the tree's search, n walks the sessions that hold a match.
	m = searchFor(t, press(m, "esc"), "Lindqvist")
	m = press(m, "t", "g", "n")
	v = timelineOf(m)
	if se := cur(); !strings.Contains(r.Names().SessionWho(r.Sessions[se]), "Bob") {
		t.Errorf("n went to %q", r.Names().SessionWho(r.Sessions[se]))
	}
	if s := screen(m); !strings.Contains(s, "session 1 of 1 with a match for “Lindqvist”") || !strings.Contains(s, "n next match") {
		t.Errorf("n with a search:\n%s", s)
	}
}
