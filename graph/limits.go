package graph

import (
	"context"
	"sync"
	"time"
)

// Graph's documented limits for call records, read both ways its throttling
// pages put them, each applied (the reference, §7): 40 requests per 20 s per
// call record and for the list; a record's first page 10 per 20 s and its
// later pages 50 per 5 minutes; the list's first page 15 per 20 s and its
// later pages 55 per 5 minutes; and 1,500 per 20 s per app per tenant.
var (
	appRule         = rule{"app", 1500, 20 * time.Second}
	recordRule      = rule{"", rateLimit, rateWindow}
	recordFirstRule = rule{":first", 10, 20 * time.Second}
	recordLaterRule = rule{":later", 50, 5 * time.Minute}
	listRule        = rule{"", rateLimit, rateWindow}
	listFirstRule   = rule{":first", 15, 20 * time.Second}
	listLaterRule   = rule{":later", 55, 5 * time.Minute}
)

type rule struct {
	suffix string
	limit  int
	window time.Duration
}

// rateKey says what a request counts against: the call record it reads
// (or the list), and whether it is a first page or one a nextLink named.
type rateKey struct {
	scope string // "record/<id>", "list", or "" for the app limit alone
	later bool
}

func recordKey(id string, later bool) rateKey { return rateKey{"record/" + id, later} }

var listKey = func(later bool) rateKey { return rateKey{"list", later} }

// rules are the limits a request counts against.
func (k rateKey) rules() []rule {
	switch {
	case k.scope == "":
		return []rule{appRule}
	case k.scope == "list" && k.later:
		return []rule{appRule, listRule, listLaterRule}
	case k.scope == "list":
		return []rule{appRule, listRule, listFirstRule}
	case k.later:
		return []rule{appRule, recordRule, recordLaterRule}
	}
	return []rule{appRule, recordRule, recordFirstRule}
}

// Limits paces requests to Graph within its documented limits. Clients
// that share one (Client.Limits) share the pace: parallel fetches of many
// records together stay within the limits that apply per app. A 429's
// Retry-After holds every request back, not only the one that got it.
// It is safe for concurrent use.
type Limits struct {
	now   func() time.Time
	sleep func(context.Context, time.Duration) error

	mu      sync.Mutex
	windows map[string]*limiter
	pause   time.Time // no request starts before this (a Retry-After)
	takes   int
	stats   LimitStats
}

// LimitStats count what the pace cost.
type LimitStats struct {
	Requests  int           // sent
	Throttled int           // answers that said wait: 429, 503, 504
	Waited    time.Duration // the waits those answers asked for (Retry-After, else backoff), summed
	Paced     time.Duration // requests held back to stay within the limits, summed over requests
}

// NewLimits is a pace on the real clock.
func NewLimits() *Limits { return newLimits(time.Now, sleep) }

func newLimits(now func() time.Time, sleep func(context.Context, time.Duration) error) *Limits {
	return &Limits{now: now, sleep: sleep, windows: map[string]*limiter{}}
}

// Stats are the counts so far.
func (l *Limits) Stats() LimitStats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stats
}

// wait blocks until a request of key k may start within every limit it
// counts against, and counts it against them all.
func (l *Limits) wait(ctx context.Context, k rateKey) error {
	rules := k.rules()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		now := l.now()
		var d time.Duration
		if l.pause.After(now) {
			d = l.pause.Sub(now)
		}
		wins := make([]*limiter, len(rules))
		for i, r := range rules {
			wins[i] = l.window(k, r)
			d = max(d, wins[i].room(now))
		}
		if d == 0 {
			for _, w := range wins {
				w.take(now)
			}
			l.stats.Requests++
			l.sweep(now)
		} else {
			l.stats.Paced += d
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

// window is the limiter of one rule for one scope, made on first use.
func (l *Limits) window(k rateKey, r rule) *limiter {
	key := k.scope + r.suffix
	if r == appRule {
		key = r.suffix
	}
	w := l.windows[key]
	if w == nil {
		w = &limiter{limit: r.limit, window: r.window}
		l.windows[key] = w
	}
	return w
}

// sweep forgets, now and then, the windows of records no longer fetched.
func (l *Limits) sweep(now time.Time) {
	l.takes++
	if l.takes%1024 != 0 {
		return
	}
	for k, w := range l.windows {
		if w.room(now) == 0 && len(w.starts) == 0 {
			delete(l.windows, k)
		}
	}
}

// throttled holds every request back for d: Graph said to wait.
func (l *Limits) throttled(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stats.Throttled++
	l.stats.Waited += d
	if until := l.now().Add(d); until.After(l.pause) {
		l.pause = until
	}
}
