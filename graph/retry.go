package graph

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	defaultAttempts = 6
	backoffBase     = time.Second
	backoffCap      = 30 * time.Second
	retryAfterCap   = 5 * time.Minute // a longer Retry-After is waited this long, then asked again
)

// retryable statuses: throttling and the transient gateway failures.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n < 0 || n != n {
			return 0, false
		}
		d = time.Duration(n * float64(time.Second))
		if n > retryAfterCap.Seconds() {
			d = retryAfterCap
		}
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), retryAfterCap), true
}

// backoff is the wait before attempt n+1 when Graph did not say how long:
// 1s, 2s, 4s, ... capped at 30s, each with up to half of it taken off at
// random so that clients throttled together do not return together.
func backoff(n int) time.Duration {
	d := backoffCap
	if n < 6 {
		d = min(backoffBase<<(n-1), backoffCap)
	}
	half := d / 2
	return d - time.Duration(rand.Int64N(int64(half)+1))
}

// sleep waits d, or less if ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
