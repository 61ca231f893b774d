package serve

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/samples"
)

// fakeSource serves raw under key, counting fetches.
func fakeSource(key, stamp string, raw []byte, fetches *atomic.Int32) source {
	return source{key: key, stamp: stamp, name: key,
		fetch: func(context.Context, func(string)) ([]byte, *File, string, error) {
			fetches.Add(1)
			s := stamp
			if s == "" {
				s = "v1"
			}
			return raw, nil, s, nil
		}}
}

// The cache holds what fits, least recently used out first; a record
// larger than it can hold is refused with the flag to raise.
func TestCacheIsBoundedByBytes(t *testing.T) {
	raw := samples.Demo
	per := int64(len(raw)) * (1 + modelFactor) // one view: bytes and model
	c := newCache(context.Background(), 2*per+per/2, time.Hour)
	var n atomic.Int32
	ctx := context.Background()
	a, b, d := fakeSource("a", "1", raw, &n), fakeSource("b", "1", raw, &n), fakeSource("d", "1", raw, &n)
	for _, src := range []source{a, b, a, d} { // a is used again before d comes
		if _, err := c.open(ctx, src, Engineer, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != 3 {
		t.Fatalf("%d fetches, want 3 (a was cached)", n.Load())
	}
	st, used := c.Stats()
	if used > c.max || st.Evictions != 1 {
		t.Fatalf("used %d of %d, %d evictions", used, c.max, st.Evictions)
	}
	c.open(ctx, a, Engineer, nil) // still there
	c.open(ctx, b, Engineer, nil) // was evicted
	if n.Load() != 4 {
		t.Fatalf("%d fetches, want 4 (b evicted, a kept)", n.Load())
	}
	small := newCache(context.Background(), int64(len(raw)), time.Hour)
	if _, err := small.open(ctx, fakeSource("big", "1", raw, &n), Engineer, nil); err == nil || !strings.Contains(err.Error(), "--cache") {
		t.Fatalf("a record larger than the cache: %v", err)
	}
}

// A file changed since it was cached, or a Graph record of a newer
// version, is read again; a record opened by id alone is reused for
// maxAge.
func TestCacheFreshness(t *testing.T) {
	c := newCache(context.Background(), 1<<30, time.Minute)
	now := time.Now()
	c.now = func() time.Time { return now }
	var n atomic.Int32
	ctx := context.Background()
	open := func(src source) {
		t.Helper()
		if _, err := c.open(ctx, src, Specialist, nil); err != nil {
			t.Fatal(err)
		}
	}
	open(fakeSource("file:x", "10@1", samples.Demo, &n))
	open(fakeSource("file:x", "10@1", samples.Demo, &n))
	open(fakeSource("file:x", "10@2", samples.Demo, &n))
	if n.Load() != 2 {
		t.Fatalf("%d reads, want 2 (the file changed once)", n.Load())
	}
	n.Store(0)
	open(fakeSource("graph:y", "", samples.Demo, &n))   // by id: fetched, stamp v1
	open(fakeSource("graph:y", "v1", samples.Demo, &n)) // the list says v1: cached
	now = now.Add(30 * time.Second)
	open(fakeSource("graph:y", "", samples.Demo, &n)) // by id, young: cached
	now = now.Add(time.Minute)
	open(fakeSource("graph:y", "", samples.Demo, &n)) // by id, old: fetched
	open(fakeSource("graph:y", "v2", samples.Demo, &n))
	if n.Load() != 3 {
		t.Fatalf("%d fetches, want 3", n.Load())
	}
	if st, _ := c.Stats(); st.Redactions != 5 {
		t.Fatalf("%d redactions, want one per fetch and file read (5)", st.Redactions)
	}
}

// A session that leaves while a record is fetched does not stop the fetch
// for the others; errors are not cached.
func TestFlightWaiterLeavesEarly(t *testing.T) {
	var g flights
	var runs atomic.Int32
	release := make(chan struct{})
	fn := func(ctx context.Context, progress func(string)) (any, error) {
		runs.Add(1)
		progress("halfway")
		<-release
		return "done", nil
	}
	leaving, cancel := context.WithCancel(context.Background())
	heard := make(chan string, 4)
	first := make(chan error, 1)
	go func() {
		_, err := g.do(leaving, context.Background(), "k", func(s string) { heard <- s }, fn)
		first <- err
	}()
	joined := func(n int) {
		for {
			g.mu.Lock()
			f := g.calls["k"]
			g.mu.Unlock()
			if f != nil {
				f.mu.Lock()
				k := f.next
				f.mu.Unlock()
				if k == n {
					return
				}
			}
			time.Sleep(time.Millisecond)
		}
	}
	joined(1)
	second := make(chan any, 1)
	go func() {
		v, _ := g.do(context.Background(), context.Background(), "k", nil, fn)
		second <- v
	}()
	joined(2)
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Fatalf("the leaver got %v", err)
	}
	if h := <-heard; h != "halfway" {
		t.Fatalf("progress %q", h)
	}
	close(release)
	if v := <-second; v != "done" || runs.Load() != 1 {
		t.Fatalf("the other got %v after %d runs", v, runs.Load())
	}
	// Errors are shared by those waiting, not kept.
	boom := func(context.Context, func(string)) (any, error) { runs.Add(1); return nil, errors.New("boom") }
	g.do(context.Background(), context.Background(), "e", nil, boom)
	g.do(context.Background(), context.Background(), "e", nil, boom)
	if runs.Load() != 3 {
		t.Fatalf("%d runs: an error was kept", runs.Load())
	}
	// A panic in a fetch is an error, not a dead server.
	if _, err := g.do(context.Background(), context.Background(), "p", nil, func(context.Context, func(string)) (any, error) { panic("bad record") }); err == nil || !strings.Contains(err.Error(), "bad record") {
		t.Fatalf("panic: %v", err)
	}
}
