package data

import (
	"testing"
)

func TestRollupStatePrecedence(t *testing.T) {
	cases := []struct {
		r    Rollup
		want State
	}{
		{Rollup{}, StateUnclassified},
		{Rollup{Unclassified: 3}, StateUnclassified},
		{Rollup{Good: 1, Unclassified: 3}, StateGood},
		{Rollup{Good: 5, ProblemFindings: 1}, StateProblem}, // good streams, a microphone not working
		{Rollup{Unclassified: 2, ProblemFindings: 1}, StateProblem},
		{Rollup{Good: 5, Poor: 1}, StateProblem},
		{Rollup{Poor: 3, Failures: 1}, StateFailed}, // failure outranks poor
		{Rollup{ProblemFindings: 2, Failures: 1}, StateFailed},
		{Rollup{Failures: 1}, StateFailed},
	}
	for _, c := range cases {
		if got := c.r.State(); got != c.want {
			t.Errorf("%+v.State() = %v, want %v", c.r, got, c.want)
		}
	}
	if p := (Rollup{Poor: 2, Failures: 1, ProblemFindings: 4}).Problems(); p != 7 {
		t.Errorf("Problems = %d, want 7", p)
	}
}
