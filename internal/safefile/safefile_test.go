package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "call.json")
	if err := Write(p, []byte(`{"id":"a"}`), false); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte(`{"id":"b"}`), false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("overwrite without --force: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != `{"id":"a"}` {
		t.Errorf("a refused write changed the file: %s", b)
	}
	if err := Write(p, []byte(`{"id":"b"}`), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != `{"id":"b"}` {
		t.Errorf("forced write: %s", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := Write(filepath.Join(dir, "no", "such", "x.json"), nil, false); err == nil || !strings.Contains(err.Error(), "no such folder") {
		t.Errorf("missing folder: %v", err)
	}
}

// A big file written in pieces has its writing to disk started as it goes,
// every writeBehind bytes, and lands whole.
func TestBigFileWrittenBehind(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rows.ndjson")
	f, err := Create(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	piece := []byte(strings.Repeat("0123456789abcdef", 1<<16)) // 1 MiB
	for i := range 2*writeBehind/len(piece) + 3 {
		piece[0] = byte('A' + i%26)
		if _, err := f.Write(piece); err != nil {
			t.Fatal(err)
		}
	}
	if f.started != 2*writeBehind || f.written != 2*writeBehind+3<<20 {
		t.Errorf("started %d of %d bytes; want the first %d", f.started, f.written, 2*writeBehind)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil || int64(len(b)) != f.written || b[2<<20] != 'C' || b[len(b)-len(piece)] != byte('A'+(len(b)/len(piece)-1)%26) {
		t.Errorf("%d bytes back (%v), want %d whole", len(b), err, f.written)
	}
}
