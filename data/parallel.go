package data

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// Work on a big meeting is shared between the cores. Every goroutine that
// reads a record's bytes is started here, so that a panic in it, a bug or a
// fault on a mapped file that shrank (see MapSource), comes back to the
// goroutine that waits for it, where Guard or safeParse turns it into an
// error instead of a crash.

// task is work running on a goroutine of its own.
type task struct {
	done     chan struct{}
	panicked any
}

// start runs fn on a new goroutine.
func start(fn func()) *task {
	t := &task{done: make(chan struct{})}
	go func() {
		defer close(t.done)
		defer func() { t.panicked = recover() }()
		debug.SetPanicOnFault(true)
		fn()
	}()
	return t
}

// wait waits for the task and raises its panic, if any, again here.
func (t *task) wait() {
	<-t.done
	if t.panicked != nil {
		panic(t.panicked)
	}
}

// inParallel runs fn(0) … fn(n-1) at once and waits for them all; then it
// raises the first panic among them, if any.
func inParallel(n int, fn func(i int)) {
	if n == 1 {
		fn(0) // no goroutine for small work
		return
	}
	tasks := make([]*task, n)
	for i := range tasks {
		tasks[i] = start(func() { fn(i) })
	}
	for _, t := range tasks {
		<-t.done
	}
	for _, t := range tasks {
		t.wait()
	}
}

// isFault tells a memory fault (a mapped file cut short) from other panics.
func isFault(r any) bool {
	_, ok := r.(interface{ Addr() uintptr })
	return ok
}

// errChanged is a fault on a mapped file: it was shortened while read.
var errChanged = errors.New("changed while callscope read it (it is shorter now): run again once it is written")

func changedError(name string) error { return fmt.Errorf("%s %w", name, errChanged) }

// Guard runs fn, which reads bytes from MapSource, on this goroutine with a
// fault on them (the file was shortened meanwhile) turned into an error.
// Other panics pass through.
func Guard(name string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if !isFault(r) {
				panic(r)
			}
			err = changedError(name)
		}
	}()
	return fn()
}
