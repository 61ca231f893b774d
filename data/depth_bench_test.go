package data

import "testing"

// BenchmarkMaxDepth is the depth check that guards gjson.Valid's recursion.
func BenchmarkMaxDepth(b *testing.B) {
	doc := bigRecord(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if maxDepth(doc) > depthLimit {
			b.Fatal("too deep")
		}
	}
}
