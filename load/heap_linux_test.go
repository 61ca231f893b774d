package load

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHugeHeapAdvisesTheHeap: after HugeHeap, a big allocation lies in
// memory Linux was asked to back with huge pages (VmFlags "hg" in smaps);
// a second call touches nothing (the runtime would zero the freed memory
// it took again).
func TestHugeHeapAdvisesTheHeap(t *testing.T) {
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(b), "[never]") {
		t.Skip("this kernel has no transparent huge pages") // the advice is then moot
	}
	HugeHeap(64 << 20)
	b := make([]byte, 32<<20)
	if !advisedHuge(t, uintptr(unsafe.Pointer(&b[0]))) {
		t.Fatal("the allocation after HugeHeap is not in memory advised for huge pages")
	}
	before := rss(t)
	HugeHeap(64 << 20)
	if grew := rss(t) - before; grew > 64<<20 {
		t.Fatalf("a second HugeHeap took %d MiB", grew>>20)
	}
}

// TestHugeHeapSize: what HugeHeap maps is three times the source, within
// what any machine can map.
func TestHugeHeapSize(t *testing.T) {
	for _, tc := range []struct{ size, ram, want int64 }{
		{93 << 20, 24 << 30, 279 << 20},
		{DefaultMaxSize, 24 << 30, 1 << 30},
		{1 << 46, 24 << 30, 1 << 30},
		{300 << 20, 2 << 30, 512 << 20},
	} {
		if got := hugeHeapSize(tc.size, tc.ram); got != tc.want {
			t.Errorf("hugeHeapSize(%d, %d) = %d, want %d", tc.size, tc.ram, got, tc.want)
		}
	}
}

// rss is the process's resident memory.
func rss(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// advisedHuge tells whether the mapping holding addr has the hg flag.
func advisedHuge(t *testing.T, addr uintptr) bool {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		first, _, _ := strings.Cut(line, " ")
		if lo, hi, ok := strings.Cut(first, "-"); ok && !strings.HasSuffix(first, ":") { // a mapping's first line
			a, err1 := strconv.ParseUint(lo, 16, 64)
			z, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uint64(addr) >= a && uint64(addr) < z
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Contains(line+" ", " hg ")
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return false
}
