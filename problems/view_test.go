package problems_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/problems"
)

func whats(l *problems.List, idx []int32) []string {
	var out []string
	for _, i := range idx {
		out = append(out, l.Rows[i].What)
	}
	return out
}

func TestFilterMatchesWhatIsShownIgnoringCase(t *testing.T) {
	l := problems.New(problems.Build(demo(t)))
	for _, c := range []struct {
		filter string
		want   int
	}{
		{"", 23},
		{"wi-fi", 1},            // what
		{"DEV PATEL", 6},        // who
		{"screen sharing", 1},   // media (and what)
		{"device", 7},           // category
		{"feedback", 1},         // category and what
		{"sbc1.contoso", 1},     // who of a PSTN leg
		{"  2.4 ghz ", 1},       // spaces around are not the filter's
		{"okafor feedback", 0},  // fields are not matched across
		{"okafor\tfeedback", 0}, // not even with a tab
		{"no such thing", 0},
	} {
		got := l.Visible(problems.View{Filter: c.filter}, nil)
		if len(got) != c.want {
			t.Errorf("filter %q: %d rows %q, want %d", c.filter, len(got), whats(l, got), c.want)
		}
		for _, i := range got {
			row := l.Rows[i]
			shown := strings.ToLower(row.Who + " " + row.What + " " + row.Media.String() + " " + row.Category.String())
			if !strings.Contains(shown, strings.ToLower(strings.Join(strings.Fields(c.filter), " "))) {
				t.Errorf("filter %q shows %+v", c.filter, row)
			}
		}
	}
}

// TestNarrowingCombines checks every combination of filter, severity,
// media and category on a generated meeting against the rows one by one.
func TestNarrowingCombines(t *testing.T) {
	l := problems.New(problems.Build(loadRecords(t, "gen.json", fixture.Generated(t, 300, 7))[0]))
	seenCombined := false
	for _, filter := range []string{"", "loss", "wi-fi", "pstn"} {
		for sev := range 4 {
			for media := range 6 {
				for cat := range 5 {
					v := problems.View{Filter: filter}
					keep := func(r problems.Row) bool { return strings.Contains(strings.ToLower(r.Who+"\t"+r.What), filter) }
					if sev > 0 {
						v.Severities = problems.Of(problems.Severity(sev - 1))
					}
					if media > 0 {
						v.Media = problems.Of(problems.Media(media - 1))
					}
					if cat > 0 {
						v.Categories = problems.Of(problems.Category(cat - 1))
					}
					var want []int32
					for i, r := range l.Rows {
						if keep(r) && (sev == 0 || int(r.Severity) == sev-1) && (media == 0 || int(r.Media) == media-1) && (cat == 0 || int(r.Category) == cat-1) {
							want = append(want, int32(i))
						}
					}
					got := l.Visible(v, nil)
					slices.Sort(got)
					if !slices.Equal(got, want) {
						t.Fatalf("%+v: %d rows, want %d", v, len(got), len(want))
					}
					seenCombined = seenCombined || (filter != "" && sev > 0 && media > 0 && cat > 0 && len(got) > 0)
				}
			}
		}
	}
	if !seenCombined {
		t.Error("no combination of all four narrowed to some rows: the meeting does not test them")
	}
}

