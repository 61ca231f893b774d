//go:build !linux

package load

// HugeHeap is a Linux advice (see heap_linux.go); elsewhere it does nothing.
func HugeHeap(size int64) {}
