package data

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/samples"
)

var (
	bigOnce sync.Once
	bigDoc  []byte
)

// bigRecord is a generated 7,500-session meeting of about 100 MB.
func bigRecord(b *testing.B) []byte {
	bigOnce.Do(func() {
		var buf bytes.Buffer
		if err := samples.Generate(&buf, samples.GenOptions{Sessions: 7500, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		bigDoc = buf.Bytes()
	})
	return bigDoc
}

// BenchmarkValid is the yardstick: one gjson.Valid pass over the same bytes.
func BenchmarkValid(b *testing.B) {
	doc := bigRecord(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if !gjson.ValidBytes(doc) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkLoad is loading and judging every stream (target: ≤ 1 s and ≤ 4×
// BenchmarkValid on the 100 MB record).
func BenchmarkLoad(b *testing.B) {
	doc := bigRecord(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Load("big", doc)
		if err != nil || len(f.Records[0].Sessions) != 7500 {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportJSON is `callscope report --format json` without the file read.
func BenchmarkReportJSON(b *testing.B) {
	doc := bigRecord(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		f, err := Load("big", doc)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteReport(io.Discard, f, FormatJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// loadedBig is the 100 MB record loaded, and a function that makes it
// forget its findings and names (a record keeps them once asked), for
// benchmarks of what comes after the load.
func loadedBig(b *testing.B) (*File, func()) {
	f, err := Load("big", bigRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	r := f.Records[0]
	b.ReportAllocs()
	b.ResetTimer()
	return f, func() {
		r.findingsOnce, r.findings = sync.Once{}, nil
		r.namesOnce, r.names = sync.Once{}, nil
	}
}

// BenchmarkWriteJSON is the JSON report's writing alone, its findings worked
// out anew each time.
func BenchmarkWriteJSON(b *testing.B) {
	f, forget := loadedBig(b)
	for b.Loop() {
		forget()
		if err := WriteReport(io.Discard, f, FormatJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindings is every finding of the 100 MB record, worked out anew
// each time.
func BenchmarkFindings(b *testing.B) {
	f, forget := loadedBig(b)
	for b.Loop() {
		forget()
		if len(f.Records[0].Findings()) == 0 {
			b.Fatal("no findings")
		}
	}
}
