package golden

import (
	"strings"
	"testing"
)

func TestDiffNamesTheFirstDifferentLine(t *testing.T) {
	d := Diff([]byte("a\nb\nc\n"), []byte("a\nb\nC\x1b\n"))
	if !strings.Contains(d, "line 3") || !strings.Contains(d, `want "c"`) || !strings.Contains(d, `got  "C\x1b"`) {
		t.Errorf("Diff:\n%s", d)
	}
	if d := Diff([]byte("a\n"), []byte("a\nmore\n")); !strings.Contains(d, "line 2") || !strings.Contains(d, "(end of text)") {
		t.Errorf("a longer text:\n%s", d)
	}
}

// A test whose output differs from its golden file fails.
func TestAssertFailsOnADifference(t *testing.T) {
	if *update {
		t.Skip("-update rewrites the golden files, so nothing can differ")
	}
	ft := &fakeT{TB: t}
	Assert(ft, "example.golden", []byte("something else\n"))
	if !ft.failed {
		t.Error("Assert passed output that differs from testdata/example.golden")
	}
	Assert(t, "example.golden", []byte("the expected text\n"))
}

type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}
