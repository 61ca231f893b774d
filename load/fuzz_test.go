package load

import (
	"io"
	"os"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

// FuzzLoad feeds the loader arbitrary bytes, seeded with every sample. It
// must never panic, and what loads must report in every format.
func FuzzLoad(f *testing.F) {
	files := fixture.Glob(f, "graph/*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add(samples.Demo)
	f.Add([]byte(fixture.Hostile))
	f.Add([]byte(`{"id":"x","sessions":[{"startDateTime":"\/Date()\/","segments":[{"media":[{"streams":[{"averageJitter":{"Ticks":1e30}}]}]}]}]}`))
	f.Add([]byte(`{"Id":"x","Sessions":["Microsoft.Graph.PowerShell.Models.MicrosoftGraphCallRecordsSession"]}`))
	f.Add([]byte(`[{"Caller":{},"Segments":[{"Media":[{"Streams":[{"AverageJitter":{"Ticks":1}}]}]}]}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Load("fuzz", b)
		if err != nil {
			return
		}
		for _, r := range file.Records {
			c := r.Counts()
			if q := r.Quality; q.Streams() != c.Streams {
				t.Fatalf("verdicts %+v do not sum to %d streams", q, c.Streams)
			}
		}
		for _, format := range []report.Format{report.FormatText, report.FormatMarkdown, report.FormatJSON} {
			if err := report.Write(io.Discard, file, format); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzWalk drives the walker over arbitrary bytes, which it checks as it
// goes: it must end, and never panic, whatever they are.
func FuzzWalk(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"c\\"}],"d":null}`))
	f.Add([]byte(`{"a":`))
	f.Add([]byte(`[{"x" 1}]`))
	f.Add([]byte(`"\`))
	f.Add(samples.Demo[:len(samples.Demo)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		src := string(b)
		var visit func(v jsonscan.Value, depth int)
		visit = func(v jsonscan.Value, depth int) {
			_ = v.Raw()
			if depth > 64 {
				return
			}
			v.Fields(func(_ string, m jsonscan.Value) bool {
				if m.IsObject() || m.IsArray() {
					visit(m, depth+1)
				}
				return true
			})
		}
		visit(jsonscan.Root(src), 0)
		// The parse proper on the same bytes, as Load runs it.
		_, _ = parse(&data.File{Name: "fuzz"}, b, nil, true)
	})
}
