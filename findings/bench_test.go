package findings_test

import (
	"testing"

	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
)

// BenchmarkFindings is every finding of the 100 MB record, worked out anew
// each time (the record's names are known after the first run).
func BenchmarkFindings(b *testing.B) {
	f, err := load.Load("big", fixture.Big(b))
	if err != nil {
		b.Fatal(err)
	}
	r := f.Records[0]
	b.ReportAllocs()
	for b.Loop() {
		if len(findings.Of(r)) == 0 {
			b.Fatal("no findings")
		}
	}
}
