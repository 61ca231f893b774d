package load

import (
	"runtime"
	"strings"
	"testing"
)

// emptyNodes is a record whose deepest level named by kind holds n empty
// objects: the cheapest input for the most nodes.
func emptyNodes(kind string, n int) []byte {
	many := strings.Repeat("{},", n-1) + "{}"
	doc := map[string]string{
		"session": `{"id":"x","sessions":[` + many + `]}`,
		"segment": `{"id":"x","sessions":[{"segments":[` + many + `]}]}`,
		"media":   `{"id":"x","sessions":[{"segments":[{"media":[` + many + `]}]}]}`,
		"stream":  `{"id":"x","sessions":[{"segments":[{"media":[{"streams":[` + many + `]}]}]}]}`,
	}[kind]
	return []byte(doc)
}

// BenchmarkEmptyNode measures what one empty object costs the model, by
// level: the bytes still in use after loading (live-B/node) and all the
// bytes allocated on the way (alloc-B/node), per node. The loader charges
// its memory limit with about as much (see costStream and the others).
func BenchmarkEmptyNode(b *testing.B) {
	const n = 20000
	for _, kind := range []string{"session", "segment", "media", "stream"} {
		b.Run(kind, func(b *testing.B) {
			doc := emptyNodes(kind, n)
			var live, alloc uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				f, err := Load("empty", doc)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				runtime.KeepAlive(f)
				live, alloc = after.HeapAlloc-before.HeapAlloc, after.TotalAlloc-before.TotalAlloc
			}
			b.ReportMetric(float64(live)/n, "live-B/node")
			b.ReportMetric(float64(alloc)/n, "alloc-B/node")
			b.ReportMetric(float64(live)/float64(len(doc)), "live/input")
		})
	}
}
