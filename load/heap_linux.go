package load

import (
	"runtime"
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
func HugeHeap(size int64) {
	if size < hugeHeapFrom {
		return
	}
	b := make([]byte, 3*size)
	syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	b = nil
	runtime.GC() // frees the span: the heap's next allocations come from it
}
