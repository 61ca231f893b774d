package serve

import (
	"context"
	"fmt"
	"sync"
)

// flights runs one call per key at a time: callers that ask for a key
// while its call runs wait for that call's result instead of starting
// their own (the same call opened by several sessions is fetched once).
// Waiters may leave early (their ctx); the call goes on for the others and
// for the cache. Every waiter hears the call's progress while it waits.
type flights struct {
	mu    sync.Mutex
	calls map[string]*flight
}

type flight struct {
	done chan struct{}
	val  any
	err  error

	mu        sync.Mutex
	listeners map[int]func(string)
	next      int
}

// progress tells every waiter; listeners must not block.
func (f *flight) progress(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.listeners {
		l(s)
	}
}

func (f *flight) listen(l func(string)) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next++
	if l != nil {
		f.listeners[f.next] = l
	}
	return f.next
}

// leave stops telling a waiter: once it returns, its listener is not
// called again (the explorer closes the channel behind it).
func (f *flight) leave(id int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.listeners, id)
}

// do runs fn once for key, or waits for the run under way. fn gets a
// context of its own (base, not the waiter's) and the progress of all.
func (g *flights) do(ctx, base context.Context, key string, progress func(string),
	fn func(ctx context.Context, progress func(string)) (any, error)) (any, error) {
	g.mu.Lock()
	if g.calls == nil {
		g.calls = map[string]*flight{}
	}
	f, running := g.calls[key]
	if !running {
		f = &flight{done: make(chan struct{}), listeners: map[int]func(string){}}
		g.calls[key] = f
	}
	id := f.listen(progress)
	g.mu.Unlock()
	defer f.leave(id)
	if !running {
		go func() {
			defer func() {
				// A bug met on one record must not take the server down.
				if r := recover(); r != nil {
					f.val, f.err = nil, fmt.Errorf("callscope failed on this record (%v)", r)
				}
				g.mu.Lock()
				delete(g.calls, key)
				g.mu.Unlock()
				close(f.done)
			}()
			f.val, f.err = fn(base, f.progress)
		}()
	}
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
