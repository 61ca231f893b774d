package report

import (
	"io"
	"testing"

	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
)

// BenchmarkReportJSON is `callscope report --format json` without the file
// read: the load, then the report.
func BenchmarkReportJSON(b *testing.B) {
	doc := fixture.Big(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		f, err := load.Load("big", doc)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(io.Discard, f, FormatJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteJSON is the JSON report's writing alone, of the 100 MB
// record as loaded (its findings worked out, its names known after the
// first run).
func BenchmarkWriteJSON(b *testing.B) {
	f, err := load.Load("big", fixture.Big(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, f, FormatJSON); err != nil {
			b.Fatal(err)
		}
	}
}
