package graph

import (
	"context"
	"sync"
	"time"
)

// Graph allows 40 requests per 20 seconds per call record, and as many for
// the list.
const (
	rateLimit  = 40
	rateWindow = 20 * time.Second
)

// limiter is a sliding window: at most limit requests start in any window.
// Waiting goes through sleep so that tests need no real time.
type limiter struct {
	limit  int
	window time.Duration
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error

	mu     sync.Mutex
	starts []time.Time // of the requests in the current window, oldest first
}

// wait blocks until one more request may start, and counts it.
func (l *limiter) wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		now := l.now()
		d := l.room(now)
		if d == 0 {
			l.take(now)
		}
		l.mu.Unlock()
		if d == 0 {
			return nil
		}
		if err := l.sleep(ctx, d); err != nil {
			return err
		}
	}
}

// room drops the starts that left the window and says how long until one
// more request may start: 0 for now. The caller holds the lock.
func (l *limiter) room(now time.Time) time.Duration {
	cut := 0
	for cut < len(l.starts) && !l.starts[cut].After(now.Add(-l.window)) {
		cut++
	}
	l.starts = append(l.starts[:0], l.starts[cut:]...)
	if len(l.starts) < l.limit {
		return 0
	}
	return max(l.starts[0].Add(l.window).Sub(now), time.Nanosecond)
}

// take counts a request starting now. The caller holds the lock.
func (l *limiter) take(now time.Time) { l.starts = append(l.starts, now) }
