package data

import "testing"

// BenchmarkFindings is every finding of the 100 MB record.
func BenchmarkFindings(b *testing.B) {
	f, err := Load("big", bigRecord(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if len(f.Records[0].Findings()) == 0 {
			b.Fatal("no findings")
		}
	}
}
