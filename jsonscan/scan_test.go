package jsonscan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestKeyCacheGivesNormalisedKeysPastItsSize(t *testing.T) {
	w := &Scanner{}
	for round := range 2 {
		for i := range 2000 {
			k := fmt.Sprintf("Key_%dName%c", i, 'A'+i%26)
			want := strings.ToLower(strings.ReplaceAll(k, "_", ""))
			if got := w.norm(k); got != want {
				t.Fatalf("round %d: norm(%q) = %q, want %q", round, k, got, want)
			}
		}
		if got := w.norm(""); got != "" {
			t.Fatalf("norm of the empty key: %q", got)
		}
	}
	if w.keys.used > len(w.keys.slots)/2 {
		t.Errorf("the cache grew past half: %d", w.keys.used)
	}
}

// Runs cut an array between elements: walked on their own scanners, they
// give every element once, with its index, whatever the number of runs, and
// the walk that holds the array goes on after it.
func TestRunsGiveEveryElementOnce(t *testing.T) {
	doc := `{"a":[` + strings.Repeat(`{"x":[1,"]"]},7,"s",null,`, 40) + `{"last":true}],"b":1}`
	for n := 1; n <= 6; n++ {
		root := Root(doc)
		var got []string
		root.Members(func(k string, m Value) bool {
			if k != "a" {
				return true
			}
			runs := m.Runs(n)
			if len(runs) > n {
				t.Errorf("%d runs for n=%d", len(runs), n)
			}
			var scans []*Scanner
			for j := range runs {
				s := root.Scanner().Fork()
				runs[j].Elements(s, func(i int, e Value) bool {
					got = append(got, fmt.Sprintf("%d:%s", i, e.Raw()))
					return true
				})
				if s.Failed() {
					t.Errorf("n=%d: a run failed on valid JSON", n)
				}
				scans = append(scans, s)
			}
			m.Join(runs, scans...)
			if d, want := root.Scanner(), strings.Index(doc, `],"b"`)+1; d.doneStart != m.Pos() || d.doneEnd != want {
				t.Errorf("n=%d: the runs were joined as ending at %d, the array ends at %d", n, d.doneEnd, want)
			}
			return true
		})
		if root.Scanner().Failed() || len(got) != 161 || got[0] != `0:{"x":[1,"]"]}` || got[160] != `160:{"last":true}` {
			t.Errorf("n=%d: %d elements, first %q, last %q", n, len(got), got[0], got[len(got)-1])
		}
		for i, g := range got {
			if !strings.HasPrefix(g, fmt.Sprint(i)+":") {
				t.Fatalf("n=%d: element %d is %q", n, i, g)
			}
		}
	}
	// An object the quick pass skipped is checked when its run is walked.
	bad := Root(`[{"a":1},{"a":tru},{"a":2}]`)
	s := bad.Scanner().Fork()
	runs := bad.Runs(1)
	for j := range runs {
		runs[j].Elements(s, func(int, Value) bool { return true })
	}
	bad.Join(runs, s)
	if !bad.Scanner().Failed() {
		t.Error("a run walked past a broken object, or Join lost it")
	}
}

// walkRuns walks an array in n runs, one after the other, and gives its
// elements, or "not JSON" alone if the walk found the bytes are not.
func walkRuns(doc string, n int) []string {
	root := Root(doc)
	runs := root.Runs(n)
	var got []string
	var scans []*Scanner
	for j := range runs {
		s := root.Scanner().Fork()
		runs[j].Elements(s, func(i int, e Value) bool {
			got = append(got, fmt.Sprintf("%d:%s", i, e.Raw()))
			return !s.Failed()
		})
		scans = append(scans, s)
	}
	root.Join(runs, scans...)
	if root.End(); root.Scanner().Failed() {
		return []string{"not JSON"}
	}
	return got
}

// However many runs an array is cut into (more than it has elements, with
// space between them, or bytes that are not JSON where a run's quick count
// passes over them), the runs give what one walk gives, or fail as it does.
func TestRunsAgreeWithOneWalk(t *testing.T) {
	docs := []string{
		`[]`, `[ ]`, `[1]`, `[   1  ,  2 ,3   ]`, "[\n  {\"a\": [1, 2]},\n  {\"b\": \"],[\"}\n]",
		`[{"a":"x},{"b":1},{"c":2}]`, // a string that swallows a quote: not JSON
		`[{"a":1},{"b":"\\"},{"c":2},{"d":3}]`,
		`[{"a":1}},{"b":2},{"c":3},{"d":4},{"e":5}]`, // a brace too many
		`[{"a":1},{"b":2]},{"c":3},{"d":4}]`,
		`[{"a":[1,2},{"b":2},{"c":3},{"d":4},{"e":5},{"f":6}]`,
		`[1,2,3,4,5,6,7,8,9` + "", // cut off
		`[{"x":"` + strings.Repeat("a", 50) + `"},{"y":2}] trailing`,
	}
	for _, doc := range docs {
		one := walkRuns(doc, 1)
		for n := 2; n <= 12; n++ {
			if got := walkRuns(doc, n); !slices.Equal(got, one) {
				t.Errorf("%s in %d runs: %q; in one: %q", doc, n, got, one)
			}
		}
	}
}

// FuzzRuns: whatever the bytes, an array walked in runs gives what one
// walk gives, or fails as it does (go test runs the seeds; go test -fuzz
// FuzzRuns ./jsonscan explores).
func FuzzRuns(f *testing.F) {
	for _, s := range []string{`[]`, `[1,2,3]`, `[{"a":"]"},{"b":[1,{}]}, "x" ,null]`, `[{"a":1}},{"b":2}]`, `["\"",{"a":"\\"}]`} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, doc string, n uint8) {
		one := walkRuns(doc, 1)
		if got := walkRuns(doc, int(n%16)+2); !slices.Equal(got, one) {
			t.Errorf("%q in %d runs: %q; in one: %q", doc, n%16+2, got, one)
		}
	})
}
