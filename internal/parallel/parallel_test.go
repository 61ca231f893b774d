package parallel

import (
	"sync/atomic"
	"testing"
)

// A panic in one worker comes back to the caller, after every worker has
// ended: none is left running on data the caller then lets go.
func TestRunWaitsForAllBeforeRaisingAPanic(t *testing.T) {
	var finished atomic.Int32
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want boom", r)
			}
		}()
		Run(4, func(i int) {
			if i == 0 {
				panic("boom")
			}
			for range 1000 {
				_ = finished.Load()
			}
			finished.Add(1)
		})
	}()
	if n := finished.Load(); n != 3 {
		t.Errorf("%d of 3 workers finished before the panic came back", n)
	}
	defer func() {
		if r := recover(); r != "late" {
			t.Errorf("Go: recovered %v", r)
		}
	}()
	Go(func() { panic("late") })()
}
