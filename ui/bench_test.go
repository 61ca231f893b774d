package ui

import (
	"bytes"
	"context"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/load"
)

func generated(b testing.TB, sessions int) (*data.File, []byte) {
	b.Helper()
	var buf bytes.Buffer
	if err := generate.Record(&buf, generate.Options{Sessions: sessions, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f, err := load.Load("gen", buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	return f, buf.Bytes()
}

// benchKeyAndFrame is one key press (Update) and one frame (View) on a tree
// expanded down to every stream. Target: ≤ 1 ms at 7,500 sessions (about
// 100k rows), within 2× of the same on a 1,000-row tree.
func benchKeyAndFrame(b *testing.B, sessions int) {
	f, _ := generated(b, sessions)
	m := press(loaded(f, 160, 50), "4")
	b.ReportMetric(float64(m.ctx.Tree.Rows()), "rows")
	b.ResetTimer()
	for b.Loop() {
		if m.ctx.Tree.Cursor() == m.ctx.Tree.Rows()-1 {
			m = press(m, "g")
		}
		m = press(m, "j")
		_ = m.View()
	}
}

func BenchmarkKeyAndFrame100kRows(b *testing.B) { benchKeyAndFrame(b, 7500) }
func BenchmarkKeyAndFrame1kRows(b *testing.B)   { benchKeyAndFrame(b, 75) }

// BenchmarkFirstFrame is loading the 100 MB record and drawing its first
// frame (target ≤ 1.5 s).
func BenchmarkFirstFrame(b *testing.B) {
	_, doc := generated(b, 7500)
	b.ResetTimer()
	for b.Loop() {
		f, err := load.Load("gen", doc)
		if err != nil {
			b.Fatal(err)
		}
		_ = loaded(f, 160, 50).View()
	}
}

// BenchmarkExpandAll is L on the call of the 100 MB record: every row at once.
func BenchmarkExpandAll(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		m = press(m, "L", "H")
	}
}

// BenchmarkNextProblem is ] on the 100 MB record: find the next of about
// 1,600 problems, open the path to it, and draw the frame.
func BenchmarkNextProblem(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		m = press(m, "]")
		_ = m.View()
	}
}

// BenchmarkTimelineFrame is a key and a frame in the timeline of 7,500 sessions.
func BenchmarkTimelineFrame(b *testing.B) {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "t")
	b.ResetTimer()
	for b.Loop() {
		if timelineOf(m).list.cursor == timelineOf(m).list.n-1 {
			m = press(m, "g")
		}
		m = press(m, "j")
		_ = m.View()
	}
}

// BenchmarkBackToTheCall is j then g on the 100 MB record: the call's pane
// is built again each time the cursor comes back to it.
func BenchmarkBackToTheCall(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		m = press(m, "j", "g")
		_ = m.View()
	}
}

// BenchmarkSearch is / on the 100 MB record, from enter to the matches the
// first n jumps to (target ≤ 0.3 s): the record's values, the rows' and
// panes' words, the findings.
func BenchmarkSearch(b *testing.B) {
	f, _ := generated(b, 7500)
	t := NewTree(f)
	for _, q := range []string{"2.4 GHz", "Wi-Fi signal", "zzzz-no-match"} {
		b.Run(q, func(b *testing.B) {
			n := 0
			for b.Loop() {
				nodes, err := findNodes(context.Background(), t, f, q)
				if err != nil {
					b.Fatal(err)
				}
				n = len(nodes)
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}
