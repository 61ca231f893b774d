package load

import (
	"testing"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/internal/fixture"
)

// BenchmarkValid is the yardstick: one gjson.Valid pass over the same bytes.
func BenchmarkValid(b *testing.B) {
	doc := fixture.Big(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if !gjson.ValidBytes(doc) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkLoad is loading, judging every stream and working out the
// findings (target: ≤ 1 s and ≤ 4× BenchmarkValid on the 100 MB record).
func BenchmarkLoad(b *testing.B) {
	doc := fixture.Big(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Load("big", doc)
		if err != nil || len(f.Records[0].Sessions) != 7500 {
			b.Fatal(err)
		}
	}
}
