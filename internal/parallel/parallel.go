// Package parallel shares work on a big meeting between the cores: its
// sessions are independent, and a 7,500-session meeting has tens of
// thousands of streams and findings.
package parallel

import "runtime"

// From is the number of items (sessions, findings) from which work is
// shared: below it one core does it sooner than several start.
const From = 256

// Workers is how many goroutines to share n items between: one per core,
// one per From items at most.
func Workers(n int) int { return min(runtime.GOMAXPROCS(0), n/From+1) }

// Run runs fn(0) … fn(n-1) at once and waits for them all. A panic in one
// of them (a bug: bad input must not panic) is raised again here, once all
// have ended, so that the caller's recover sees it.
func Run(n int, fn func(i int)) {
	if n == 1 {
		fn(0) // no goroutine for small work
		return
	}
	panics := make([]any, n)
	done := make(chan struct{}, n)
	for i := range n {
		go func() {
			defer func() {
				panics[i] = recover()
				done <- struct{}{}
			}()
			fn(i)
		}()
	}
	for range n {
		<-done
	}
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// Go runs fn on a goroutine of its own; the wait it returns waits for fn
// and raises its panic, if any, again.
func Go(fn func()) (wait func()) {
	var p any
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { p = recover() }()
		fn()
	}()
	return func() {
		<-done
		if p != nil {
			panic(p)
		}
	}
}
