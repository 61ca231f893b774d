package serve

import (
	"runtime"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"
)

// BenchmarkKeyToFrame: 20 sessions at once browse the demo, each pressing
// a key every 200 ms (a quick reader; j and k in turn: the cursor moves, the
// frame changes); the time from writing a key to the first byte of the
// frame that answers it, as the client sees it over loopback. ns/op is the
// mean; p50, p99, max and the share over 50 ms are reported beside it.
func BenchmarkKeyToFrame(b *testing.B) { keyToFrame(b, 200*time.Millisecond) }

// BenchmarkKeyToFrameFast: the same with a key every 50 ms in each
// session, four times the load.
func BenchmarkKeyToFrameFast(b *testing.B) { keyToFrame(b, 50*time.Millisecond) }

func keyToFrame(b *testing.B, pace time.Duration) {
	f := newFixture(b, fixtureOptions{cfg: func(c *Config) { c.MaxSessions = 40 }})
	const n = 20
	terms := make([]*term, n)
	for i := range terms {
		terms[i] = f.openTerm(b, f.engineer, demoID, 120, 40)
		terms[i].vt.noRaw = true
	}
	for _, tm := range terms {
		tm.waitText(b, "Alice Okafor → Conference server")
	}
	time.Sleep(200 * time.Millisecond) // the start-up frames and queries settle
	var mu sync.Mutex
	var lat []time.Duration
	per := max(b.N/n, 1)
	b.ResetTimer()
	var wg sync.WaitGroup
	for i, tm := range terms {
		wg.Go(func() {
			// People do not press keys in step: each session starts at
			// its own point of the pace.
			time.Sleep(pace * time.Duration(i) / n)
			keys := []string{"j", "k"}
			for i := range per {
				select { // drop a signal from an earlier frame
				case <-tm.vt.changed:
				default:
				}
				t0 := time.Now()
				if _, err := tm.stdin.Write([]byte(keys[i%2])); err != nil {
					b.Error(err)
					return
				}
				select {
				case <-tm.vt.changed:
				case <-time.After(wait):
					b.Error("no frame after a key")
					return
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
				time.Sleep(pace - min(d, pace))
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	b.ReportMetric(float64(sum.Nanoseconds())/float64(len(lat)), "ns/op")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
	over := len(lat) - sort.Search(len(lat), func(i int) bool { return lat[i] > 50*time.Millisecond })
	b.ReportMetric(100*float64(over)/float64(len(lat)), "%over50ms")
}

// BenchmarkIdleSessionMemory: the heap that 20 idle explorer sessions on
// the demo add, per session, once the record is loaded and shared. The
// test's own SSH clients and terminals live in the same process and are
// counted too, so the server's share is less. One measurement whatever
// b.N: run it with -benchtime 1x.
func BenchmarkIdleSessionMemory(b *testing.B) {
	{
		f := newFixture(b, fixtureOptions{cfg: func(c *Config) { c.MaxSessions = 40 }})
		first := f.openTerm(b, f.engineer, demoID, 120, 40)
		first.waitText(b, "Alice Okafor → Conference server") // the record is in the cache
		before := heap()
		const n = 20
		terms := make([]*term, n)
		for i := range terms {
			terms[i] = f.openTerm(b, f.engineer, demoID, 120, 40)
			terms[i].vt.noRaw = true
		}
		for _, tm := range terms {
			tm.waitText(b, "Alice Okafor → Conference server")
		}
		time.Sleep(200 * time.Millisecond)
		after := heap()
		b.ReportMetric(float64(after-before)/n/(1<<20), "MB/session")
		b.ReportMetric(float64(runtime.NumGoroutine())/float64(n+1), "goroutines/session")
	}
}

func heap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
