package graph

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// waitsFor sends n requests of key k and returns the waits they took.
func waitsFor(t *testing.T, l *Limits, clk *fakeClock, k rateKey, n int) []time.Duration {
	t.Helper()
	before := len(clk.recorded())
	for range n {
		if err := l.wait(context.Background(), k); err != nil {
			t.Fatal(err)
		}
	}
	return clk.recorded()[before:]
}

// A record's first page: 10 per 20 s; its later pages: 50 per 5 minutes
// (and 40 per 20 s); other records are not held back by it.
func TestLimitsPerRecordPages(t *testing.T) {
	clk := newFakeClock()
	l := newLimits(clk.now, clk.sleep)
	if w := waitsFor(t, l, clk, recordKey("a", false), 10); len(w) != 0 {
		t.Fatalf("10 first pages waited %v", w)
	}
	if w := waitsFor(t, l, clk, recordKey("b", false), 10); len(w) != 0 {
		t.Errorf("another record's first pages waited %v", w)
	}
	if w := waitsFor(t, l, clk, recordKey("a", false), 1); !slices.Equal(w, []time.Duration{20 * time.Second}) {
		t.Errorf("the 11th first page waited %v, want 20s", w)
	}

	clk2 := newFakeClock()
	l = newLimits(clk2.now, clk2.sleep)
	t0 := clk2.now()
	// 50 later pages: the 41st waits for the 20-s window; then the 51st
	// waits until the first leaves the 5-minute one.
	w := waitsFor(t, l, clk2, recordKey("a", true), 51)
	if len(w) != 2 || w[0] != 20*time.Second {
		t.Fatalf("waits %v", w)
	}
	if got := clk2.now().Sub(t0); got != 5*time.Minute {
		t.Errorf("the 51st later page started at +%v, want +5m", got)
	}
}

// The list: first pages 15 per 20 s, later pages 55 per 5 minutes.
func TestLimitsList(t *testing.T) {
	clk := newFakeClock()
	l := newLimits(clk.now, clk.sleep)
	if w := waitsFor(t, l, clk, listKey(false), 16); !slices.Equal(w, []time.Duration{20 * time.Second}) {
		t.Errorf("16 list first pages waited %v", w)
	}
	clk = newFakeClock()
	l = newLimits(clk.now, clk.sleep)
	t0 := clk.now()
	waitsFor(t, l, clk, listKey(true), 56)
	if got := clk.now().Sub(t0); got != 5*time.Minute {
		t.Errorf("the 56th later list page started at +%v, want +5m", got)
	}
}

// 1,500 requests per 20 s per app, whatever the records.
func TestLimitsApp(t *testing.T) {
	clk := newFakeClock()
	l := newLimits(clk.now, clk.sleep)
	for i := range 1500 {
		if err := l.wait(context.Background(), recordKey(strings.Repeat("x", i%300+1), i >= 300)); err != nil {
			t.Fatal(err)
		}
	}
	if w := clk.recorded(); len(w) != 0 {
		t.Fatalf("waited %v", w[:1])
	}
	if w := waitsFor(t, l, clk, recordKey("new", false), 1); !slices.Equal(w, []time.Duration{20 * time.Second}) {
		t.Errorf("the 1,501st waited %v", w)
	}
	if st := l.Stats(); st.Requests != 1501 || st.Paced != 20*time.Second {
		t.Errorf("stats %+v", st)
	}
}

// A Retry-After that one client gets holds back the others that share the
// pace.
func TestLimitsSharedRetryAfter(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	clk := newFakeClock()
	shared := newLimits(clk.now, clk.sleep)
	a, b := f.client(clk), f.client(clk)
	a.Limits, b.Limits = shared, shared
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n == 0 {
			w.Header().Set("Retry-After", "7")
			graphError(w, 429, "TooManyRequests", "slow down")
			return true
		}
		return false
	}
	ctx := context.Background()
	if _, _, err := a.FetchRecord(ctx, f.id, false); err != nil {
		t.Fatal(err)
	}
	if got := clk.recorded(); !slices.Equal(got, []time.Duration{7 * time.Second}) {
		t.Fatalf("waits %v, want [7s]", got)
	}
	// b asks while a's pause is on: it waits for it too.
	shared.throttled(3 * time.Second)
	if _, _, err := b.FetchRecord(ctx, f.id, false); err != nil {
		t.Fatal(err)
	}
	if got := clk.recorded()[1:]; !slices.Equal(got, []time.Duration{3 * time.Second}) {
		t.Errorf("the other client waited %v, want [3s]", got)
	}
	if st := shared.Stats(); st.Throttled != 2 || st.Requests != 5 {
		t.Errorf("stats %+v", st)
	}
}

func TestResolveUser(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	const id = "821809f5-0000-0000-0000-3b5136c0e777"
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		switch r.URL.Path {
		case "/v1.0/users/alice@contoso.com":
			writeJSON(w, 200, `{"id":"`+id+`"}`)
		case "/v1.0/users/bob@contoso.com":
			graphError(w, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
		default:
			graphError(w, 404, "Request_ResourceNotFound", "Resource does not exist.")
		}
		return true
	}
	c := f.client(newFakeClock())
	ctx := context.Background()
	if got, err := c.ResolveUser(ctx, "alice@contoso.com"); got != id || err != nil {
		t.Errorf("alice: %q %v", got, err)
	}
	if got, err := c.ResolveUser(ctx, id); got != id || err != nil || len(f.requests()) != 1 {
		t.Errorf("an object id is asked for: %q %v", got, err)
	}
	if q := f.requests()[0].URL.RawQuery; q != "$select=id" {
		t.Errorf("query %q", q)
	}
	if _, err := c.ResolveUser(ctx, "bob@contoso.com"); err == nil || !strings.Contains(err.Error(), "User.Read.All") {
		t.Errorf("403: %v", err)
	}
	if _, err := c.ResolveUser(ctx, "eve@contoso.com"); err == nil || !strings.Contains(err.Error(), "no such user") {
		t.Errorf("404: %v", err)
	}
	if _, err := c.ResolveUser(ctx, "../../me"); err == nil || !strings.Contains(err.Error(), "neither") {
		t.Errorf("bad: %v", err)
	}
}
