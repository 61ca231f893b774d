package graph

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// throttleFirst answers the first n requests with status and header.
func throttleFirst(n, status int, header, value string) func(http.ResponseWriter, *http.Request, int) bool {
	return func(w http.ResponseWriter, r *http.Request, i int) bool {
		if i >= n {
			return false
		}
		if header != "" {
			w.Header().Set(header, value)
		}
		graphError(w, status, "TooManyRequests", "Too many requests")
		return true
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	f := newFakeGraph(t, 3, 1)
	f.hook = throttleFirst(2, 429, "Retry-After", "3")
	clk := newFakeClock()
	raw, _, err := f.client(clk).FetchRecord(context.Background(), f.id, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rawElements(t, raw, "sessions")) != 3 {
		t.Error("sessions lost")
	}
	if got := clk.recorded(); !slices.Equal(got, []time.Duration{3 * time.Second, 3 * time.Second}) {
		t.Errorf("waits %v, want [3s 3s]", got)
	}
	if n := len(f.requests()); n != 4 { // 2 throttled + record + participants
		t.Errorf("%d requests", n)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	f := newFakeGraph(t, 3, 1)
	clk := newFakeClock()
	f.hook = throttleFirst(1, 429, "Retry-After", clk.now().Add(7*time.Second).Format(http.TimeFormat))
	if _, _, err := f.client(clk).FetchRecord(context.Background(), f.id, false); err != nil {
		t.Fatal(err)
	}
	if got := clk.recorded(); !slices.Equal(got, []time.Duration{7 * time.Second}) {
		t.Errorf("waits %v, want [7s]", got)
	}
}

func TestBackoffWithoutRetryAfter(t *testing.T) {
	for _, status := range []int{503, 504} {
		f := newFakeGraph(t, 3, 1)
		f.hook = throttleFirst(4, status, "", "")
		clk := newFakeClock()
		if _, _, err := f.client(clk).FetchRecord(context.Background(), f.id, false); err != nil {
			t.Fatal(err)
		}
		got := clk.recorded()
		if len(got) != 4 {
			t.Fatalf("%d: waits %v, want 4", status, got)
		}
		for i, d := range got {
			full := time.Second << i
			if d < full/2 || d > full {
				t.Errorf("%d: wait %d = %v, want in [%v, %v]", status, i+1, d, full/2, full)
			}
		}
	}
}

func TestBackoffRange(t *testing.T) {
	for n := 1; n <= 12; n++ {
		full := min(time.Second<<(n-1), 30*time.Second)
		if n > 6 {
			full = 30 * time.Second
		}
		for range 50 {
			if d := backoff(n); d < full/2 || d > full {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, d, full/2, full)
			}
		}
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"0":     0,
		"5":     5 * time.Second,
		" 12 ":  12 * time.Second,
		"1.5":   1500 * time.Millisecond,
		"86400": retryAfterCap,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
	} {
		h := http.Header{"Retry-After": {v}}
		if got, ok := retryAfter(h, now); !ok || got != want {
			t.Errorf("Retry-After %q = %v, %v; want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"", "soon", "-3", "NaN"} {
		if d, ok := retryAfter(http.Header{"Retry-After": {v}}, now); ok {
			t.Errorf("Retry-After %q accepted as %v", v, d)
		}
	}
}

func TestBoundedAttempts(t *testing.T) {
	f := newFakeGraph(t, 3, 1)
	f.hook = throttleFirst(1000, 429, "Retry-After", "1")
	clk := newFakeClock()
	c := f.client(clk)
	c.MaxAttempts = 4
	_, _, err := c.FetchRecord(context.Background(), f.id, false)
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 429 {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	if n := len(clk.recorded()); n != 3 {
		t.Errorf("%d waits, want 3", n)
	}
	if msg := err.Error(); !strings.Contains(msg, "still throttling") || !strings.Contains(msg, "after 4 attempts") {
		t.Errorf("message %q", msg)
	}

	// The default is 6.
	f = newFakeGraph(t, 3, 1)
	f.hook = throttleFirst(1000, 503, "", "")
	if _, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, false); err == nil {
		t.Fatal("no error")
	}
	if n := len(f.requests()); n != 6 {
		t.Errorf("%d requests, want 6", n)
	}
}

func TestErrorStatuses(t *testing.T) {
	for _, tc := range []struct {
		status   int
		code     string
		want     []string
		requests int
	}{
		{401, "InvalidAuthenticationToken", []string{"rejected the access token", "tenant", "audience " + "ROOT", "ROOT/.default", "expired"}, 1},
		{403, "Forbidden", []string{"CallRecords.Read.All", "admin consent", "application permission"}, 1},
		{404, "NotFound", []string{"call record not found", "30 days", "tenant", "--cloud"}, 1},
		{400, "BadRequest", []string{"Graph rejected the request", "400 BadRequest: the message from Graph"}, 1},
		{500, "InternalServerError", []string{"Graph failed (500 InternalServerError", "try again later"}, 1},
	} {
		f := newFakeGraph(t, 1, 1)
		f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
			graphError(w, tc.status, tc.code, "the message\x1b[31m from\nGraph")
			return true
		}
		_, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, false)
		var he *HTTPError
		if !errors.As(err, &he) {
			t.Fatalf("%d: err = %v", tc.status, err)
		}
		if he.Status != tc.status || he.Code != tc.code || he.Message != "the message from Graph" || he.RequestID != "req-"+itoa(tc.status) {
			t.Errorf("%d: %+v", tc.status, *he)
		}
		msg := err.Error()
		for _, w := range append(tc.want, tc.code, "request-id req-"+itoa(tc.status), "the message from Graph") {
			w = strings.ReplaceAll(w, "ROOT", f.srv.URL)
			if !strings.Contains(msg, w) {
				t.Errorf("%d: %q lacks %q", tc.status, msg, w)
			}
		}
		if strings.ContainsAny(msg, "\n\r\x1b") || strings.Contains(msg, testToken) || strings.Contains(msg, "Bearer") {
			t.Errorf("%d: message not one clean line without the token: %q", tc.status, msg)
		}
		if n := len(f.requests()); n != tc.requests {
			t.Errorf("%d: %d requests, want %d", tc.status, n, tc.requests)
		}
	}
}

func itoa(n int) string {
	return strconv.Itoa(n)
}

func TestWrongTokenIsRejected(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	c := f.client(newFakeClock())
	c.Tokens = StaticToken("wrong-token-value")
	c.Audience = "https://graph.microsoft.com"
	_, _, err := c.FetchRecord(context.Background(), f.id, false)
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 401 || he.Code != "InvalidAuthenticationToken" {
		t.Fatalf("err = %v", err)
	}
	if msg := err.Error(); strings.Contains(msg, "wrong-token-value") || !strings.Contains(msg, "audience https://graph.microsoft.com") {
		t.Errorf("message %q", msg)
	}
}

func TestTokenEchoedByServerIsRedacted(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		graphError(w, 400, "BadRequest", "bad header: "+r.Header.Get("Authorization"))
		return true
	}
	_, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, false)
	if err == nil || strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "[token]") {
		t.Fatalf("err = %v", err)
	}
}

