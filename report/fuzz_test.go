package report

import (
	"os"
	"testing"

	"github.com/callscope/callscope/internal/fixture"
	attack "github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
)

// FuzzReports feeds the reports arbitrary records, seeded with the samples
// and the demo attacked by each class: whatever loads must report in every
// format, and the markdown of every node, with nothing a terminal or a
// markdown renderer would obey (checkReports).
func FuzzReports(f *testing.F) {
	files := fixture.Glob(f, "graph/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(samples.Demo)
	for _, c := range attack.Classes {
		f.Add(attack.Everywhere(samples.Demo, c.Payload))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := load.Load("fuzz.json", b)
		if err != nil {
			return
		}
		if p := checkReports(file); p != "" {
			t.Fatal(p)
		}
	})
}
