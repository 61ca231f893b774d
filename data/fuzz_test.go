package data

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/callscope/callscope/samples"
)

// FuzzLoad feeds the loader arbitrary bytes, seeded with every sample. It
// must never panic, and what loads must report in every format.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "graph", "*.json"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add(samples.Demo)
	f.Add([]byte(hostile))
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
		for _, format := range []Format{FormatText, FormatMarkdown, FormatJSON} {
			if err := WriteReport(io.Discard, file, format); err != nil {
				t.Fatal(err)
			}
		}
	})
}
