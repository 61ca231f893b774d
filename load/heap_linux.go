package load

import (
	"runtime"
	"sync/atomic"
	"syscall"
)

// HugeHeap readies the Go heap for loading a source of size bytes in one
// go: it maps heap memory enough for the source and its model (three
// times the size), asks Linux to back it with 2 MiB pages, and frees it
// again for what the read and the load allocate. The Go heap otherwise
// takes 4 KiB pages, each faulted and zeroed apart: `report --format json`
// on the 93 MB record faulted 41,000 times, a third of its CPU time; with
// the advice 2,500 times, and it takes half the CPU time (measured; see
// the README's Speed). Twice the size left 18,000 faults. The memory is
// only taken as it is touched, as before. Small sources, and kernels that
// say no, are left alone.
//
// Only the first call does anything, and it must come before the heap
// holds much: the runtime zeroes freed memory when it hands it out again,
// so readying a heap with that much free would touch all of it. A command
// that loads many sources in turn (export) calls it once, for the largest:
// each source's read and model reuse the memory the one before freed.
func HugeHeap(size int64) {
	if size < hugeHeapFrom || !heapReadied.CompareAndSwap(false, true) {
		return
	}
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return
	}
	n := hugeHeapSize(size, int64(si.Totalram)*int64(si.Unit))
	if n < hugeHeapFrom {
		return
	}
	b := make([]byte, n)
	syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	b = nil
	runtime.GC() // frees the span: the heap's next allocations come from it
}

var heapReadied atomic.Bool

// hugeHeapSize is what HugeHeap maps for a source of size bytes on a
// machine of ram bytes: at most 1 GiB, and a quarter of the machine, for
// Linux may refuse to map more than it has, and the Go runtime dies of a
// refused mapping.
func hugeHeapSize(size, ram int64) int64 {
	return min(3*size, 1<<30, ram/4)
}
