package data

import (
	"sync"
	"testing"
)

// BenchmarkFindings is every finding of the 100 MB record, worked out anew
// each time (a record keeps them once asked).
func BenchmarkFindings(b *testing.B) {
	f, err := Load("big", bigRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	r := f.Records[0]
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r.findingsOnce, r.findings = sync.Once{}, nil
		if len(r.Findings()) == 0 {
			b.Fatal("no findings")
		}
	}
}
