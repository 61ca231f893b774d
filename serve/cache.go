package serve

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"time"
)

// source is where a record comes from: a file under --records, or Graph.
type source struct {
	key string // "file:" + absolute path, or "graph:" + id in lower case
	// stamp says which content is wanted: a file's size and time, a Graph
	// record's version from the list; "" (a call id typed by hand): any
	// copy younger than the cache's maxAge.
	stamp string
	name  string // for messages
	size  int64  // a file's size, shown while it loads; 0: unknown
	// fetch reads or fetches the bytes; file is their engineer's view when
	// it was loaded on the way (else nil); stamp is what was fetched.
	fetch func(ctx context.Context, progress func(string)) (raw []byte, file *File, stamp string, err error)
}

// cache holds the records the sessions opened, shared by every session:
// the bytes as read or fetched, the same bytes pseudonymised for
// specialists, and each loaded once (a loaded record is read-only, so
// sessions share it). It is bounded by bytes, least recently used first
// out; a record being fetched or redacted is fetched or redacted once
// however many sessions ask for it meanwhile.
type cache struct {
	max    int64         // bytes, raw + redacted + loaded models
	maxAge time.Duration // how long a Graph record opened by id alone is reused
	base   context.Context
	now    func() time.Time

	flights flights

	mu    sync.Mutex
	used  int64
	lru   *list.List // of *entry, most recent first
	byKey map[string]*list.Element
	stats cacheStats
}

type cacheStats struct {
	Fetches, Redactions, Loads, Hits, Evictions int
}

type entry struct {
	key, stamp string
	at         time.Time
	raw, red   []byte
	views      [2]*File // by roleIndex
	cost       int64
}

// modelFactor is what a loaded record costs beside its bytes, as a
// multiple of them (measured: TestModelCost).
const modelFactor = 2

func roleIndex(r Role) int {
	if r == Engineer {
		return 0
	}
	return 1
}

func newCache(base context.Context, max int64, maxAge time.Duration) *cache {
	return &cache{max: max, maxAge: maxAge, base: base, now: time.Now, lru: list.New(), byKey: map[string]*list.Element{}}
}

// open is the record as role sees it.
func (c *cache) open(ctx context.Context, src source, role Role, progress func(string)) (*File, error) {
	if f := c.view(src, role); f != nil {
		return f, nil
	}
	v, err := c.flights.do(ctx, c.base, "view\x00"+string(role)+"\x00"+src.key+"\x00"+src.stamp, progress,
		func(ctx context.Context, progress func(string)) (any, error) {
			if f := c.view(src, role); f != nil {
				return f, nil
			}
			raw, file, stamp, err := c.raw(ctx, src, progress)
			if err != nil {
				return nil, err
			}
			if role == Specialist {
				if raw, err = c.redacted(src, stamp, raw); err != nil {
					return nil, err
				}
				file = nil
			}
			if file == nil {
				if file, err = loadRecord(src.name, raw); err != nil {
					return nil, err
				}
				c.count(func(s *cacheStats) { s.Loads++ })
			}
			c.keepView(src.key, stamp, role, file, len(raw))
			return file, nil
		})
	if err != nil {
		return nil, err
	}
	return v.(*File), nil
}

// view is a fresh loaded view, or nil.
func (c *cache) view(src source, role Role) *File {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.fresh(src)
	if e == nil || e.views[roleIndex(role)] == nil {
		return nil
	}
	c.stats.Hits++
	return e.views[roleIndex(role)]
}

// fresh is the entry for src when it holds what src wants; c.mu is held.
func (c *cache) fresh(src source) *entry {
	el := c.byKey[src.key]
	if el == nil {
		return nil
	}
	e := el.Value.(*entry)
	if src.stamp != "" && e.stamp != src.stamp || src.stamp == "" && c.now().Sub(e.at) >= c.maxAge {
		return nil
	}
	c.lru.MoveToFront(el)
	return e
}

// raw is the record's bytes, fetched once.
func (c *cache) raw(ctx context.Context, src source, progress func(string)) ([]byte, *File, string, error) {
	c.mu.Lock()
	if e := c.fresh(src); e != nil && e.raw != nil {
		c.mu.Unlock()
		return e.raw, nil, e.stamp, nil
	}
	c.mu.Unlock()
	type fetched struct {
		raw   []byte
		file  *File
		stamp string
	}
	v, err := c.flights.do(ctx, c.base, "raw\x00"+src.key+"\x00"+src.stamp, progress,
		func(ctx context.Context, progress func(string)) (any, error) {
			raw, file, stamp, err := src.fetch(ctx, progress)
			if err != nil {
				return nil, err
			}
			if int64(len(raw)) > c.max/(2+2*modelFactor) {
				return nil, fmt.Errorf("%s is %s: larger than this server takes (its --cache is %s)", src.name, sizeText(int64(len(raw))), sizeText(c.max))
			}
			c.count(func(s *cacheStats) { s.Fetches++ })
			c.keepRaw(src.key, stamp, raw)
			return fetched{raw, file, stamp}, nil
		})
	if err != nil {
		return nil, nil, "", err
	}
	f := v.(fetched)
	return f.raw, f.file, f.stamp, nil
}

// redacted is the record's pseudonymised bytes, redacted once.
func (c *cache) redacted(src source, stamp string, raw []byte) ([]byte, error) {
	c.mu.Lock()
	if el := c.byKey[src.key]; el != nil {
		if e := el.Value.(*entry); e.stamp == stamp && e.red != nil {
			c.mu.Unlock()
			return e.red, nil
		}
	}
	c.mu.Unlock()
	red, err := redactRecord(src.name, raw)
	if err != nil {
		return nil, err
	}
	c.count(func(s *cacheStats) { s.Redactions++ })
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.byKey[src.key]; el != nil {
		if e := el.Value.(*entry); e.stamp == stamp && e.red == nil {
			e.red = red
			c.grow(e, int64(len(red)))
		}
	}
	return red, nil
}

// keepRaw stores fetched bytes, replacing an older copy of the record.
func (c *cache) keepRaw(key, stamp string, raw []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.byKey[key]; el != nil {
		c.remove(el)
	}
	e := &entry{key: key, stamp: stamp, at: c.now(), raw: raw}
	c.byKey[key] = c.lru.PushFront(e)
	c.grow(e, int64(len(raw)))
}

// keepView stores a loaded view beside the bytes it was loaded from.
func (c *cache) keepView(key, stamp string, role Role, f *File, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el := c.byKey[key]
	if el == nil {
		return // evicted meanwhile: the session has it, the cache does not
	}
	e := el.Value.(*entry)
	if e.stamp != stamp || e.views[roleIndex(role)] != nil {
		return
	}
	e.views[roleIndex(role)] = f
	c.grow(e, int64(size)*modelFactor)
}

// grow counts bytes added to e and evicts the least recently used until
// the cache fits (e itself if it alone does not); c.mu is held.
func (c *cache) grow(e *entry, n int64) {
	e.cost += n
	c.used += n
	for c.used > c.max && c.lru.Len() > 0 {
		c.remove(c.lru.Back())
		c.stats.Evictions++
	}
}

func (c *cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	c.lru.Remove(el)
	delete(c.byKey, e.key)
	c.used -= e.cost
}

func (c *cache) count(f func(*cacheStats)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.stats)
}

// Stats are the cache's counts so far.
func (c *cache) Stats() (cacheStats, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats, c.used
}
