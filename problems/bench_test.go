package problems_test

import (
	"sync"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/problems"
)

var (
	bigOnce sync.Once
	bigRec  *data.Record
)

// big is the generated 7,500-session meeting (as `go run ./samples/gen
// -sessions 7500 -seed 1` writes it), loaded once.
func big(tb testing.TB) *data.Record {
	tb.Helper()
	bigOnce.Do(func() {
		f, err := load.Load("big.json", fixture.Big(tb))
		if err != nil {
			tb.Fatal(err)
		}
		bigRec = f.Records[0]
	})
	if bigRec == nil {
		tb.Fatal("the big meeting did not load")
	}
	return bigRec
}

// BenchmarkBuild is opening the problems list: every row of the big
// meeting, and its first view (most severe first).
func BenchmarkBuild(b *testing.B) {
	r := big(b)
	b.ReportAllocs()
	for b.Loop() {
		l := problems.New(problems.Build(r))
		if len(l.Visible(problems.View{}, nil)) == 0 {
			b.Fatal("no problems")
		}
	}
}

// benchView measures one change of view on a list that has shown its
// default view (each sort's order is worked out on first use, as a key
// press would).
func benchView(b *testing.B, v problems.View, fresh bool) {
	r := big(b)
	rows := problems.Build(r)
	l := problems.New(rows)
	var dst []int32
	dst = l.Visible(problems.View{}, dst)
	b.ReportAllocs()
	for b.Loop() {
		if fresh {
			b.StopTimer()
			l = problems.New(rows)
			dst = l.Visible(problems.View{}, dst)
			b.StartTimer()
		}
		dst = l.Visible(v, dst)
	}
	b.ReportMetric(float64(len(dst)), "rows")
}

func BenchmarkFilterFirst(b *testing.B) { benchView(b, problems.View{Filter: "Wi-Fi"}, true) }
func BenchmarkFilter(b *testing.B)      { benchView(b, problems.View{Filter: "packet loss"}, false) }
func BenchmarkNarrow(b *testing.B) {
	benchView(b, problems.View{Severities: problems.Of(problems.Problem), Media: problems.Of(problems.Audio)}, false)
}
func BenchmarkSortWhoFirst(b *testing.B)  { benchView(b, problems.View{Sort: problems.ByWho}, true) }
func BenchmarkSortTimeFirst(b *testing.B) { benchView(b, problems.View{Sort: problems.ByTime}, true) }
func BenchmarkSortWho(b *testing.B)       { benchView(b, problems.View{Sort: problems.ByWho}, false) }

func BenchmarkMarkdown(b *testing.B) {
	l := problems.New(problems.Build(big(b)))
	vis := l.Visible(problems.View{Filter: "Wi-Fi"}, nil)
	b.ReportAllocs()
	for b.Loop() {
		_ = l.Markdown(vis)
	}
}
