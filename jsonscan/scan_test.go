package jsonscan

import (
	"fmt"
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
			end := -1
			for _, r := range runs {
				s := root.Scanner().Fork()
				end = r.Elements(s, func(i int, e Value) bool {
					got = append(got, fmt.Sprintf("%d:%s", i, e.Raw()))
					return true
				})
				if s.Failed() {
					t.Errorf("n=%d: a run failed on valid JSON", n)
				}
				scans = append(scans, s)
			}
			if end != m.End() {
				t.Errorf("n=%d: the last run ends at %d, the array at %d", n, end, m.End())
			}
			m.Join(end, scans...)
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
	for _, r := range bad.Runs(1) {
		r.Elements(s, func(int, Value) bool { return true })
	}
	bad.Join(-1, s)
	if !bad.Scanner().Failed() {
		t.Error("a run walked past a broken object, or Join lost it")
	}
}
