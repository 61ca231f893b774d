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
