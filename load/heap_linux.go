package load

import (
	"runtime"
	"syscall"
)

// HugeHeap readies the Go heap for loading a source of size bytes in one
// go: it maps heap memory enough for the source and its model (three
// times the size), asks Linux to back it with 2 MiB pages, and frees it
// again for what the load allocates. The Go heap otherwise takes 4 KiB
// pages, each faulted and zeroed apart: loading the 93 MB record faulted
// 34,600 times, a quarter of the load's CPU time; with the advice 6,500
// (measured; see the README's Speed). The memory is only taken as it is
// used, as before. Small sources, and kernels that say no, are left alone.
func HugeHeap(size int64) {
	if size < hugeHeapFrom {
		return
	}
	b := make([]byte, 3*size)
	syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	b = nil
	runtime.GC() // frees the span: the heap's next allocations come from it
}
