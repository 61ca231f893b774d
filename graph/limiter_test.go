package graph

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestLimiterSlidingWindow(t *testing.T) {
	clk := newFakeClock()
	l := &limiter{limit: 40, window: 20 * time.Second, now: clk.now, sleep: clk.sleep}
	ctx := context.Background()
	t0 := clk.now()
	// 30 requests at once, 10 more a little later: no waiting.
	for range 30 {
		l.wait(ctx)
	}
	clk.sleep(ctx, 5*time.Second)
	for range 10 {
		l.wait(ctx)
	}
	if w := clk.recorded(); len(w) != 1 {
		t.Fatalf("waited %v", w[1:])
	}
	// The 41st waits until the first 30 leave the window at t0+20s; the
	// next 29 then fit; the 71st waits for the 10 sent at t0+5s.
	for range 30 {
		l.wait(ctx)
	}
	if got := clk.recorded()[1:]; !slices.Equal(got, []time.Duration{15 * time.Second}) {
		t.Errorf("waits %v, want [15s]", got)
	}
	if got := clk.now().Sub(t0); got != 20*time.Second {
		t.Errorf("clock at +%v", got)
	}
	l.wait(ctx)
	if got := clk.recorded()[2:]; !slices.Equal(got, []time.Duration{5 * time.Second}) {
		t.Errorf("waits %v, want [5s]", got)
	}
}

func TestLimiterCancelled(t *testing.T) {
	clk := newFakeClock()
	l := &limiter{limit: 1, window: time.Minute, now: clk.now, sleep: clk.sleep}
	ctx, cancel := context.WithCancel(context.Background())
	l.wait(ctx)
	cancel()
	if err := l.wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

// A record with 44 session pages takes 45 requests: the 41st waits for the
// window to slide.
func TestClientKeepsUnderGraphLimit(t *testing.T) {
	f := newFakeGraph(t, 44, 1)
	f.sessionsPerPage = 1
	clk := newFakeClock()
	raw, _, err := f.client(clk).FetchRecord(context.Background(), f.id, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rawElements(t, raw, "sessions")); n != 44 {
		t.Errorf("%d sessions", n)
	}
	if n := len(f.requests()); n != 45 {
		t.Errorf("%d requests", n)
	}
	if got := clk.recorded(); !slices.Equal(got, []time.Duration{20 * time.Second}) {
		t.Errorf("waits %v, want [20s]", got)
	}
}
