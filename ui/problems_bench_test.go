package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The problems list on the 7,500-session meeting (about 44,700 problems).
// Targets: opening it (building the list and the first frame), and each
// filter, narrowing or sort key with its frame, ≤ 50 ms; a frame ≤ 2 ms.

// bigProblems is the explorer on the big meeting at 160×50 with the
// problems list open.
func bigProblems(b *testing.B) *Model {
	f, _ := generated(b, 7500)
	m := press(loaded(f, 160, 50), "!")
	b.ReportMetric(float64(len(problemsOf(b, m).list.Rows)), "problems")
	return m
}

// BenchmarkProblemsOpen is ! the first time: every row built, sorted most
// severe first, and drawn.
func BenchmarkProblemsOpen(b *testing.B) {
	f, _ := generated(b, 7500)
	m := loaded(f, 160, 50)
	b.ResetTimer()
	for b.Loop() {
		m.ctx.problems = nil // a new record's list
		m = press(m, "!")
		_ = m.View()
		b.StopTimer()
		m = press(m, "esc")
		b.StartTimer()
	}
}

// BenchmarkProblemsFilterKey is a key typed in the filter prompt and its
// frame: one letter, then backspace, in turn (every row is matched each
// time).
func BenchmarkProblemsFilterKey(b *testing.B) {
	m := typeText(press(bigProblems(b), "/"), "l") // the rows' words are folded once, on the first filter
	m = step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			m = typeText(m, "l")
		} else {
			m = step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
		}
		i++
		_ = m.View()
	}
}

// BenchmarkProblemsFirstFilterKey is the first letter typed in a new list:
// it folds every row's words once.
func BenchmarkProblemsFirstFilterKey(b *testing.B) {
	m := bigProblems(b)
	m = press(m, "esc")
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m.ctx.problems = nil
		m = press(m, "!", "/")
		b.StartTimer()
		m = typeText(m, "w")
		_ = m.View()
		b.StopTimer()
		m = press(m, "esc", "esc")
		b.StartTimer()
	}
}

// BenchmarkProblemsSortKey is s and its frame, each sort's order known.
func BenchmarkProblemsSortKey(b *testing.B) {
	m := press(bigProblems(b), "s", "s", "s") // each order worked out once
	b.ResetTimer()
	for b.Loop() {
		m = press(m, "s")
		_ = m.View()
	}
}

// BenchmarkProblemsFirstSortKey is s to an order not yet worked out (by
// who, the dearer of the two).
func BenchmarkProblemsFirstSortKey(b *testing.B) {
	m := press(bigProblems(b), "esc")
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m.ctx.problems = nil
		m = press(m, "!")
		b.StartTimer()
		m = press(m, "s")
		_ = m.View()
		b.StopTimer()
		m = press(m, "esc")
		b.StartTimer()
	}
}

// BenchmarkProblemsNarrowKey is v (severity) and its frame.
func BenchmarkProblemsNarrowKey(b *testing.B) {
	m := bigProblems(b)
	b.ResetTimer()
	for b.Loop() {
		m = press(m, "v")
		_ = m.View()
	}
}

// BenchmarkProblemsFrame is a frame of the list of all 44,700 rows, the
// cursor half-way down.
func BenchmarkProblemsFrame(b *testing.B) {
	m := bigProblems(b)
	v := problemsOf(b, m)
	v.cur.move(len(v.shown) / 2)
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkProblemsKeyAndFrame is j and a frame, wrapping at the end.
func BenchmarkProblemsKeyAndFrame(b *testing.B) {
	m := bigProblems(b)
	v := problemsOf(b, m)
	b.ResetTimer()
	for b.Loop() {
		if v.cur.cursor == len(v.shown)-1 {
			m = press(m, "g")
		}
		m = press(m, "j")
		_ = m.View()
	}
}