func TestListNotFoundAdvice(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		graphError(w, 404, "NotFound", "no such segment")
		return true
	}
	_, err := f.client(newFakeClock()).List(context.Background(), ListOptions{})
	if err == nil || !strings.Contains(err.Error(), "no such endpoint") || strings.Contains(err.Error(), "30 days") {
		t.Fatalf("err = %v", err)
	}
}

func TestNetworkErrors(t *testing.T) {
	// A refused connection is not retried, and names the host.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	clk := newFakeClock()
	c := &Client{Root: "http://" + addr, Tokens: StaticToken(testToken), Sleep: clk.sleep, now: clk.now}
	_, _, err = c.FetchRecord(context.Background(), "abc", false)
	var ne *NetworkError
	if !errors.As(err, &ne) || !strings.HasPrefix(err.Error(), "cannot reach "+addr+": ") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "\n") {
		t.Errorf("message %q", err)
	}
	if w := clk.recorded(); len(w) != 0 {
		t.Errorf("refused connection retried: %v", w)
	}

	// A dropped connection is retried.
	f := newFakeGraph(t, 2, 1)
	var drops atomic.Int32
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n > 0 {
			return false
		}
		drops.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return true
	}
	clk = newFakeClock()
	if _, _, err := f.client(clk).FetchRecord(context.Background(), f.id, false); err != nil {
		t.Fatal(err)
	}
	if drops.Load() != 1 || len(clk.recorded()) != 1 {
		t.Errorf("drops %d, waits %v", drops.Load(), clk.recorded())
	}
}

func TestCancellation(t *testing.T) {
	t.Run("already cancelled", func(t *testing.T) {
		f := newFakeGraph(t, 1, 1)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := f.client(newFakeClock()).FetchRecord(ctx, f.id, true)
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled while fetching call record") {
			t.Fatalf("err = %v", err)
		}
		if n := len(f.requests()); n != 0 {
			t.Errorf("%d requests", n)
		}
	})
	t.Run("during a Retry-After wait, real timer", func(t *testing.T) {
		f := newFakeGraph(t, 1, 1)
		f.hook = throttleFirst(1000, 429, "Retry-After", "30")
		c := &Client{Root: f.srv.URL, Tokens: StaticToken(testToken), HTTP: f.srv.Client()}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		start := time.Now()
		_, _, err := c.FetchRecord(ctx, f.id, true)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("during paging with allowPartial", func(t *testing.T) {
		f := newFakeGraph(t, 130, 1)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c := f.client(newFakeClock())
		c.Progress = func(p Progress) {
			if p.What == "sessions" {
				cancel()
			}
		}
		raw, _, err := c.FetchRecord(ctx, f.id, true)
		if !errors.Is(err, context.Canceled) || raw != nil || !strings.Contains(err.Error(), "sessions page 3") {
			t.Fatalf("err = %v, %d bytes", err, len(raw))
		}
	})
	t.Run("deadline during a slow response", func(t *testing.T) {
		f := newFakeGraph(t, 1, 1)
		f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
			<-r.Context().Done()
			return true
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		_, _, err := f.client(newFakeClock()).FetchRecord(ctx, f.id, false)
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out") {
			t.Fatalf("err = %v", err)
		}
	})
}