func TestSortOrders(t *testing.T) {
	r := loadRecords(t, "gen.json", fixture.Generated(t, 300, 7))[0]
	l := problems.New(problems.Build(r))
	all := len(l.Rows)
	before := func(a, b problems.Row) int { // time order, unknown last
		switch {
		case a.Time.IsZero() && b.Time.IsZero():
			return 0
		case a.Time.IsZero():
			return 1
		case b.Time.IsZero():
			return -1
		}
		return a.Time.Compare(b.Time)
	}
	check := func(s problems.Sort, cmp func(a, b problems.Row) int) {
		got := l.Visible(problems.View{Sort: s}, nil)
		if len(got) != all {
			t.Fatalf("%s: %d of %d rows", s, len(got), all)
		}
		for k := 1; k < len(got); k++ {
			a, b := l.Rows[got[k-1]], l.Rows[got[k]]
			if c := cmp(a, b); c > 0 || c == 0 && got[k-1] > got[k] {
				t.Fatalf("%s: %+v before %+v", s, a, b)
			}
		}
	}
	bySeverity := func(a, b problems.Row) int {
		if a.Severity != b.Severity {
			return int(a.Severity) - int(b.Severity)
		}
		return before(a, b)
	}
	check(problems.BySeverity, bySeverity)
	check(problems.ByTime, func(a, b problems.Row) int {
		if c := before(a, b); c != 0 {
			return c
		}
		return int(a.Severity) - int(b.Severity)
	})
	check(problems.ByWho, func(a, b problems.Row) int {
		if c := strings.Compare(strings.ToLower(a.Who), strings.ToLower(b.Who)); c != 0 {
			return c
		}
		return bySeverity(a, b)
	})
	// The sort changes the order, not what is shown.
	a, b := l.Visible(problems.View{Filter: "loss", Sort: problems.ByWho}, nil), l.Visible(problems.View{Filter: "loss"}, nil)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("sorting by who shows %d rows, most severe first %d", len(a), len(b))
	}
}

func TestCycles(t *testing.T) {
	var v problems.View
	var sorts []string
	for range 4 {
		sorts = append(sorts, v.Sort.String())
		v.CycleSort()
	}
	if want := []string{"most severe first", "by who", "by time", "most severe first"}; !slices.Equal(sorts, want) {
		t.Errorf("sorts %q, want %q", sorts, want)
	}
	var narrowed []string
	for range 5 {
		v.CycleSeverity()
		narrowed = append(narrowed, v.Narrowed())
	}
	if want := []string{"failed", "problem", "warning", "", "failed"}; !slices.Equal(narrowed, want) {
		t.Errorf("severity cycle %q, want %q", narrowed, want)
	}
	v = problems.View{}
	narrowed = nil
	for range 6 {
		v.CycleMedia()
		narrowed = append(narrowed, v.Narrowed())
	}
	if want := []string{"audio", "video", "screen sharing", "other media", "none", ""}; !slices.Equal(narrowed, want) {
		t.Errorf("media cycle %q, want %q", narrowed, want)
	}
	v = problems.View{}
	narrowed = nil
	for range 5 {
		v.CycleCategory()
		narrowed = append(narrowed, v.Narrowed())
	}
	if want := []string{"network", "device", "feedback", "failure", ""}; !slices.Equal(narrowed, want) {
		t.Errorf("category cycle %q, want %q", narrowed, want)
	}
	v = problems.View{Severities: problems.Of(problems.Failed, problems.Problem), Media: problems.Of(problems.Audio)}
	if got := v.Narrowed(); got != "failed/problem · audio" {
		t.Errorf("Narrowed = %q", got)
	}
	v.CycleSeverity() // a set of several steps back to all
	if v.Severities != 0 {
		t.Errorf("cycling a set of severities gave %b", v.Severities)
	}
}

func TestMarkdown(t *testing.T) {
	l := problems.New(problems.Build(demo(t)))
	vis := l.Visible(problems.View{Filter: "alice", Severities: problems.Of(problems.Problem)}, nil)
	md := l.Markdown(vis)
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	if lines[0] != "### 4 of 23 problems" {
		t.Errorf("title %q", lines[0])
	}
	if len(lines) != 4+len(vis) {
		t.Errorf("%d lines for %d rows:\n%s", len(lines), len(vis), md)
	}
	if want := "| ✗ problem | Alice Okafor | poor received audio: packet loss 15.2 % > 10 %, jitter 41 ms > 30 ms | audio | network | 0:00 |"; !strings.Contains(md, want) {
		t.Errorf("no row %q in\n%s", want, md)
	}
	if got := problems.Title(1, 1); got != "1 of 1 problem" {
		t.Errorf("Title(1, 1) = %q", got)
	}
}
