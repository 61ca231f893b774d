package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// typeKeys types text into the explorer, one key a letter.
func typeKeys(m *Model, text string) *Model {
	for _, r := range text {
		m = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// searchFor runs a search to its end as the program would: the command
// from enter, then its result.
func searchFor(t *testing.T, m *Model, q string) *Model {
	t.Helper()
	m = typeKeys(press(m, "/"), q)
	nm, cmd := m.Update(keyMsg("enter"))
	m = nm.(*Model)
	if !m.main.search.busy {
		t.Fatal("enter did not start a search")
	}
	return step(m, runUntil[searchDoneMsg](t, cmd))
}

// runUntil runs a command (and a batch's commands, side by side) until one
// gives a message of type T.
func runUntil[T tea.Msg](t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	found := make(chan tea.Msg, 8)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, sub := range msg {
				go run(sub)
			}
		case T:
			found <- msg
		}
	}
	go run(cmd)
	select {
	case msg := <-found:
		return msg
	case <-time.After(10 * time.Second):
		t.Fatal("no result")
	}
	return nil
}

func TestSearchJumpsThroughMatches(t *testing.T) {
	f := demoFile(t)
	m := searchFor(t, loaded(f, 130, 30), "192.168.1")
	if len(m.main.search.matches) != 2 {
		t.Fatalf("%d matches, want Alice's two media", len(m.main.search.matches))
	}
	first := m.main.search.matches[0]
	if m.ctx.Tree.Selected() != first || !strings.Contains(screen(m), "match 1 of 2 for “192.168.1”") {
		t.Fatalf("at %+v:\n%s", m.ctx.Tree.Selected(), screen(m))
	}
	if !strings.Contains(screen(m), "192.168.1.47:50012") {
		t.Error("the matching line is not in view in the pane")
	}
	m = press(m, "n")
	if m.ctx.Tree.Selected() != m.main.search.matches[1] || !strings.Contains(screen(m), "match 2 of 2") {
		t.Error("n did not go to the second match")
	}
	if m = press(m, "n"); m.ctx.Tree.Selected() != first {
		t.Error("n does not wrap around")
	}
	if m = press(m, "N"); m.ctx.Tree.Selected() != m.main.search.matches[1] {
		t.Error("N does not wrap backwards")
	}
	// Matches are highlighted, in the tree and the pane.
	if !strings.Contains(m.View().Content, m.ctx.St.match.pre+"192.168.1"+m.ctx.St.match.post) {
		t.Error("the match is not highlighted")
	}
	if m = press(m, "esc"); m.main.search.query != "" || strings.Contains(m.View().Content, m.ctx.St.match.pre) {
		t.Error("esc did not clear the search")
	}
}

func TestSearchVisibleTextAndNoMatch(t *testing.T) {
	f := demoFile(t)
	// "Conference server" is no value in the file (the role is
	// skypeForBusinessAudioVideoMcu): it is the rows' text.
	m := searchFor(t, loaded(f, 130, 30), "conference SERVER")
	if len(m.main.search.matches) < 6 {
		t.Errorf("%d matches for a visible text", len(m.main.search.matches))
	}
	m = searchFor(t, m, "no such thing anywhere")
	if len(m.main.search.matches) != 0 || !strings.Contains(screen(m), "no match for “no such thing anywhere”") {
		t.Errorf("no match:\n%s", screen(m))
	}
}

func TestSearchPromptTakesTheKeys(t *testing.T) {
	m := typeKeys(press(loaded(demoFile(t), 100, 30), "/"), "qj?")
	if _, cmd := m.Update(keyMsg("q")); cmd != nil {
		if msg := cmd(); msg == tea.Quit() {
			t.Fatal("q in the prompt quit the program")
		}
	}
	if m.ctx.Tree.Cursor() != 0 || isHelp(m.ctx.view) || m.main.search.input.Value() != "qj?q" {
		t.Errorf("keys leaked out of the prompt: cursor %d help %v value %q", m.ctx.Tree.Cursor(), isHelp(m.ctx.view), m.main.search.input.Value())
	}
	if m = press(m, "esc"); m.main.search.prompt {
		t.Error("esc does not close the prompt")
	}
}

func TestStaleSearchResultsAreDropped(t *testing.T) {
	f := demoFile(t)
	m := loaded(f, 100, 30)
	m = typeKeys(press(m, "/"), "Alice")
	nm, first := m.Update(keyMsg("enter"))
	m = typeKeys(press(nm.(*Model), "/"), "Bob")
	nm, second := m.Update(keyMsg("enter"))
	m = nm.(*Model)
	old := runUntil[searchDoneMsg](t, first)
	m = step(m, old) // Alice's result arrives late
	if !m.main.search.busy || len(m.main.search.matches) != 0 {
		t.Fatal("a stale result was taken")
	}
	m = step(m, runUntil[searchDoneMsg](t, second))
	if m.main.search.busy || m.main.search.query != "Bob" || len(m.main.search.matches) == 0 {
		t.Errorf("the newest result: busy %v query %q %d matches", m.main.search.busy, m.main.search.query, len(m.main.search.matches))
	}
}

func TestSearchIsCancelled(t *testing.T) {
	f := demoFile(t)
	m := loaded(f, 100, 30)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := findNodes(ctx, m.ctx.Tree, f, "a"); err == nil {
		t.Error("a cancelled search went on")
	}
}

func BenchmarkSearchBigRecord(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		if _, err := findNodes(context.Background(), m.ctx.Tree, f, "Okafor"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFoldingThatChangesLengths(t *testing.T) {
	m := paint{pre: "<", post: ">"}
	cases := []struct{ line, q, want string }{
		{"Network", "\u212a", "Networ<k>"},                // the Kelvin sign folds to k
		{"Jörg Strauß: ok", "STRAUSS", "Jörg Strauß: ok"}, // ß is no "ss" for EqualFold: no match, no panic
		{"Jörg Strauß", "strauß", "Jörg <Strauß>"},
		// Text runs are matched one by one: never across an escape sequence.
		{"\x1b[31mAlice\x1b[m Okafor", "alice o", "\x1b[31mAlice\x1b[m Okafor"},
		{"\x1b[31mAlice\x1b[m Okafor", "alice", "\x1b[31m<Alice>\x1b[m Okafor"},
	}
	for _, c := range cases {
		if got := highlight(c.line, c.q, m); got != c.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", c.line, c.q, got, c.want)
		}
	}
	f := demoFile(t)
	mm := searchFor(t, loaded(f, 100, 30), "\u212aelvin-free") // nothing, and no panic
	_ = mm.View()
	mm = searchFor(t, loaded(f, 100, 30), "o\u212aafor") // "oKafor" with the Kelvin sign finds Okafor
	if len(mm.main.search.matches) == 0 {
		t.Error("the Kelvin sign did not match k")
	}
	_ = mm.View()
}
