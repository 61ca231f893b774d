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
// memory Linux was asked to back with huge pages (VmFlags "hg" in smaps).
func TestHugeHeapAdvisesTheHeap(t *testing.T) {
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(b), "[never]") {
		t.Skip("this kernel has no transparent huge pages") // the advice is then moot
	}
	HugeHeap(64 << 20)
	b := make([]byte, 32<<20)
	if !advisedHuge(t, uintptr(unsafe.Pointer(&b[0]))) {
		t.Fatal("the allocation after HugeHeap is not in memory advised for huge pages")
	}
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
